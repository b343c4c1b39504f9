-- An operator's import of CMS's complete fee-schedule files (advocate-server import-fee-schedule).
-- Without one, the server prices the catalog from the tables bundled in the domain crate.
-- An import replaces every table below in one transaction.
CREATE TABLE fee_schedule_imports (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    year BIGINT NOT NULL,
    conversion_factor BIGINT NOT NULL,
    imported_at TEXT NOT NULL,
    source_files TEXT NOT NULL
);

CREATE TABLE fee_schedule_rvus (
    code TEXT NOT NULL,
    modifier TEXT NOT NULL,
    status TEXT NOT NULL,
    reference_only BIGINT NOT NULL,
    pctc_indicator BIGINT NOT NULL,
    global_days TEXT NOT NULL,
    work_rvu BIGINT NOT NULL,
    office_pe_rvu BIGINT,
    facility_pe_rvu BIGINT,
    mp_rvu BIGINT NOT NULL,
    PRIMARY KEY (code, modifier)
);

CREATE TABLE fee_schedule_localities (
    mac TEXT NOT NULL,
    locality TEXT NOT NULL,
    state TEXT NOT NULL,
    name TEXT NOT NULL,
    work_gpci BIGINT NOT NULL,
    pe_gpci BIGINT NOT NULL,
    mp_gpci BIGINT NOT NULL,
    PRIMARY KEY (mac, locality)
);

CREATE TABLE fee_schedule_locality_counties (
    mac TEXT NOT NULL,
    locality TEXT NOT NULL,
    state_name TEXT NOT NULL,
    area TEXT NOT NULL,
    counties TEXT NOT NULL
);

CREATE TABLE fee_schedule_zips (
    zip TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    mac TEXT NOT NULL,
    locality TEXT NOT NULL,
    plus_four BIGINT NOT NULL
);

CREATE TABLE lab_fee_schedule (
    code TEXT PRIMARY KEY,
    cents BIGINT NOT NULL
);
