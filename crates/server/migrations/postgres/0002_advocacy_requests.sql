-- Members' requests for an advocate. request_json holds the member's answers and contact details
-- (health information): it is never logged and only read through the app's audited paths.
CREATE TABLE advocacy_requests (
    reference      TEXT        PRIMARY KEY,
    submitted_at   TIMESTAMPTZ NOT NULL,
    service_id     TEXT        NOT NULL,
    service_title  TEXT        NOT NULL,
    area           TEXT        NOT NULL,
    handler        TEXT        NOT NULL CHECK (handler IN ('advocate', 'carrier')),
    routing_reason TEXT        NOT NULL,
    state          TEXT        NOT NULL,
    outreach_from  TIMESTAMPTZ NOT NULL,
    outreach_by    TIMESTAMPTZ NOT NULL,
    verifier_salt  TEXT        NOT NULL,
    verifier_hash  TEXT        NOT NULL,
    request_json   JSONB       NOT NULL
);
CREATE INDEX advocacy_requests_by_state ON advocacy_requests (state, outreach_by);

CREATE TABLE idempotency_keys (
    key_hash   TEXT        PRIMARY KEY,
    body_hash  TEXT        NOT NULL,
    reference  TEXT        NOT NULL REFERENCES advocacy_requests (reference),
    created_at TIMESTAMPTZ NOT NULL
);
