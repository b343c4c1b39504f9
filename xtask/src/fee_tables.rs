//! `cargo xtask fee-tables [DATA_DIR]`: writes the bundled fee-schedule rows for the procedure
//! catalog's codes (crates/domain/src/bundled_schedule/rows_2025.rs) from CMS's 2025 files in
//! DATA_DIR (default testdata/, their copies; a folder of CMS's own files, plain or gzipped, for a
//! new release). Run it after adding codes to the catalog; the domain's tests then check the
//! result against the same files.

use crate::run::workspace_root;
use crate::testdata;
use advocate_domain::cms_files::{csv_cells, parse_clfs_record, parse_rvu_record};
use advocate_domain::fee_schedule::GlobalPeriod;
use advocate_domain::procedures::{Setting, procedures};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::PathBuf;

const OUTPUT: &str = "crates/domain/src/bundled_schedule/rows_2025.rs";

pub fn write(args: &[String]) -> Result<(), String> {
    let data = args.first().map(PathBuf::from).unwrap_or_else(|| workspace_root().join(testdata::FOLDER));
    // CMS's files are Latin-1 in places (the lab file's descriptions); only ASCII fields are used.
    let read = |path: &str| testdata::read(&data.join(path)).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    let catalog = procedures();
    let lab_codes: BTreeSet<String> =
        catalog.iter().filter(|p| p.settings.contains(&Setting::Lab)).flat_map(|p| p.codes.iter().map(|c| c.code.clone())).collect();
    let clinician_codes: BTreeSet<String> =
        catalog.iter().filter(|p| !p.settings.contains(&Setting::Lab)).flat_map(|p| p.codes.iter().map(|c| c.code.clone())).collect();

    let mut rows = Vec::new();
    for line in read("cms-pfs-2025/PPRRVU2025_Oct.csv")?.lines() {
        let Ok(record) = parse_rvu_record(&csv_cells(line)) else {
            continue;
        };
        let wanted = clinician_codes.contains(&record.hcpcs) && ["", "26", "TC"].contains(&record.modifier.as_str());
        if wanted {
            rows.push(record);
        }
    }
    rows.sort_by(|a, b| (&a.hcpcs, &a.modifier).cmp(&(&b.hcpcs, &b.modifier)));
    let missing: Vec<&String> = clinician_codes.iter().filter(|code| !rows.iter().any(|r| &r.hcpcs == *code)).collect();
    if !missing.is_empty() {
        return Err(format!("not in the RVU file: {missing:?}"));
    }

    let mut rates: Vec<(String, i64)> = read("cms-clfs-2025/CLFS2025Q2V1.csv")?
        .lines()
        .filter_map(|line| parse_clfs_record(&csv_cells(line)))
        .filter(|(code, _)| lab_codes.contains(code))
        .collect();
    rates.sort();
    rates.dedup_by(|a, b| a.0 == b.0);
    if rates.len() != lab_codes.len() {
        return Err(format!(
            "lab codes without a national rate: {:?}",
            lab_codes.iter().filter(|c| !rates.iter().any(|r| &r.0 == *c)).collect::<Vec<_>>()
        ));
    }

    let mut out = String::from(
        "//! Written by `cargo xtask fee-tables`; do not edit by hand.\n\
         //!\n\
         //! Sources (US government works, public domain): CMS, CY 2025 Physician Fee Schedule relative value\n\
         //! file PPRRVU2025_Oct.csv (October 2025 release): status, PC/TC indicator, global days and RVUs in\n\
         //! hundredths; CMS, Clinical Laboratory Fee Schedule CLFS2025Q2V1.csv (2025 Q2): national limits in\n\
         //! cents. Only the procedure catalog's codes; no descriptions (CPT descriptions are the AMA's).\n\n\
         use super::{BundledRow, r};\n\
         #[allow(unused_imports)]\n\
         use crate::fee_schedule::GlobalPeriod::{self, Days, Maternity};\n\n\
         const NONE: GlobalPeriod = GlobalPeriod::None;\n\n\
         #[rustfmt::skip]\npub(super) const RVUS: &[BundledRow] = &[\n",
    );
    for record in &rows {
        let status = record.status_code;
        let global = match GlobalPeriod::from_code(&record.global_days) {
            GlobalPeriod::None => "NONE".to_string(),
            GlobalPeriod::Days(days) => format!("Days({days})"),
            GlobalPeriod::Maternity => "Maternity".to_string(),
        };
        let option = |value: Option<u32>| value.map_or("None".to_string(), |v| format!("Some({v})"));
        let e = &record.entry;
        writeln!(
            out,
            "    r({:?}, {:?}, {status:?}, {}, {}, {global}, {}, {}, {}, {}),",
            record.hcpcs,
            record.modifier,
            record.reference_only,
            record.pctc_indicator,
            e.work_rvu,
            option(e.non_facility_pe_rvu),
            option(e.facility_pe_rvu),
            e.mp_rvu
        )
        .expect("writing to a string");
    }
    out.push_str("];\n\n#[rustfmt::skip]\npub(super) const LAB_RATES: &[(&str, i64)] = &[\n");
    for (code, cents) in &rates {
        writeln!(out, "    ({code:?}, {cents}),").expect("writing to a string");
    }
    out.push_str("];\n");
    std::fs::write(workspace_root().join(OUTPUT), out).map_err(|e| format!("{OUTPUT}: {e}"))?;
    println!("wrote {OUTPUT}: {} RVU rows for {} codes, {} lab rates", rows.len(), clinician_codes.len(), rates.len());
    Ok(())
}
