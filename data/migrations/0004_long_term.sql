-- Hearth on-device schema, version 4: long-term placements.
--
-- Social workers visit at most every 6 weeks, but at most every 3 months
-- once a placement is intended to last until the child is 18. The carer (or,
-- once sync exists, the LA) records that intention here.
ALTER TABLE children ADD COLUMN long_term INTEGER NOT NULL DEFAULT 0 CHECK (long_term IN (0, 1));
