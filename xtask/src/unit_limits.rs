//! `cargo xtask unit-limits [FILE]`: writes the project's table of daily unit limits
//! (crates/server/data/unit-limits.tsv) from CMS's practitioner MUE table in JSON (default
//! testdata/mue/practitioner-mue-2026q2-dos.json, gzipped there), with the domain's own reading
//! of it.

use crate::run::workspace_root;
use crate::testdata;
use advocate_domain::unit_limits::{MueEdit, UnitLimits};
use std::collections::BTreeMap;
use std::path::PathBuf;

const OUTPUT: &str = "crates/server/data/unit-limits.tsv";
/// The table under testdata/.
const DEFAULT_FILE: &str = "mue/practitioner-mue-2026q2-dos.json";

const HEADER: &str = "# Daily unit limits: Medicare's medically unlikely edits for practitioner services, date-of-service\n\
                      # edits (CMS, 2026 Q2; US government work, public domain). CODE<TAB>UNITS. Written by\n\
                      # `cargo xtask unit-limits`; refresh a deployment with `advocate-server import-unit-limits`.\n";

pub fn write(args: &[String]) -> Result<(), String> {
    let file = args.first().map(PathBuf::from).unwrap_or_else(|| workspace_root().join(testdata::FOLDER).join(DEFAULT_FILE));
    let table: BTreeMap<String, MueEdit> =
        serde_json::from_slice(&testdata::read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
    let limits = UnitLimits::from_cms_table(&table);
    std::fs::write(workspace_root().join(OUTPUT), format!("{HEADER}{}", limits.to_table())).map_err(|e| format!("{OUTPUT}: {e}"))?;
    println!("wrote {OUTPUT}: {} codes", limits.len());
    Ok(())
}
