-- The advocate console: advocates' accounts, their sessions, who a request is assigned to, the
-- notes on a case and the changes of its state. Times are Unix seconds.
CREATE TABLE advocates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,  -- trimmed and lower-cased by the server
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('advocate', 'supervisor')),
    password_hash TEXT    NOT NULL,         -- argon2id, PHC string
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);
-- A signed-in advocate. Only the SHA-256 of the cookie's token is stored; the CSRF token is
-- derived from the token, so it is not stored either.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    advocate_id  BIGINT  NOT NULL REFERENCES advocates (id),
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX sessions_by_advocate ON sessions (advocate_id);
ALTER TABLE advocacy_requests ADD COLUMN assigned_to BIGINT REFERENCES advocates (id);
-- Notes on a case: only ever inserted; a trigger refuses changes and deletions.
CREATE TABLE case_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reference   TEXT    NOT NULL REFERENCES advocacy_requests (reference),
    advocate_id BIGINT  NOT NULL REFERENCES advocates (id),
    text        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX case_notes_by_reference ON case_notes (reference, id);
CREATE TRIGGER case_notes_are_append_only_update BEFORE UPDATE ON case_notes
BEGIN SELECT RAISE(ABORT, 'case notes cannot be changed'); END;
CREATE TRIGGER case_notes_are_append_only_delete BEFORE DELETE ON case_notes
BEGIN SELECT RAISE(ABORT, 'case notes cannot be deleted'); END;
-- Each change of a request's state, by whom and why: the case's history. Append-only too.
CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reference   TEXT    NOT NULL REFERENCES advocacy_requests (reference),
    from_state  TEXT    NOT NULL,
    to_state    TEXT    NOT NULL,
    advocate_id BIGINT  NOT NULL REFERENCES advocates (id),
    note        TEXT,
    changed_at  BIGINT  NOT NULL
);
CREATE INDEX status_changes_by_reference ON status_changes (reference, id);
CREATE TRIGGER status_changes_are_append_only_update BEFORE UPDATE ON status_changes
BEGIN SELECT RAISE(ABORT, 'status changes cannot be changed'); END;
CREATE TRIGGER status_changes_are_append_only_delete BEFORE DELETE ON status_changes
BEGIN SELECT RAISE(ABORT, 'status changes cannot be deleted'); END;
