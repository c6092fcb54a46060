-- The reference server's first schema. Times are Unix nanoseconds (0 for
-- none); fields are JSON objects of strings.
CREATE TABLE scopes (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('household', 'leaver')),
	created_at INTEGER NOT NULL
);
CREATE TABLE enrolments (
	subject TEXT PRIMARY KEY,
	scope TEXT NOT NULL REFERENCES scopes(id),
	enrolled_at INTEGER NOT NULL
);
CREATE TABLE enrol_codes (
	code_hash TEXT PRIMARY KEY,
	scope TEXT NOT NULL REFERENCES scopes(id),
	expires_at INTEGER NOT NULL,
	used_at INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE records (
	scope TEXT NOT NULL,
	kind TEXT NOT NULL,
	id TEXT NOT NULL,
	user_fields TEXT NOT NULL,
	la_fields TEXT NOT NULL,
	user_at INTEGER NOT NULL,
	la_at INTEGER NOT NULL,
	deleted INTEGER NOT NULL,
	revision INTEGER NOT NULL,
	PRIMARY KEY (scope, kind, id)
);
CREATE UNIQUE INDEX records_revision ON records(revision);
CREATE INDEX records_scope_revision ON records(scope, revision);
CREATE TABLE acks (
	subject TEXT NOT NULL,
	idempotency_key TEXT NOT NULL,
	status TEXT NOT NULL,
	reason TEXT NOT NULL,
	revision INTEGER NOT NULL,
	PRIMARY KEY (subject, idempotency_key)
);
CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('revision', 0);
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	subject TEXT NOT NULL,
	action TEXT NOT NULL,
	scope TEXT NOT NULL,
	outcome TEXT NOT NULL,
	reason TEXT NOT NULL
);
