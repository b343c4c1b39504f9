-- Who saw or changed what, and when. Rows are only ever inserted: the app has no statement that
-- updates or deletes them, and a trigger refuses both.
CREATE TABLE audit_events (
    id          BIGSERIAL   PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    request_id  TEXT        NOT NULL
);
CREATE INDEX audit_events_by_subject ON audit_events (subject, id);
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$;
CREATE TRIGGER audit_events_are_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
