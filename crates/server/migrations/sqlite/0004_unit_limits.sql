-- An operator's import of CMS's MUE table (advocate-server import-unit-limits). Without one, the
-- bill review uses the bundled table. An import replaces the whole table in one transaction.
CREATE TABLE unit_limits (
    code TEXT PRIMARY KEY,
    max_units INTEGER NOT NULL
);
