//! An operator's TOML file, or the bundled default: read, parsed and checked at start, so a bad
//! file stops the server with every problem named instead of serving wrong settings.

use anyhow::{Context, bail};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Reads `file` (or `bundled`, called `what` in messages) and refuses it if `problems` finds any.
pub fn load<T: DeserializeOwned>(
    file: Option<&Path>,
    bundled: &str,
    what: &str,
    problems: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<T> {
    let (source, text) = match file {
        Some(path) => {
            (path.display().to_string(), std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?)
        }
        None => (format!("the bundled {what}"), bundled.to_string()),
    };
    let value: T = toml::from_str(&text).with_context(|| format!("{source} is not valid"))?;
    let found = problems(&value);
    if !found.is_empty() {
        bail!("{source} cannot be used:\n  - {}", found.join("\n  - "));
    }
    Ok(value)
}
