//! Reading CMS's complete published files (RVU, GPCI, locality-county, ZIP5, CLFS) for
//! `advocate-server import-fee-schedule`, which replaces the imported schedule in the database in
//! one transaction, so an operator can price any code and refresh the schedule each year. A file
//! that does not read is refused with its line, and nothing is changed.

use advocate_domain::Timestamp;
use advocate_domain::cms_files::{
    GpciRecord, LocalityCountiesRecord, RvuRecord, RvuRecordError, Zip5Record, csv_cells, parse_clfs_record, parse_gpci_record,
    parse_locality_counties_record, parse_rvu_record, parse_zip5_record,
};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

/// Everything one import holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeScheduleImport {
    pub year: u16,
    /// Dollars per RVU in ten-thousandths, from the RVU file.
    pub conversion_factor: u32,
    pub imported_at: Timestamp,
    /// The file names the import was read from, for the record.
    pub source_files: String,
    pub rvus: Vec<RvuRecord>,
    pub localities: Vec<GpciRecord>,
    pub counties: Vec<LocalityCountiesRecord>,
    pub zips: Vec<Zip5Record>,
    pub lab_rates: Vec<(String, i64)>,
}

/// The files of one year's release.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportFiles {
    /// The schedule's calendar year, shown with every estimate.
    #[arg(long)]
    pub year: u16,
    /// The PFS relative value file, e.g. PPRRVU2025_Oct.csv.
    #[arg(long)]
    pub rvu: PathBuf,
    /// The GPCI file, e.g. GPCI2025.csv.
    #[arg(long)]
    pub gpci: PathBuf,
    /// The locality-county file, e.g. 25LOCCO.csv.
    #[arg(long)]
    pub locality_counties: PathBuf,
    /// The ZIP code to locality file, e.g. ZIP5_OCT2025.txt.
    #[arg(long)]
    pub zip5: PathBuf,
    /// The Clinical Laboratory Fee Schedule, e.g. CLFS2025Q2V1.csv.
    #[arg(long)]
    pub clfs: PathBuf,
}

/// CMS's files are Latin-1 in places (descriptions); only ASCII fields are used.
fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads and checks every file; an error names the file and line.
pub fn read_files(files: &ImportFiles, now: Timestamp) -> anyhow::Result<FeeScheduleImport> {
    let mut rvus = Vec::new();
    for (number, line) in read(&files.rvu)?.lines().enumerate() {
        match parse_rvu_record(&csv_cells(line)) {
            Ok(record) => rvus.push(record),
            Err(RvuRecordError::NotARecord) => {}
            Err(error) => bail!("{} line {}: {error}", files.rvu.display(), number + 1),
        }
    }
    let conversion_factor = rvus.first().map(|r| r.conversion_factor).context("the RVU file has no data rows")?;
    if let Some(other) = rvus.iter().find(|r| r.conversion_factor != conversion_factor) {
        bail!("the RVU file has two conversion factors ({} and {})", conversion_factor, other.conversion_factor);
    }
    let localities: Vec<GpciRecord> = read(&files.gpci)?.lines().filter_map(|l| parse_gpci_record(&csv_cells(l))).collect();
    let counties: Vec<LocalityCountiesRecord> =
        read(&files.locality_counties)?.lines().filter_map(|l| parse_locality_counties_record(&csv_cells(l))).collect();
    let zips: Vec<Zip5Record> = read(&files.zip5)?.lines().filter_map(parse_zip5_record).collect();
    let mut lab_rates: Vec<(String, i64)> = read(&files.clfs)?.lines().filter_map(|l| parse_clfs_record(&csv_cells(l))).collect();
    lab_rates.sort();
    lab_rates.dedup_by(|a, b| a.0 == b.0);

    for (name, count, path) in [
        ("rows", localities.len(), &files.gpci),
        ("rows", counties.len(), &files.locality_counties),
        ("ZIP codes", zips.len(), &files.zip5),
        ("rates", lab_rates.len(), &files.clfs),
    ] {
        if count == 0 {
            bail!("{} has no {name}: is it the right file?", path.display());
        }
    }
    let unknown = zips.iter().find(|z| !localities.iter().any(|l| l.mac == z.mac && l.locality == z.locality));
    if let Some(zip) = unknown {
        bail!("{}: ZIP {} names locality {} {} that the GPCI file does not have", files.zip5.display(), zip.zip, zip.mac, zip.locality);
    }
    let name = |p: &PathBuf| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(FeeScheduleImport {
        year: files.year,
        conversion_factor,
        imported_at: now,
        source_files: [&files.rvu, &files.gpci, &files.locality_counties, &files.zip5, &files.clfs].map(name).join(", "),
        rvus,
        localities,
        counties,
        zips,
        lab_rates,
    })
}
