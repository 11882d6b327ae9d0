-- Schema version 9 (issue 13, point 6): the family plan (gezinsplan), one
-- plan for siblings who each have their own case (lib/family_plan*.c,
-- docs/family-plan.md).
--
-- family_plans: one row per plan with its latest kring-familyplan/1
-- document (compact JSON) and its name.  family_plan_revisions: every state
-- a plan has had, append-only like the revisions of a case.
-- family_plan_cases: which cases the latest revision links, by case ref
-- (rewritten with every revision of the plan); the access decision and
-- "the plans a case is in" read it.  Destroying a case destroys the plans
-- that name it (011_family_plan_destroy.sql, lib/retention.c); the plan's
-- view leaves a case that no longer exists out.

CREATE TABLE family_plans (
	id       TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
	head     INTEGER NOT NULL CHECK (head >= 1),
	name     TEXT,
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	doc      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE family_plan_revisions (
	plan_id  TEXT NOT NULL REFERENCES family_plans(id),
	rev      INTEGER NOT NULL CHECK (rev >= 1),
	author   TEXT NOT NULL CHECK (length(author) > 0),
	created  TEXT NOT NULL,
	doc      TEXT NOT NULL,
	PRIMARY KEY (plan_id, rev)
) WITHOUT ROWID;

CREATE TRIGGER family_plan_revisions_no_update BEFORE UPDATE ON family_plan_revisions
BEGIN SELECT RAISE(ABORT, 'family plan revisions are append-only'); END;
CREATE TRIGGER family_plan_revisions_no_delete BEFORE DELETE ON family_plan_revisions
BEGIN SELECT RAISE(ABORT, 'family plan revisions are append-only'); END;

CREATE TABLE family_plan_cases (
	plan_id  TEXT NOT NULL REFERENCES family_plans(id),
	case_ref TEXT NOT NULL,
	PRIMARY KEY (plan_id, case_ref)
) WITHOUT ROWID;
CREATE INDEX family_plan_cases_case ON family_plan_cases(case_ref, plan_id);
