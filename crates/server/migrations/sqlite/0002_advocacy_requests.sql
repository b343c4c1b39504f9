-- Members' requests for an advocate. request_json holds the member's answers and contact details
-- (health information): it is never logged and only read through the app's audited paths.
CREATE TABLE advocacy_requests (
    reference      TEXT PRIMARY KEY,
    submitted_at   TEXT NOT NULL,          -- RFC 3339, UTC
    service_id     TEXT NOT NULL,
    service_title  TEXT NOT NULL,
    area           TEXT NOT NULL,
    handler        TEXT NOT NULL CHECK (handler IN ('advocate', 'carrier')),
    routing_reason TEXT NOT NULL,
    state          TEXT NOT NULL,
    outreach_from  TEXT NOT NULL,
    outreach_by    TEXT NOT NULL,
    verifier_salt  TEXT NOT NULL,
    verifier_hash  TEXT NOT NULL,          -- SHA-256 of the verifier and salt; the verifier itself is never stored
    request_json   TEXT NOT NULL
);
CREATE INDEX advocacy_requests_by_state ON advocacy_requests (state, outreach_by);

-- Idempotency keys, stored only as hashes, each tied to the request it created.
CREATE TABLE idempotency_keys (
    key_hash   TEXT PRIMARY KEY,
    body_hash  TEXT NOT NULL,
    reference  TEXT NOT NULL REFERENCES advocacy_requests (reference),
    created_at TEXT NOT NULL
);
