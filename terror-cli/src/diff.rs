//! `terror diff OLD NEW`: every change between two error contracts (lock
//! files or catalog exports), classified, and whether it may ship.

use std::io::Read as _;
use std::path::Path;

use terror_contract::{Contract, Report};

/// Reads the contract at `path` (`-` for standard input), or says why not.
pub(crate) fn read(path: &Path) -> Result<Contract, String> {
    let name = path.display();
    let text = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("standard input cannot be read: {e}"))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{name} cannot be read: {e}"))?
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{name} is not JSON: {e}"))?;
    Contract::from_json(&value).map_err(|e| format!("{name} is not an error contract: {e}"))
}

/// The report of `old` to `new`, both read from their paths.
pub(crate) fn run(old: &Path, new: &Path) -> Result<Report, String> {
    Ok(Report::new(&read(old)?, &read(new)?))
}
