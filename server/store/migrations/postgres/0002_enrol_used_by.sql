-- Who used each enrolment code, so a device whose enrol answer was lost
-- can send the same code again and be told it is enrolled, instead of
-- being refused for a code it used itself.
ALTER TABLE enrol_codes ADD COLUMN used_by TEXT NOT NULL DEFAULT '';
