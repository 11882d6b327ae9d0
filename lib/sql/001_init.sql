-- Schema version 1: cases and their append-only revisions, organisation
-- settings with their own append-only change log.

CREATE TABLE cases (
	id       INTEGER PRIMARY KEY,
	ref      TEXT NOT NULL UNIQUE,
	created  TEXT NOT NULL,          -- ISO 8601 UTC of revision 1
	head     INTEGER NOT NULL,       -- latest revision number
	-- a summary of the latest revision, for lists without parsing documents
	child    TEXT,
	opened   TEXT,
	updated  TEXT NOT NULL,
	npersons INTEGER NOT NULL
);

-- Every state a case has had.  Rows are never changed or removed.
CREATE TABLE revisions (
	case_id  INTEGER NOT NULL REFERENCES cases(id),
	rev      INTEGER NOT NULL CHECK (rev >= 1),
	author   TEXT NOT NULL CHECK (length(author) > 0),
	created  TEXT NOT NULL,
	doc      TEXT NOT NULL,          -- the kring-case/1 document, compact JSON
	UNIQUE (case_id, rev)
);

CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

CREATE TABLE settings (
	key      TEXT PRIMARY KEY,
	value    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings_log (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL,
	value    TEXT NOT NULL,
	changed  TEXT NOT NULL
);
CREATE TRIGGER settings_log_no_update BEFORE UPDATE ON settings_log
BEGIN SELECT RAISE(ABORT, 'the settings log is append-only'); END;
CREATE TRIGGER settings_log_no_delete BEFORE DELETE ON settings_log
BEGIN SELECT RAISE(ABORT, 'the settings log is append-only'); END;
