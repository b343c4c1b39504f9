//! `cargo xtask testdata DATA_DIR`: writes the copies of CMS's files that the tests read
//! (testdata/, gzipped) from CMS's published files in DATA_DIR, laid out as cms-pfs-2025/,
//! cms-clfs-2025/ and mue/. testdata/SOURCES.md says where each file comes from.
//!
//! CMS's files are US government works, except the code descriptions in the fee-schedule and
//! lab files: CPT descriptions are the AMA's and dental ones the ADA's. The copies keep every
//! line, code and figure and leave those description cells empty (no test or parser reads them);
//! each rewritten file is read back with the domain's parser and must give the same records.

use crate::run::workspace_root;
use advocate_domain::cms_files::{RvuRecordError, csv_cells, parse_clfs_record, parse_rvu_record};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The repository's folder of test files.
pub const FOLDER: &str = "testdata";

/// What a copy leaves out of a file.
#[derive(Clone, Copy)]
enum LeftOut {
    /// Nothing: the file holds no one else's text.
    Nothing,
    /// The RVU file's description column.
    RvuDescriptions,
    /// The lab file's three description columns.
    LabDescriptions,
}

/// Each file, by its path under DATA_DIR; its copy is that path under testdata/ with ".gz".
const FILES: &[(&str, LeftOut)] = &[
    ("cms-pfs-2025/PPRRVU2025_Oct.csv", LeftOut::RvuDescriptions),
    ("cms-pfs-2025/GPCI2025.csv", LeftOut::Nothing),
    ("cms-pfs-2025/25LOCCO.csv", LeftOut::Nothing),
    ("cms-pfs-2025/ZIP5_OCT2025.txt", LeftOut::Nothing),
    ("cms-clfs-2025/CLFS2025Q2V1.csv", LeftOut::LabDescriptions),
    ("mue/practitioner-mue-2026q2-dos.json", LeftOut::Nothing),
];

/// The ZIP5 file's layout, a short text kept as it is beside the file it describes.
const ZIP5_LAYOUT: &str = "cms-pfs-2025/ZIP5lyout.txt";

pub fn write(args: &[String]) -> Result<(), String> {
    let [data] = args else {
        return Err("usage: cargo xtask testdata DATA_DIR (the folder holding cms-pfs-2025/, cms-clfs-2025/ and mue/)".into());
    };
    let (data, out) = (PathBuf::from(data), workspace_root().join(FOLDER));
    for &(name, left_out) in FILES {
        let original = read(&data.join(name))?;
        let kept = match left_out {
            LeftOut::Nothing => original.clone(),
            LeftOut::RvuDescriptions => blank_cells(&original, is_rvu_row, &[2]),
            LeftOut::LabDescriptions => blank_cells(&original, is_lab_row, &[6, 7, 8]),
        };
        same_records(name, left_out, &original, &kept)?;
        let target = out.join(format!("{name}.gz"));
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&kept).map_err(|e| format!("compressing {name}: {e}"))?;
        let compressed = encoder.finish().map_err(|e| format!("compressing {name}: {e}"))?;
        std::fs::create_dir_all(target.parent().expect("a folder")).map_err(|e| format!("{}: {e}", target.display()))?;
        std::fs::write(&target, &compressed).map_err(|e| format!("{}: {e}", target.display()))?;
        println!("wrote {FOLDER}/{name}.gz: {} bytes ({} uncompressed)", compressed.len(), kept.len());
    }
    std::fs::copy(data.join(ZIP5_LAYOUT), out.join(ZIP5_LAYOUT)).map_err(|e| format!("{}: {e}", data.join(ZIP5_LAYOUT).display()))?;
    println!("wrote {FOLDER}/{ZIP5_LAYOUT}");
    Ok(())
}

/// A data file's bytes: the file itself or, when only its gzipped copy exists (as in testdata/),
/// that copy decompressed.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let gz = PathBuf::from(format!("{}.gz", path.display()));
            let compressed = std::fs::read(&gz).map_err(|_| format!("{}: {error} (nor is there a .gz beside it)", path.display()))?;
            let mut bytes = Vec::new();
            GzDecoder::new(&compressed[..]).read_to_end(&mut bytes).map_err(|e| format!("{}: {e}", gz.display()))?;
            Ok(bytes)
        }
        Err(error) => Err(format!("{}: {error}", path.display())),
    }
}

/// A line of the RVU file that carries a code (a data row, readable or not).
fn is_rvu_row(cells: &[String]) -> bool {
    !matches!(parse_rvu_record(cells), Err(RvuRecordError::NotARecord))
}

/// A line of the lab file that carries a code: it starts with the year.
fn is_lab_row(cells: &[String]) -> bool {
    cells.len() >= 9 && cells[0].len() == 4 && cells[0].bytes().all(|b| b.is_ascii_digit())
}

/// The text with the given cells emptied in every row `is_row` picks; other lines are kept byte
/// for byte (CMS's files are Latin-1 in places, and their titles are left as they are).
fn blank_cells(text: &[u8], is_row: fn(&[String]) -> bool, columns: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for line in text.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let mut cells = csv_cells(&String::from_utf8_lossy(body));
        if !is_row(&cells) {
            out.extend_from_slice(line);
            continue;
        }
        for &column in columns {
            if let Some(cell) = cells.get_mut(column) {
                cell.clear();
            }
        }
        let quoted: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        out.extend_from_slice(quoted.join(",").as_bytes());
        out.extend_from_slice(&line[body.len()..]);
    }
    out
}

/// A cell as CSV writes it: in quotes, with its quotes doubled, when it holds a comma, a quote or
/// a line break.
fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_string() }
}

/// The copy must read exactly as the original: same lines, same records.
fn same_records(name: &str, left_out: LeftOut, original: &[u8], kept: &[u8]) -> Result<(), String> {
    let lines = |bytes: &[u8]| String::from_utf8_lossy(bytes).lines().map(csv_cells).collect::<Vec<_>>();
    let (before, after) = (lines(original), lines(kept));
    let same = before.len() == after.len()
        && match left_out {
            LeftOut::Nothing => true,
            LeftOut::RvuDescriptions => {
                let records = |rows: &[Vec<String>]| rows.iter().map(|cells| parse_rvu_record(cells)).collect::<Vec<_>>();
                records(&before) == records(&after)
            }
            LeftOut::LabDescriptions => {
                let records = |rows: &[Vec<String>]| rows.iter().map(|cells| parse_clfs_record(cells)).collect::<Vec<_>>();
                records(&before) == records(&after)
            }
        };
    if same { Ok(()) } else { Err(format!("{name}: the copy without descriptions does not read as the original")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_emptied_and_everything_else_is_kept() {
        let text =
            "HCPCS,MOD,DESCRIPTION\r\n2025,U0002,,20250101,N,51.31,Covid test,\"Any technique, multiple\",\"a \"\"b\"\"\"\r\ntitle, kept\n";
        let kept = blank_cells(text.as_bytes(), is_lab_row, &[6, 7, 8]);
        assert_eq!(String::from_utf8(kept).unwrap(), "HCPCS,MOD,DESCRIPTION\r\n2025,U0002,,20250101,N,51.31,,,\r\ntitle, kept\n");
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
