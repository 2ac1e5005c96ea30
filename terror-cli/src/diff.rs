//! `terror diff OLD NEW`: every change between two error contracts (lock
//! files or catalog exports), classified, and whether it may ship.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use terror_contract::{Contract, Kind, Report};

use crate::findings::{escape_data, escape_property};

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

/// `report` as GitHub workflow commands, as `terror check` writes its
/// findings: an error annotation per breaking change (a warning when a new
/// major version allows it), a notice per other change, on the old
/// contract's file `source`.
pub(crate) fn to_github(report: &Report, source: &str) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let level = match change.kind {
            Kind::Breaking if !report.major_bump() => "error",
            Kind::Breaking => "warning",
            Kind::Additive | Kind::Cosmetic => "notice",
        };
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "::{level} file={},title={} change ({})::{}",
            escape_property(source),
            change.kind,
            change.rule,
            escape_data(&change.message)
        );
    }
    out
}
