-- Schema version 2: accounts, sessions, login throttling, case assignment,
-- share links (lib/auth.c) and the chained, append-only audit trail
-- (lib/audit.c).  Times that code compares are integers (seconds since the
-- epoch); times that people read are ISO 8601 UTC text.  Tokens are never
-- stored, only their BLAKE2b-256 hash.

CREATE TABLE users (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 64),
	role     TEXT NOT NULL CHECK (role IN ('worker', 'lead', 'analyst', 'admin')),
	team     TEXT NOT NULL DEFAULT '',
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	pwhash   TEXT NOT NULL,          -- argon2id, crypto_pwhash_str format
	created  TEXT NOT NULL,
	changed  TEXT NOT NULL           -- last change of password, role or status
);
CREATE INDEX users_team ON users(team);

CREATE TABLE sessions (
	id         INTEGER PRIMARY KEY,
	token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	user_id    INTEGER NOT NULL REFERENCES users(id),
	created    INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins, counted per account name (lower case) and per address.
CREATE TABLE login_failures (
	kind     TEXT NOT NULL CHECK (kind IN ('account', 'address')),
	key      TEXT NOT NULL,
	at       INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(kind, key, at);

CREATE TABLE login_lockouts (
	kind     TEXT NOT NULL CHECK (kind IN ('account', 'address')),
	key      TEXT NOT NULL,
	until    INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE TABLE assignments (
	case_ref TEXT NOT NULL REFERENCES cases(ref),
	user_id  INTEGER NOT NULL REFERENCES users(id),
	since    TEXT NOT NULL,
	PRIMARY KEY (case_ref, user_id)
) WITHOUT ROWID;
CREATE INDEX assignments_user ON assignments(user_id, case_ref);

CREATE TABLE share_links (
	id         INTEGER PRIMARY KEY,
	token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	case_ref   TEXT NOT NULL REFERENCES cases(ref),
	person_id  TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES users(id),
	created    INTEGER NOT NULL,
	expires    INTEGER NOT NULL,
	revoked    INTEGER                -- NULL while valid
);
CREATE INDEX share_links_case ON share_links(case_ref);

-- The audit trail (NEN 7513).  hash = SHA-256(previous hash || canonical
-- row), see lib/audit.c; AUTOINCREMENT keeps ids from being reused, so a
-- removed row leaves a gap and sqlite_sequence remembers the highest id.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	at        TEXT NOT NULL,
	who       TEXT NOT NULL CHECK (length(who) > 0),
	on_behalf TEXT,
	action    TEXT NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'E', 'P', 'F', 'A')),
	case_ref  TEXT,
	address   TEXT,
	detail    TEXT,
	hash      BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_case ON audit(case_ref, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
