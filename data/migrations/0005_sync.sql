-- Hearth on-device schema, version 5: syncing with the local authority.
--
-- outbox: one row per change still to reach the LA, written in the same
-- transaction as the change itself. It holds no field values (they would
-- sit here in plain text): at push time the app reads the current record.
-- id is the operation's idempotency key, random and fixed once written, so
-- a batch re-sent after a crash is applied only once by the server. seq is
-- the order changes were made in; priority puts significant-event
-- recordings first. sent_at is set just before a batch goes out: a change
-- made after that gets a new row instead of joining one the server may
-- already have applied. A row is deleted when the server acknowledges it.
CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    seq        INTEGER NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('child', 'need', 'training', 'milestone', 'recording', 'goal', 'goal_step')),
    record_id  TEXT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    priority   INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    sent_at    TEXT
) STRICT;

-- Changes to one record coalesce while they wait to be sent.
CREATE UNIQUE INDEX outbox_unsent ON outbox (kind, record_id) WHERE sent_at IS NULL;
CREATE INDEX outbox_order ON outbox (priority DESC, seq);

-- Operations the LA refused, with its reason (sealed: a reason may quote
-- what was sent). They are not retried; the user sees them listed.
CREATE TABLE sync_rejected (
    id         TEXT PRIMARY KEY, -- the operation's idempotency key
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    op         TEXT NOT NULL,
    reason     BLOB
) STRICT;

-- What the device knows about each record's copy at the LA: when each
-- owner last changed it there (so screens can say "set by your local
-- authority on ..."), and whether the server holds it (so withdrawing a
-- record that never left the device sends nothing).
CREATE TABLE sync_records (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    la_at      TEXT,
    carer_at   TEXT,
    on_server  INTEGER NOT NULL DEFAULT 0 CHECK (on_server IN (0, 1)),
    UNIQUE (kind, record_id)
) STRICT;
