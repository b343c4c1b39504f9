//! The repository holds what its tests need: no source file reads a file outside it, so a clone
//! in any folder passes `cargo xtask test`. The test below reads the code for paths that leave
//! the repository: a relative path that climbs above it, an absolute path under a place where
//! people keep files (home folders, mounts), and the reference data folder that sits beside the
//! repository on the development machines. Paths to the system's own files (the tools in /usr,
//! scratch space in /tmp) are not test data and are allowed.

use crate::run::workspace_root;
use std::path::{Component, Path, PathBuf};

/// The folders whose code is read: every .rs, .js and .mjs file under them.
const SOURCES: &[&str] = &["crates", "src", "tests", "xtask/src", "fuzz/fuzz_targets"];

/// Files that still read outside the repository, and why they may for now. Each must still do
/// so: when one stops, the test asks for its line here to go.
const NOT_YET: &[(&str, &str)] = &[];

/// Reports that may score an extra corpus beside the repository when it is there (bills that are
/// not ours to redistribute), printing "not scored" when it is not. They never fail on its
/// absence, so a clone anywhere still passes; what they assert comes from testdata/ alone.
const OPTIONAL_EXTRA: &[(&str, &str)] = &[("xtask/src/test.rs", "the real bills beside the repository, scored in the report when present")];

/// The first folder of an absolute path where people keep their own files. The system's folders
/// (/usr, /tmp, /dev, …) are left out: tools live there, and scratch space is made there.
const USER_PLACES: &[&str] = &["home", "Users", "root", "mnt", "media", "srv", "work", "data"];

/// A path in a source file that leads outside the repository.
#[derive(Debug, PartialEq, Eq)]
struct Finding {
    line: usize,
    path: String,
}

/// The paths in one file's code (`file` relative to the repository) that lead outside it.
fn findings(file: &Path, code: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("/*") || trimmed.starts_with('*') {
            continue;
        }
        let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_-./~".contains(c);
        for token in line.split(|c: char| !is_path_char(c)).filter(|token| token.contains('/')) {
            if leaves_the_repository(token, &base(file, line)) {
                found.push(Finding { line: number + 1, path: token.to_string() });
            }
        }
    }
    found
}

/// The folder a relative path in this line is taken from: the file's own folder for
/// `include_str!` and for JavaScript (`new URL(path, import.meta.url)`), the crate's folder in
/// crates/ (`CARGO_MANIFEST_DIR`), and the repository itself elsewhere (xtask's
/// `workspace_root()`, and the SPA, whose crate is the repository).
fn base(file: &Path, line: &str) -> PathBuf {
    let javascript = file.extension().is_some_and(|extension| extension == "js" || extension == "mjs");
    if javascript || line.contains("include_str!") || line.contains("include_bytes!") {
        return file.parent().unwrap_or(Path::new("")).to_path_buf();
    }
    match file.strip_prefix("crates").ok().and_then(|rest| rest.components().next()) {
        Some(crate_folder) => Path::new("crates").join(crate_folder),
        None => PathBuf::new(),
    }
}

fn leaves_the_repository(token: &str, base: &Path) -> bool {
    let path = Path::new(token);
    let names: Vec<&str> = path.components().filter_map(|c| c.as_os_str().to_str()).collect();
    if names.windows(2).any(|pair| pair == ["shared", "data"]) {
        return true;
    }
    if token.starts_with("//") {
        // The rest of a URL ("https://…") or a comment after code.
        return false;
    }
    if path.has_root() {
        return path.components().nth(1).is_some_and(|first| USER_PLACES.iter().any(|place| first.as_os_str() == *place));
    }
    let mut depth = base.components().count();
    for component in path.components() {
        match component {
            Component::ParentDir if depth == 0 => return true,
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

/// Every code file under the source folders, relative to the repository.
fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders: Vec<PathBuf> = SOURCES.iter().map(PathBuf::from).collect();
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&folder)) else { continue };
        for entry in entries.flatten() {
            let path = folder.join(entry.file_name());
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                if !["target", "node_modules"].contains(&entry.file_name().to_string_lossy().as_ref()) {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|extension| ["rs", "js", "mjs"].contains(&extension.to_string_lossy().as_ref())) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_source_reads_a_file_outside_the_repository() {
        let root = workspace_root();
        let files = source_files(&root);
        assert!(files.len() > 100, "only {} source files found under {SOURCES:?}", files.len());
        let mut outside = Vec::new();
        let mut still_outside = Vec::new();
        for file in &files {
            let code = std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let found = findings(file, &code);
            if OPTIONAL_EXTRA.iter().any(|(name, _)| file == Path::new(name)) {
                continue;
            }
            if NOT_YET.iter().any(|(name, _)| file == Path::new(name)) {
                still_outside.extend((!found.is_empty()).then_some(file));
                continue;
            }
            outside.extend(found.into_iter().map(|f| format!("{}:{}: {}", file.display(), f.line, f.path)));
        }
        assert!(outside.is_empty(), "these read outside the repository (put what they need under testdata/):\n{}", outside.join("\n"));
        for (name, _) in NOT_YET {
            assert!(
                still_outside.iter().any(|file| *file == Path::new(name)),
                "{name} no longer reads outside the repository: remove it from NOT_YET"
            );
        }
    }

    #[test]
    fn paths_that_leave_the_repository_are_told_from_those_inside_it() {
        // Built here, so that this file holds none of the paths it looks for.
        let beside = ["..", "..", "..", "shared", "data", "x12"].join("/");
        let home = ["", "home", "kim", "bills.pdf"].join("/");
        let leaves = |file: &str, line: &str| !findings(Path::new(file), line).is_empty();
        assert!(leaves("crates/domain/tests/x.rs", &format!("PathBuf::from(env!(\"CARGO_MANIFEST_DIR\")).join(\"{beside}\")")));
        assert!(leaves("xtask/src/x.rs", &format!("workspace_root().join(\"{}\")", &beside[6..])));
        assert!(leaves("tests/e2e/x.test.mjs", &format!("new URL('{beside}', import.meta.url)")));
        assert!(leaves("crates/server/tests/x.rs", &format!("std::fs::read(\"{home}\")")));
        assert!(leaves("crates/server/tests/x.rs", &format!("std::fs::read(\"{}\")", ["..", "..", "..", "bills"].join("/"))));

        assert!(!leaves("crates/server/src/x.rs", "include_str!(\"../data/unit-limits.tsv\")"));
        assert!(!leaves("crates/server/src/storage/x.rs", "include_str!(\"../../migrations/sqlite/0003.sql\")"));
        let testdata = ["..", "..", "testdata"].join("/");
        assert!(!leaves("crates/domain/tests/x.rs", &format!("PathBuf::from(env!(\"CARGO_MANIFEST_DIR\")).join(\"{testdata}\")")));
        assert!(!leaves("crates/server/tests/x.rs", "app.get(\"/api/requests/../../etc\") // see https://example.org/a/b"));
        assert!(!leaves("xtask/src/x.rs", "const DRIVER: &str = \"/usr/bin/chromedriver\"; let scratch = \"/tmp/advocate\"; &bytes[..]"));
        assert!(!leaves("xtask/src/x.rs", &format!("// a comment naming {beside}")));
    }
}
