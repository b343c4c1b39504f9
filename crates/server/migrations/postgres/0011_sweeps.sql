-- The regular jobs (deleting bills past their retention, ended sessions): when each last ran.
-- Servers sharing a database claim a run here, so each job runs once per period, on one of them.
CREATE TABLE sweeps (
    name     TEXT   PRIMARY KEY,
    last_run BIGINT NOT NULL  -- Unix seconds
);
