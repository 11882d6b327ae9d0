-- Schema version 3: what a share link shows (lib/share_view.c: the holder's
-- own tasks and wishes, the goals, the safety plan, the next meeting, the
-- whole plan), chosen by the worker when making the link; and up to which
-- revision each worker has seen what the family added through links
-- (lib/inbox.c).  A link without a row shows the default (own goals
-- safety).  Rows follow their link and case when those are removed.

CREATE TABLE share_scopes (
	link_id  INTEGER PRIMARY KEY REFERENCES share_links(id) ON DELETE CASCADE,
	scopes   TEXT NOT NULL           -- scope names separated by one space
);

CREATE TABLE inbox_seen (
	user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	case_ref TEXT NOT NULL REFERENCES cases(ref) ON DELETE CASCADE,
	rev      INTEGER NOT NULL CHECK (rev >= 0),
	PRIMARY KEY (user_id, case_ref)
) WITHOUT ROWID;
