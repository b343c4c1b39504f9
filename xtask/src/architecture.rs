//! The house rules ARCHITECTURE.md states, checked on the code so that they stay true:
//! - a rule of the program lives once, in the domain crate: the SPA and the server never name a
//!   service by its id, never type the Medical Bill Saver threshold, and never hard-code the
//!   sponsor's name or the advocates' phone number (those are settings);
//! - imports point down: in the server from the entry points to the handlers, the services, the
//!   state, storage and the leaves; in the SPA from the router to the pages, the components and
//!   the plumbing under them; a page never imports another page.
//!
//! Code under `#[cfg(test)]` is left out: tests may name what they test.

mod tests {
    use crate::run::workspace_root;
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under a folder of the repository, with its code before any
    /// `#[cfg(test)]` (tests come last in this codebase's files).
    fn sources(folder: &str) -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        let mut pending = vec![workspace_root().join(folder)];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
                    let relative = path.strip_prefix(workspace_root()).unwrap().to_path_buf();
                    files.push((relative, code));
                }
            }
        }
        files.sort();
        files
    }

    /// Lines of code, without comments (doc comments may describe a rule in words).
    fn code_lines(code: &str) -> impl Iterator<Item = (usize, &str)> {
        code.lines().enumerate().map(|(i, line)| (i + 1, line)).filter(|(_, line)| !line.trim_start().starts_with("//"))
    }

    /// The SPA's and the server's own code: where no rule of the program may be written.
    fn outside_the_domain() -> Vec<(PathBuf, String)> {
        let mut files = sources("src");
        files.extend(sources("crates/server/src"));
        files
    }

    #[test]
    fn no_service_is_named_by_its_id_outside_the_domain() {
        let ids: Vec<String> = advocate_domain::catalog().into_iter().map(|s| format!("\"{}\"", s.id)).collect();
        let mut found = Vec::new();
        for (file, code) in outside_the_domain() {
            for (number, line) in code_lines(&code) {
                for id in ids.iter().filter(|id| line.contains(id.as_str())) {
                    found.push(format!("{}:{number}: {id}", file.display()));
                }
            }
        }
        assert!(found.is_empty(), "decide which service fits in the domain, not here:\n{}", found.join("\n"));
    }

    #[test]
    fn no_threshold_sponsor_or_phone_number_is_typed_outside_the_domain() {
        let typed = ["$400", "from_dollars(400)", "40_000", "40000", "\"Cigna", "Cigna'", "866-799", "866.799", "8667992725"];
        let mut found = Vec::new();
        for (file, code) in outside_the_domain() {
            for (number, line) in code_lines(&code) {
                for text in typed.iter().filter(|t| line.contains(*t)) {
                    found.push(format!("{}:{number}: {text}", file.display()));
                }
            }
        }
        assert!(found.is_empty(), "use the domain's threshold and the program settings:\n{}", found.join("\n"));
    }

    /// The module a file belongs to, as `crate::NAME` names it: its first folder or file stem.
    fn module_of(file: &Path, root: &str) -> String {
        let inner = file.strip_prefix(root).unwrap();
        let first = inner.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        first.trim_end_matches(".rs").to_string()
    }

    /// Every `crate::NAME` a file's code uses.
    fn uses(code: &str) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for (number, line) in code_lines(code) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                let after = &rest[at + "crate::".len()..];
                let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.push((number, name));
                }
                rest = after;
            }
            // `use crate::{a, b::c}` names several modules at once.
            if let Some(group) = line.split("use crate::{").nth(1) {
                for part in group.split(',') {
                    let name: String = part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        found.push((number, name));
                    }
                }
            }
        }
        found
    }

    /// Checks that each file imports only modules of a lower rank than its own (or its own).
    fn imports_point_down(root: &str, ranks: &[(&str, u8)]) -> Vec<String> {
        let rank = |module: &str| ranks.iter().find(|(name, _)| *name == module).map(|(_, r)| *r);
        let mut wrong = Vec::new();
        for (file, code) in sources(root) {
            let module = module_of(&file, root);
            let Some(own) = rank(&module) else {
                wrong.push(format!("{}: module `{module}` has no place in the layers: add it to the table", file.display()));
                continue;
            };
            for (number, used) in uses(&code) {
                match rank(&used) {
                    Some(theirs) if used == module || theirs < own => {}
                    Some(_) => wrong.push(format!("{}:{number}: `{module}` imports `{used}`, which is not below it", file.display())),
                    None => wrong.push(format!("{}:{number}: `{used}` has no place in the layers", file.display())),
                }
            }
        }
        wrong
    }

    /// The server's layers, bottom up: leaves, storage, the state handlers share, the services,
    /// the HTTP handlers, the entry points.
    const SERVER: &[(&str, u8)] = &[
        ("clock", 0),
        ("request_id", 0),
        ("secrets", 0),
        ("sealing", 0),
        ("config", 1),
        ("config_file", 0),
        ("private_dir", 0),
        ("login_limit", 4),
        ("client_limits", 0),
        ("metrics", 0),
        ("sweeper", 4),
        ("bill_reading", 0),
        ("zip_directory", 0),
        ("program", 1),
        ("pricing", 1),
        ("audit", 1),
        ("employers", 2),
        ("bills", 2),
        ("storage", 3),
        ("state", 4),
        ("sealed_records", 4),
        ("requests", 5),
        ("accounts", 5),
        ("attached_bills", 5),
        ("http", 6),
        ("connections", 7),
        ("app", 8),
        ("commands", 8),
        ("main", 9),
        ("lib", 10),
    ];

    /// The SPA's layers, bottom up: plumbing, the API clients, the components and the pages'
    /// state, the pages, the router, the two bundles' entry points.
    const SPA: &[(&str, u8)] = &[
        ("address", 0),
        ("json", 0),
        ("clock", 0),
        ("embed", 0),
        ("bill_handoff", 0),
        ("bill_reader", 0),
        ("page", 0),
        ("local_store", 1),
        ("api", 1),
        ("console_api", 2),
        ("components", 3),
        ("finder", 3),
        ("estimate", 3),
        ("pages", 4),
        ("app", 5),
        ("main", 6),
        // The console's and the bill readers' worker's entry points (src/bin/), beside the member
        // app's main.
        ("bin", 6),
        ("lib", 6),
    ];

    #[test]
    fn spa_imports_point_down() {
        let wrong = imports_point_down("src", SPA);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_page_never_imports_another_page() {
        let mut wrong = Vec::new();
        for (file, code) in sources("src/pages") {
            let page = module_of(&file, "src/pages");
            for (number, line) in code_lines(&code) {
                for used in line.split("crate::pages::").skip(1) {
                    let other: String = used.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if other != page {
                        wrong.push(format!("{}:{number}: the {page} page imports the {other} page", file.display()));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "move what both pages show to src/components/:\n{}", wrong.join("\n"));
    }

    #[test]
    fn server_imports_point_down() {
        let wrong = imports_point_down("crates/server/src", SERVER);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
