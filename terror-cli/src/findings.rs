//! What `terror check` finds, and how it is printed: as text for a person,
//! as JSON for a program, as annotations for a GitHub workflow.

use std::fmt::Write as _;

use serde::Serialize;

/// How bad a finding is: an error fails the check (exit code 1); a note
/// says what the check could not look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The GitHub workflow command of an annotation of this severity.
    fn github_command(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        }
    }
}

macro_rules! checks {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $severity:ident;)*) => {
        /// Every check, by its stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub(crate) enum Check {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Check {
            /// The check's stable kebab-case name.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $(Check::$variant => $name,)*
                }
            }

            /// Whether the check's findings fail the check.
            pub(crate) fn severity(self) -> Severity {
                match self {
                    $(Check::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

checks! {
    /// A file does not parse.
    SyntaxError = "syntax-error", Error;
    /// A select expression has no default (`*`) variant.
    MissingDefaultVariant = "missing-default-variant", Error;
    /// A message or term id is defined twice in a locale.
    DuplicateId = "duplicate-id", Error;
    /// A message of the source locale is missing in a locale.
    MissingMessage = "missing-message", Error;
    /// A term of the source locale is missing in a locale.
    MissingTerm = "missing-term", Error;
    /// A translation has no value where the source message has one.
    MissingValue = "missing-value", Error;
    /// A translation lacks an attribute terror reads that the source
    /// message has (`.description` aside: a translation may go without).
    MissingAttribute = "missing-attribute", Error;
    /// A message uses a variable its source message (or the code's args)
    /// does not have.
    UnknownVariable = "unknown-variable", Error;
    /// A plural selector lacks a category the locale's numbers need.
    MissingPluralCategory = "missing-plural-category", Error;
    /// A message refers to a message or term the locale does not define.
    UnknownReference = "unknown-reference", Error;
    /// Messages or terms refer to each other in a cycle.
    ReferenceCycle = "reference-cycle", Error;
    /// A code of the catalog has no message in the source locale.
    CodeWithoutMessage = "code-without-message", Error;
    /// A folder of the locales folder is not a language tag.
    InvalidLocale = "invalid-locale", Error;
    /// A file cannot be read as UTF-8 text, or is too large.
    UnreadableFile = "unreadable-file", Error;
    /// A message of a locale that the source locale does not have.
    ObsoleteMessage = "obsolete-message", Warning;
    /// A term of a locale that the source locale does not have, and that
    /// nothing in the locale refers to.
    ObsoleteTerm = "obsolete-term", Warning;
    /// An attribute terror does not read, in any locale.
    UnknownAttribute = "unknown-attribute", Warning;
    /// A translation's attribute (`.title`, `.hint`) that its source
    /// message does not have.
    ExtraAttribute = "extra-attribute", Warning;
    /// With a catalog: a deprecated code's message has no `.deprecated`
    /// in a locale, whose page then shows the developer's note.
    MissingDeprecationNote = "missing-deprecation-note", Warning;
    /// A translation identical to its source, not marked as intended.
    SameAsSource = "same-as-source", Warning;
    /// A variable of the source message that a translation never shows.
    UnusedVariable = "unused-variable", Warning;
    /// A source message's variable that its comment does not explain.
    UndocumentedVariable = "undocumented-variable", Warning;
    /// A source id that is not lowercase-with-hyphens.
    IdStyle = "id-style", Warning;
    /// A locale CLDR has no plural rules for: its plural selectors are not
    /// checked.
    NoPluralRules = "no-plural-rules", Note;
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One finding: where, how bad, in which locale and message, which check,
/// and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    pub(crate) file: String,
    /// 1-based; 1 for a finding about a whole file.
    pub(crate) line: usize,
    /// 1-based, in characters.
    pub(crate) column: usize,
    pub(crate) severity: Severity,
    pub(crate) locale: String,
    /// The message (or term, with its `-`) the finding is about, if any.
    pub(crate) id: Option<String>,
    pub(crate) check: Check,
    pub(crate) message: String,
}

impl Finding {
    /// A finding of `check` at `file:line:column`.
    pub(crate) fn new(
        check: Check,
        locale: &str,
        at: (&str, usize, usize),
        id: Option<&str>,
        message: String,
    ) -> Self {
        let (file, line, column) = at;
        Finding {
            file: file.to_owned(),
            line,
            column,
            severity: check.severity(),
            locale: locale.to_owned(),
            id: id.map(str::to_owned),
            check,
            message,
        }
    }
}

/// Puts findings in the order they are printed: by file, then position.
pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.check, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.check, &b.message))
    });
}

/// How many findings are errors, warnings and notes.
pub(crate) fn count(findings: &[Finding]) -> (usize, usize, usize) {
    let of = |severity| findings.iter().filter(|f| f.severity == severity).count();
    (
        of(Severity::Error),
        of(Severity::Warning),
        of(Severity::Note),
    )
}

/// `path:line:column: severity: message [check]`, one line each, as
/// compilers print them; the severity in colour when `color` is set.
pub(crate) fn to_text(findings: &[Finding], color: bool) -> String {
    let mut out = String::new();
    for f in findings {
        let severity = match (color, f.severity) {
            (false, s) => s.as_str().to_owned(),
            (true, Severity::Error) => "\x1b[1;31merror\x1b[0m".to_owned(),
            (true, Severity::Warning) => "\x1b[1;33mwarning\x1b[0m".to_owned(),
            (true, Severity::Note) => "\x1b[1;36mnote\x1b[0m".to_owned(),
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {severity}: {} [{}]",
            f.file,
            f.line,
            f.column,
            f.message,
            f.check.name()
        );
    }
    out
}

/// One JSON array of the findings, pretty-printed.
pub(crate) fn to_json(findings: &[Finding]) -> String {
    // A Vec of plain structs always serializes.
    let mut json = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}

/// GitHub workflow commands: each finding becomes an annotation on its
/// file and line.
pub(crate) fn to_github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            f.severity.github_command(),
            escape_property(&f.file),
            f.line,
            f.column,
            escape_property(&format!("terror check ({})", f.check.name())),
            escape_data(&f.message),
        );
    }
    out
}

/// Escapes a workflow command's message.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding::new(
            Check::MissingMessage,
            "de",
            ("locales/de/a,b.ftl", 1, 1),
            Some("volume-gone"),
            "50% done:\nnext".to_owned(),
        )
    }

    #[test]
    fn github_annotations_escape_what_they_must() {
        assert_eq!(
            to_github(&[finding()]),
            "::error file=locales/de/a%2Cb.ftl,line=1,col=1,\
             title=terror check (missing-message)::50%25 done:%0Anext\n"
        );
    }

    #[test]
    fn text_is_coloured_only_when_asked() {
        let mut one = finding();
        one.message = "`volume-gone` is missing".to_owned();
        assert_eq!(
            to_text(std::slice::from_ref(&one), false),
            "locales/de/a,b.ftl:1:1: error: `volume-gone` is missing [missing-message]\n"
        );
        assert!(to_text(&[finding()], true).contains("\x1b[1;31merror\x1b[0m"));
    }

    #[test]
    fn notes_are_notices_in_a_workflow() {
        let note = Finding::new(
            Check::NoPluralRules,
            "hus",
            ("locales/hus", 1, 1),
            None,
            "not checked".to_owned(),
        );
        assert_eq!(
            to_github(std::slice::from_ref(&note)),
            "::notice file=locales/hus,line=1,col=1,title=terror check (no-plural-rules)::not checked\n"
        );
        assert_eq!(count(&[note, finding()]), (1, 0, 1));
    }
}
