//! The repository's test files (testdata/, described in testdata/SOURCES.md).

#![allow(dead_code)]

use flate2::read::GzDecoder;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A test file's bytes, decompressed when its name ends in `.gz`.
pub fn bytes(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if !name.ends_with(".gz") {
        return bytes;
    }
    let mut plain = Vec::new();
    GzDecoder::new(&bytes[..]).read_to_end(&mut plain).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    plain
}

/// A test file's text. CMS's files are Latin-1 in places (a note in the lab file); those bytes
/// read as U+FFFD, and only ASCII fields are used.
pub fn text(name: &str) -> String {
    String::from_utf8_lossy(&bytes(name)).into_owned()
}

/// The test file decompressed into `folder` under its own name, for code that reads files by
/// path as an operator gives them (the importer); returns that path.
pub fn unpack(name: &str, folder: &Path) -> PathBuf {
    let file = folder.join(Path::new(name.strip_suffix(".gz").unwrap_or(name)).file_name().expect("a file name"));
    std::fs::write(&file, bytes(name)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    file
}
