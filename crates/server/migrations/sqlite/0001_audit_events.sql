-- Who saw or changed what, and when. Rows are only ever inserted: the app has no statement that
-- updates or deletes them.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT    NOT NULL,  -- RFC 3339, UTC
    actor       TEXT    NOT NULL,  -- "member", "system" or an advocate's account id
    action      TEXT    NOT NULL,  -- e.g. "request.created", "case.viewed"
    subject     TEXT    NOT NULL,  -- what was touched, e.g. a request reference
    request_id  TEXT    NOT NULL   -- the HTTP request id, also in the logs
);
CREATE INDEX audit_events_by_subject ON audit_events (subject, id);
CREATE TRIGGER audit_events_are_append_only_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
CREATE TRIGGER audit_events_are_append_only_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;
