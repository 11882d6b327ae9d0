-- Schema version 8 (issue 13): the register of foster families and family
-- homes (lib/family.c, docs/foster-families.md).
--
-- families: one row per family with its latest kring-family/1 document
-- (compact JSON) and what lists and the access decision need without
-- parsing it: the name, the kring account of the family's own worker
-- (NULL when none is named) and the capacity.  family_revisions: every
-- state a family has had, append-only like the revisions of a case.
--
-- family_placements: which placements of which case name a family
-- (placements[].family of the latest revision), rewritten with every
-- revision of the case (kr_store_put).  A worker who may read the case may
-- read the family; the register counts a family's current use from it.
-- Erasing a case removes its rows (it has a case_id column).

CREATE TABLE families (
	id       TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
	head     INTEGER NOT NULL CHECK (head >= 1),
	name     TEXT,
	worker   TEXT COLLATE NOCASE,   -- users.name of the family's own worker
	capacity INTEGER NOT NULL DEFAULT 0,
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	doc      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX families_worker ON families(worker);

CREATE TABLE family_revisions (
	family_id TEXT NOT NULL REFERENCES families(id),
	rev       INTEGER NOT NULL CHECK (rev >= 1),
	author    TEXT NOT NULL CHECK (length(author) > 0),
	created   TEXT NOT NULL,
	doc       TEXT NOT NULL,
	PRIMARY KEY (family_id, rev)
) WITHOUT ROWID;

CREATE TRIGGER family_revisions_no_update BEFORE UPDATE ON family_revisions
BEGIN SELECT RAISE(ABORT, 'family revisions are append-only'); END;
CREATE TRIGGER family_revisions_no_delete BEFORE DELETE ON family_revisions
BEGIN SELECT RAISE(ABORT, 'family revisions are append-only'); END;

CREATE TABLE family_placements (
	case_id      INTEGER NOT NULL REFERENCES cases(id),
	placement_id TEXT NOT NULL,
	family_id    TEXT NOT NULL REFERENCES families(id),
	start        INTEGER NOT NULL,  -- day numbers: first possible day of the start
	until        INTEGER,           -- last possible day of the end; NULL while it goes on
	PRIMARY KEY (case_id, placement_id)
) WITHOUT ROWID;
CREATE INDEX family_placements_family ON family_placements(family_id, case_id);
