-- no-transaction
-- Every time is Unix seconds (BIGINT), as in the tables since 0005: the first tables stored RFC
-- 3339 text, which now turns into seconds, so that both databases run the same SQL.
--
-- SQLite cannot change a column's type, so each table is rebuilt and renamed
-- (https://sqlite.org/lang_altertable.html#otheralter). Other tables refer to advocacy_requests,
-- so foreign keys must be off meanwhile, which SQLite allows only outside a transaction: this
-- migration therefore runs outside sqlx's and begins and commits its own.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE audit_events_in_seconds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,  -- "member", "system", "operator" or "advocate:ID"
    action      TEXT    NOT NULL,  -- e.g. "request.created", "case.viewed"
    subject     TEXT    NOT NULL,  -- what was touched, e.g. a request reference
    request_id  TEXT    NOT NULL   -- the HTTP request id, also in the logs
);
INSERT INTO audit_events_in_seconds (id, occurred_at, actor, action, subject, request_id)
    SELECT id, unixepoch(occurred_at), actor, action, subject, request_id FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_in_seconds RENAME TO audit_events;
CREATE INDEX audit_events_by_subject ON audit_events (subject, id);
CREATE TRIGGER audit_events_are_append_only_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
CREATE TRIGGER audit_events_are_append_only_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;

CREATE TABLE advocacy_requests_in_seconds (
    reference      TEXT   PRIMARY KEY,
    submitted_at   BIGINT NOT NULL,
    service_id     TEXT   NOT NULL,
    service_title  TEXT   NOT NULL,
    area           TEXT   NOT NULL,
    handler        TEXT   NOT NULL CHECK (handler IN ('advocate', 'carrier')),
    routing_reason TEXT   NOT NULL,
    state          TEXT   NOT NULL,
    outreach_from  BIGINT NOT NULL,
    outreach_by    BIGINT NOT NULL,
    verifier_salt  TEXT   NOT NULL,
    verifier_hash  TEXT   NOT NULL,  -- SHA-256 of the verifier and salt; the verifier itself is never stored
    request_json   TEXT   NOT NULL,
    assigned_to    BIGINT REFERENCES advocates (id)
);
INSERT INTO advocacy_requests_in_seconds (reference, submitted_at, service_id, service_title, area, handler, routing_reason,
                                          state, outreach_from, outreach_by, verifier_salt, verifier_hash, request_json, assigned_to)
    SELECT reference, unixepoch(submitted_at), service_id, service_title, area, handler, routing_reason,
           state, unixepoch(outreach_from), unixepoch(outreach_by), verifier_salt, verifier_hash, request_json, assigned_to
    FROM advocacy_requests;
DROP TABLE advocacy_requests;
ALTER TABLE advocacy_requests_in_seconds RENAME TO advocacy_requests;
CREATE INDEX advocacy_requests_by_state ON advocacy_requests (state, outreach_by);

CREATE TABLE idempotency_keys_in_seconds (
    key_hash   TEXT   PRIMARY KEY,
    body_hash  TEXT   NOT NULL,
    reference  TEXT   NOT NULL REFERENCES advocacy_requests (reference),
    created_at BIGINT NOT NULL
);
INSERT INTO idempotency_keys_in_seconds (key_hash, body_hash, reference, created_at)
    SELECT key_hash, body_hash, reference, unixepoch(created_at) FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_in_seconds RENAME TO idempotency_keys;

CREATE TABLE fee_schedule_imports_in_seconds (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    year INTEGER NOT NULL,
    conversion_factor INTEGER NOT NULL,
    imported_at BIGINT NOT NULL,
    source_files TEXT NOT NULL
);
INSERT INTO fee_schedule_imports_in_seconds (id, year, conversion_factor, imported_at, source_files)
    SELECT id, year, conversion_factor, unixepoch(imported_at), source_files FROM fee_schedule_imports;
DROP TABLE fee_schedule_imports;
ALTER TABLE fee_schedule_imports_in_seconds RENAME TO fee_schedule_imports;

COMMIT;
PRAGMA foreign_keys = ON;
