-- The reference server's first schema. Times are Unix nanoseconds (0 for
-- none); fields are JSON objects of strings.
CREATE TABLE scopes (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('household', 'leaver')),
	created_at BIGINT NOT NULL
);
CREATE TABLE enrolments (
	subject TEXT PRIMARY KEY,
	scope TEXT NOT NULL REFERENCES scopes(id),
	enrolled_at BIGINT NOT NULL
);
CREATE TABLE enrol_codes (
	code_hash TEXT PRIMARY KEY,
	scope TEXT NOT NULL REFERENCES scopes(id),
	expires_at BIGINT NOT NULL,
	used_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE records (
	scope TEXT NOT NULL,
	kind TEXT NOT NULL,
	id TEXT NOT NULL,
	user_fields TEXT NOT NULL,
	la_fields TEXT NOT NULL,
	user_at BIGINT NOT NULL,
	la_at BIGINT NOT NULL,
	deleted SMALLINT NOT NULL,
	revision BIGINT NOT NULL,
	PRIMARY KEY (scope, kind, id)
);
CREATE UNIQUE INDEX records_revision ON records(revision);
CREATE INDEX records_scope_revision ON records(scope, revision);
CREATE TABLE acks (
	subject TEXT NOT NULL,
	idempotency_key TEXT NOT NULL,
	status TEXT NOT NULL,
	reason TEXT NOT NULL,
	revision BIGINT NOT NULL,
	PRIMARY KEY (subject, idempotency_key)
);
CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('revision', 0);
CREATE TABLE audit (
	id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at BIGINT NOT NULL,
	subject TEXT NOT NULL,
	action TEXT NOT NULL,
	scope TEXT NOT NULL,
	outcome TEXT NOT NULL,
	reason TEXT NOT NULL
);
