-- Schema version 11 (issue 10): destroying a case destroys the family plans
-- that name it.  A family plan (009_family_plans.sql) holds the names of the
-- children and their people in its own text (its name, goals, agreements),
-- in every revision, so the plan cannot be kept without the child; when a
-- case is destroyed (lib/retention.c), every plan that any revision of it
-- links to the case is destroyed with it, every revision.  Like the
-- revisions of a case, a plan's revisions may be deleted only while the
-- `destroying` row exists, which is only inside the transaction that
-- destroys a case.
DROP TRIGGER family_plan_revisions_no_delete;
CREATE TRIGGER family_plan_revisions_no_delete BEFORE DELETE ON family_plan_revisions
WHEN NOT EXISTS (SELECT 1 FROM destroying)
BEGIN SELECT RAISE(ABORT, 'family plan revisions are append-only'); END;
