-- Hearth on-device schema, version 2: care leavers.
--
-- A care leaver keeps milestones about themself, so milestones.child_id may
-- now be NULL, and any milestone can be shared with their personal adviser.
-- SQLite cannot drop a NOT NULL constraint in place, so milestones is
-- rebuilt by the twelve steps of https://www.sqlite.org/lang_altertable.html
-- ("Making Other Kinds Of Table Schema Changes"). migrate.go does the steps
-- that cannot happen inside a transaction: foreign keys are off around it,
-- and PRAGMA foreign_key_check runs before the commit. This file creates the
-- new table, copies every row (tombstones too: sync still has to carry them),
-- drops the old table, renames the new one into place and re-creates the
-- index. No other table refers to milestones, and it has no triggers or
-- views, so nothing else needs re-creating.

CREATE TABLE new_milestones (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    child_id      TEXT REFERENCES children (id), -- NULL: the care leaver's own
    mission       TEXT NOT NULL CHECK (mission IN ('relationships', 'education', 'home', 'work', 'health')),
    title         BLOB,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'achieved')),
    target_date   TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
    achieved_date TEXT CHECK (achieved_date IS NULL OR date(achieved_date) IS achieved_date),
    notes         BLOB,
    photo_id      TEXT REFERENCES attachments (id),
    shared        INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1))
) STRICT;

INSERT INTO new_milestones (id, created_at, updated_at, deleted_at, child_id, mission, title, status,
                            target_date, achieved_date, notes, photo_id)
SELECT id, created_at, updated_at, deleted_at, child_id, mission, title, status,
       target_date, achieved_date, notes, photo_id
FROM milestones;

DROP TABLE milestones;

ALTER TABLE new_milestones RENAME TO milestones;

CREATE INDEX milestones_child ON milestones (child_id) WHERE deleted_at IS NULL;

-- A care leaver's goals. areas is a bit set of pathway-plan areas (see
-- goals.go for the bit of each area). shared: the care leaver chose to let
-- their personal adviser see it; nothing is shared by default.
CREATE TABLE goals (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    mission     TEXT NOT NULL CHECK (mission IN ('relationships', 'education', 'home', 'work', 'health')),
    title       BLOB,
    why         BLOB,
    target_date TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
    areas       INTEGER CHECK (areas IS NULL OR areas BETWEEN 0 AND 255),
    shared      INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1))
) STRICT;

-- A goal's checklist, in position order.
CREATE TABLE goal_steps (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    goal_id    TEXT NOT NULL REFERENCES goals (id),
    position   INTEGER NOT NULL,
    text       BLOB,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
) STRICT;

CREATE INDEX goal_steps_goal ON goal_steps (goal_id, position) WHERE deleted_at IS NULL;

-- The care leaver's own profile. pathway_review_date is the last pathway
-- plan review, as the user tells it; the next one is worked out from it.
CREATE TABLE leaver_profile (
    id                  TEXT PRIMARY KEY,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    name                BLOB,
    date_of_birth       TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
    pathway_review_date TEXT CHECK (pathway_review_date IS NULL OR date(pathway_review_date) IS pathway_review_date),
    adviser_name        BLOB,
    adviser_contact     BLOB
) STRICT;

-- One live care leaver profile per store.
CREATE UNIQUE INDEX leaver_profile_one_live ON leaver_profile ((deleted_at IS NULL)) WHERE deleted_at IS NULL;
