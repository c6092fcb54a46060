-- Hearth on-device schema, version 1.
--
-- Conventions (see data/store.go and data/fields.go):
--  * every table has id TEXT PRIMARY KEY (a UUID v4), created_at, updated_at
--    and deleted_at: RFC 3339 UTC timestamps with nine fraction digits, so
--    that they sort as text. deleted_at is NULL while the row is live;
--    deleting sets it and clears the sensitive columns (a tombstone that
--    sync can carry to the LA later).
--  * calendar dates are 'YYYY-MM-DD' text, NULL when unknown.
--  * BLOB columns hold XChaCha20-Poly1305 ciphertext (24-byte nonce first).
--    Tables are STRICT, so a plain-text value can never land in one of them.
--  * CHECK constraints repeat the Go enums as a backstop.

CREATE TABLE households (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('foster', 'short_break', 'kinship_foster',
                      'special_guardian', 'child_arrangements', 'informal_kinship')),
    approval_date TEXT CHECK (approval_date IS NULL OR date(approval_date) IS approval_date)
) STRICT;

-- One live household per device.
CREATE UNIQUE INDEX households_one_live ON households ((deleted_at IS NULL)) WHERE deleted_at IS NULL;

CREATE TABLE carers (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    household_id TEXT NOT NULL REFERENCES households (id),
    position     INTEGER NOT NULL,
    name         BLOB
) STRICT;

CREATE INDEX carers_household ON carers (household_id, position) WHERE deleted_at IS NULL;

CREATE TABLE children (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    name            BLOB,
    preferred_name  BLOB,
    date_of_birth   TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
    arrangement     TEXT NOT NULL CHECK (arrangement IN ('foster', 'kinship_foster', 'sgo', 'cao',
                        'informal_kinship', 'private_fostering')),
    placement_start TEXT CHECK (placement_start IS NULL OR date(placement_start) IS placement_start),
    placement_end   TEXT CHECK (placement_end IS NULL OR date(placement_end) IS placement_end),
    school          BLOB,
    gp              BLOB,
    dentist         BLOB,
    la_reference    TEXT
) STRICT;

CREATE TABLE attachments (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    name       BLOB,
    mime       TEXT,
    content    BLOB
) STRICT;

CREATE TABLE milestones (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    child_id      TEXT NOT NULL REFERENCES children (id),
    mission       TEXT NOT NULL CHECK (mission IN ('relationships', 'education', 'home', 'work', 'health')),
    title         BLOB,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'achieved')),
    target_date   TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
    achieved_date TEXT CHECK (achieved_date IS NULL OR date(achieved_date) IS achieved_date),
    notes         BLOB,
    photo_id      TEXT REFERENCES attachments (id)
) STRICT;

CREATE INDEX milestones_child ON milestones (child_id) WHERE deleted_at IS NULL;

-- tags is a bit set (see recordings.go for the bit of each tag).
CREATE TABLE recordings (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    child_id    TEXT NOT NULL REFERENCES children (id),
    day         TEXT NOT NULL CHECK (date(day) IS day),
    text        BLOB,
    tags        INTEGER CHECK (tags IS NULL OR tags BETWEEN 0 AND 63),
    significant INTEGER NOT NULL CHECK (significant IN (0, 1))
) STRICT;

-- Paging through one child's diary, newest first, reads straight off this.
CREATE INDEX recordings_child_day ON recordings (child_id, day DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX recordings_day ON recordings (day DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE needs (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    child_id      TEXT REFERENCES children (id),
    category      TEXT NOT NULL CHECK (category IN ('financial', 'legal', 'therapeutic', 'respite', 'training',
                      'equipment', 'education', 'health', 'housing', 'peer', 'other')),
    description   BLOB,
    urgency       TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'raised', 'acknowledged', 'in_progress', 'met', 'declined')),
    response      BLOB,
    status_set_at TEXT
) STRICT;

CREATE INDEX needs_created ON needs (created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE trainings (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    title          BLOB,
    provider       BLOB,
    date           TEXT CHECK (date IS NULL OR date(date) IS date),
    hours          REAL NOT NULL CHECK (hours >= 0),
    format         TEXT NOT NULL CHECK (format IN ('course', 'elearning', 'reading', 'supervision', 'peer_group')),
    evidence       BLOB,
    certificate_id TEXT REFERENCES attachments (id)
) STRICT;

-- The TSD standards a training record evidences (1-7; family and friends
-- carers use 1-6).
CREATE TABLE training_standards (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    training_id TEXT NOT NULL REFERENCES trainings (id),
    standard    INTEGER NOT NULL CHECK (standard BETWEEN 1 AND 7),
    UNIQUE (training_id, standard)
) STRICT;

-- LA-owned: the supervising social worker's sign-off of one TSD standard.
CREATE TABLE sign_offs (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    standard   INTEGER NOT NULL UNIQUE CHECK (standard BETWEEN 1 AND 7),
    signed_on  TEXT CHECK (signed_on IS NULL OR date(signed_on) IS signed_on)
) STRICT;

-- Plain, non-sensitive preferences (language, theme, text size); readable
-- while the store is locked so the lock screen can honour them.
CREATE TABLE settings (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    key        TEXT NOT NULL UNIQUE,
    value      TEXT NOT NULL
) STRICT;

-- The data key, wrapped once per unlock method. Salt and Argon2 parameters
-- are not secret; wrapped is ciphertext.
CREATE TABLE key_wraps (
    id               TEXT PRIMARY KEY,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    method           TEXT NOT NULL UNIQUE CHECK (method <> ''),
    salt             BLOB,
    argon_time       INTEGER NOT NULL DEFAULT 0,
    argon_memory_kib INTEGER NOT NULL DEFAULT 0,
    argon_threads    INTEGER NOT NULL DEFAULT 0,
    wrapped          BLOB,
    CHECK (deleted_at IS NOT NULL OR wrapped IS NOT NULL)
) STRICT;

-- A known value sealed under the data key at first unlock, so a wrong key
-- is refused before it can write rows nobody could ever read.
CREATE TABLE key_check (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    sealed     BLOB NOT NULL
) STRICT;
