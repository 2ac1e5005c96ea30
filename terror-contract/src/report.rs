//! A diff as people and programs read it (text in the compiler's style,
//! JSON, Markdown), and whether it may pass: a breaking change only with a
//! new major version.

use std::fmt::Write as _;

use serde_json::json;

use crate::diff::{Change, Kind};
use crate::document::Contract;

/// The changes between two contracts and the versions they were made at.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every change, breaking ones first.
    pub changes: Vec<Change>,
    /// The old contract's service version, when it names one.
    pub old_version: Option<String>,
    /// The new contract's, when it names one.
    pub new_version: Option<String>,
}

impl Report {
    /// The report of `old` to `new`.
    pub fn new(old: &Contract, new: &Contract) -> Self {
        Report {
            changes: crate::diff(old, new),
            old_version: old.service.as_ref().map(|s| s.version.clone()),
            new_version: new.service.as_ref().map(|s| s.version.clone()),
        }
    }

    /// How many changes of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// Whether the new version is a new major version of the old one, as
    /// Cargo reads versions: the first non-zero number went up (`1.4.2`
    /// to `2.0.0`, `0.3.1` to `0.4.0`).
    pub fn major_bump(&self) -> bool {
        let (Some(old), Some(new)) = (&self.old_version, &self.new_version) else {
            return false;
        };
        match (major(old), major(new)) {
            (Some(old), Some(new)) => new > old,
            _ => false,
        }
    }

    /// Whether the diff may pass: no breaking change, or a new major
    /// version.
    pub fn passes(&self) -> bool {
        self.count(Kind::Breaking) == 0 || self.major_bump()
    }

    /// The one-line verdict.
    pub fn summary(&self) -> String {
        let counts = format!(
            "{} breaking, {} additive, {} cosmetic",
            self.count(Kind::Breaking),
            self.count(Kind::Additive),
            self.count(Kind::Cosmetic)
        );
        let versions = match (&self.old_version, &self.new_version) {
            (Some(old), Some(new)) => format!("{old} -> {new}"),
            _ => "versions unknown".to_owned(),
        };
        if self.count(Kind::Breaking) == 0 {
            format!("{counts}: the contract holds")
        } else if self.major_bump() {
            format!("{counts}; {versions} is a new major version, so breaking changes are allowed")
        } else {
            format!("{counts}; {versions} is not a new major version: raise it, or undo the breaking changes")
        }
    }

    /// In the compiler's style: one block per change, then the verdict.
    /// `source` names where the old contract came from.
    pub fn to_text(&self, source: &str) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let level = match change.kind {
                Kind::Breaking => "error",
                Kind::Additive | Kind::Cosmetic => "note",
            };
            let _ = writeln!(out, "{level}[{}]: {}", change.rule, change.message);
            let _ = writeln!(
                out,
                "  --> {source}: {}",
                change.code.as_deref().unwrap_or("(service)")
            );
            let _ = writeln!(
                out,
                "   = {}: {}",
                change.kind,
                change.why.as_deref().unwrap_or(kind_meaning(change.kind))
            );
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// As JSON: `changes` (`kind`, `rule`, `code`, `message`, `why`), the
    /// counts, the versions, `major_bump` and `passes`.
    pub fn to_json(&self) -> serde_json::Value {
        let changes: Vec<_> = self
            .changes
            .iter()
            .map(|c| {
                json!({
                    "kind": c.kind.as_str(),
                    "rule": c.rule,
                    "code": c.code,
                    "message": c.message,
                    "why": c.why,
                })
            })
            .collect();
        json!({
            "changes": changes,
            "breaking": self.count(Kind::Breaking),
            "additive": self.count(Kind::Additive),
            "cosmetic": self.count(Kind::Cosmetic),
            "old_version": self.old_version,
            "new_version": self.new_version,
            "major_bump": self.major_bump(),
            "passes": self.passes(),
        })
    }

    /// As Markdown a changelog or pull request takes: a section per kind.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("## Error contract\n\n");
        let _ = writeln!(out, "{}\n", self.summary());
        for (kind, heading) in [
            (Kind::Breaking, "Breaking"),
            (Kind::Additive, "Additive"),
            (Kind::Cosmetic, "Cosmetic"),
        ] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.kind == kind).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {heading}\n");
            for change in changes {
                let _ = write!(out, "- {}", change.message);
                if let Some(why) = &change.why {
                    let _ = write!(out, " ({why})");
                }
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

fn kind_meaning(kind: Kind) -> &'static str {
    match kind {
        Kind::Breaking => "clients written against the old contract can fail",
        Kind::Additive => "clients keep working and can use more",
        Kind::Cosmetic => "only texts changed",
    }
}

/// The first non-zero part of `1.4.2`, with its position, as Cargo
/// compares versions for compatibility.
fn major(version: &str) -> Option<(usize, u64)> {
    let core = version.split(['-', '+']).next()?;
    let parts: Vec<u64> = core
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    // `0.3.1` -> the 3, the second part; a bump anywhere before the first
    // non-zero part is also a major one (0.3 -> 1.0).
    let position = parts
        .iter()
        .position(|p| *p != 0)
        .unwrap_or(parts.len() - 1);
    Some((usize::MAX - position, parts[position]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(old: &str, new: &str) -> bool {
        Report {
            changes: Vec::new(),
            old_version: Some(old.into()),
            new_version: Some(new.into()),
        }
        .major_bump()
    }

    #[test]
    fn major_versions_as_cargo_reads_them() {
        assert!(bump("1.4.2", "2.0.0"));
        assert!(!bump("1.4.2", "1.5.0"));
        assert!(bump("0.3.1", "0.4.0"));
        assert!(!bump("0.3.1", "0.3.2"));
        assert!(bump("0.3.1", "1.0.0"));
        assert!(bump("0.0.3", "0.0.4"));
        assert!(!bump("2.0.0", "1.9.0"));
        assert!(!bump("1.0.0", "1.0.0-rc.1"));
        assert!(bump("1.9.9", "2.0.0-alpha.1"));
        assert!(!bump("x", "2.0.0"));
        assert!(!bump("1.0.0", ""));
    }
}
