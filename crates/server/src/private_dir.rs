//! The server's own folders (the data folder, the bill key's): only its user may read them.

use anyhow::Context;
use std::path::Path;

/// Creates `dir` (and its parents) and restricts it to the server's user.
pub fn create(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot restrict access to {}", dir.display()))?;
    }
    Ok(())
}
