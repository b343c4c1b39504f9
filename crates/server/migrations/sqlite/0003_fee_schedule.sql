-- An operator's import of CMS's complete fee-schedule files (advocate-server import-fee-schedule).
-- Without one, the server prices the catalog from the tables bundled in the domain crate.
-- An import replaces every table below in one transaction.
CREATE TABLE fee_schedule_imports (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    year INTEGER NOT NULL,
    conversion_factor INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    source_files TEXT NOT NULL
);

CREATE TABLE fee_schedule_rvus (
    code TEXT NOT NULL,
    modifier TEXT NOT NULL,
    status TEXT NOT NULL,
    reference_only INTEGER NOT NULL,
    pctc_indicator INTEGER NOT NULL,
    global_days TEXT NOT NULL,
    work_rvu INTEGER NOT NULL,
    office_pe_rvu INTEGER,
    facility_pe_rvu INTEGER,
    mp_rvu INTEGER NOT NULL,
    PRIMARY KEY (code, modifier)
);

CREATE TABLE fee_schedule_localities (
    mac TEXT NOT NULL,
    locality TEXT NOT NULL,
    state TEXT NOT NULL,
    name TEXT NOT NULL,
    work_gpci INTEGER NOT NULL,
    pe_gpci INTEGER NOT NULL,
    mp_gpci INTEGER NOT NULL,
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
    plus_four INTEGER NOT NULL
);

CREATE TABLE lab_fee_schedule (
    code TEXT PRIMARY KEY,
    cents INTEGER NOT NULL
);
