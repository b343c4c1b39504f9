//! The repository's test files (testdata/, described in testdata/SOURCES.md).

#![allow(dead_code)]

use flate2::read::GzDecoder;
use std::io::Read;
use std::path::PathBuf;

/// A file or folder under testdata/.
pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(name)
}

/// A test file's text, decompressed when its name ends in `.gz`. CMS's files are Latin-1 in
/// places (a note in the lab file); those bytes read as U+FFFD, and only ASCII fields are used.
pub fn text(name: &str) -> String {
    let path = path(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if !name.ends_with(".gz") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut plain = Vec::new();
    GzDecoder::new(&bytes[..]).read_to_end(&mut plain).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&plain).into_owned()
}
