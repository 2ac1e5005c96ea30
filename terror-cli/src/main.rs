//! `terror`: the translator's tool for a `locales/` folder of Fluent files.
//!
//! Run with: `cargo run -p terror-cli -- check examples/storage-api/locales`
//!
//! - `terror check [DIR]` finds every mistake in the translations: syntax
//!   errors, messages and terms missing or defined twice, wrong
//!   variables and attributes, plural forms a language needs,
//!   untranslated text (`--format json` and
//!   `--format github` for programs and workflows).
//! - `terror stats [DIR]` shows how far each locale is.
//! - `terror pseudo [DIR]` writes a pseudo-locale (`en-XA`) from the source.
//! - `terror diff OLD NEW` classifies every change between two error
//!   contracts (a service's `errors.lock.json`, or its catalog export) as
//!   breaking, additive or cosmetic.
//!
//! Exit codes: 0 when nothing is wrong (warnings allowed), 1 when the
//! check found an error or the diff a breaking change without a new major
//! version, 2 for a usage mistake or a file that cannot be read.

mod catalog;
mod check;
mod diff;
mod entries;
mod findings;
mod locales;
mod pseudo;
mod stats;

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Checks, counts and pseudo-localizes the Fluent translations of a terror
/// service: a folder with one folder per language tag (`locales/en-US`,
/// `locales/de`, …), each holding `.ftl` files.
#[derive(Parser)]
#[command(name = "terror", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage mistake."
)]
struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Finds every mistake in the translations, comparing each locale with
    /// the source locale.
    ///
    /// Errors (exit code 1): syntax-error, missing-default-variant,
    /// duplicate-id, missing-message, missing-term, missing-value,
    /// missing-attribute, unknown-variable, missing-plural-category,
    /// unknown-reference, reference-cycle, code-without-message,
    /// invalid-locale, unreadable-file. Warnings: obsolete-message,
    /// obsolete-term, unknown-attribute, extra-attribute,
    /// missing-deprecation-note, same-as-source, unused-variable,
    /// undocumented-variable, id-style. Notes:
    /// no-plural-rules.
    Check {
        /// The locales folder.
        #[arg(default_value = "locales")]
        dir: PathBuf,
        /// The locale the others are translated from.
        #[arg(long, default_value = "en-US", value_name = "LOCALE")]
        source: String,
        /// The service's catalog (`<service> catalog --json`): variables are
        /// checked against each code's args, and codes without a message
        /// are found.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
        /// How findings are printed.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Shows how far each locale is: messages translated, missing and
    /// obsolete, percent complete, words left to translate.
    Stats {
        /// The locales folder.
        #[arg(default_value = "locales")]
        dir: PathBuf,
        /// The locale the others are translated from.
        #[arg(long, default_value = "en-US", value_name = "LOCALE")]
        source: String,
        /// How the table is printed.
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
    /// Writes a pseudo-locale from the source: every text accented, a
    /// third longer and in brackets (`[…]`), so that untranslated or cut text
    /// stands out in a client.
    ///
    /// Ids, attributes, variables, references, selectors and words that look
    /// like code (`GET /volumes`, `volume.not_found`) stay as they are.
    /// Files in the pseudo-locale's folder are replaced; a folder holding a
    /// file `terror pseudo` did not write is left alone.
    Pseudo {
        /// The locales folder.
        #[arg(default_value = "locales")]
        dir: PathBuf,
        /// The source locale.
        #[arg(long, default_value = "en-US", value_name = "LOCALE")]
        from: String,
        /// The pseudo-locale to write: region XA is accented (`en-XA`), XB
        /// right to left (`ar-XB`).
        #[arg(long, default_value = "en-XA", value_name = "LOCALE")]
        to: String,
    },
    /// Classifies every change between two error contracts as breaking
    /// (a client written against OLD can fail), additive or cosmetic.
    ///
    /// OLD and NEW are lock files (`errors.lock.json`) or catalog exports
    /// (`<service> catalog --json`), `-` for standard input: so
    /// `<service> catalog --json | terror diff errors.lock.json -` compares
    /// the lock with the service as it is now. Exits 1 on a breaking change
    /// unless NEW's service version is a new major version of OLD's.
    Diff {
        /// The contract clients were written against.
        old: PathBuf,
        /// The contract to check.
        new: PathBuf,
        /// How the changes are printed.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// One block per change in the compiler's style, then the verdict.
    Text,
    /// One JSON object: `changes` (`kind`, `rule`, `code`, `message`,
    /// `why`), the counts, the versions, `major_bump` and `passes`.
    Json,
    /// GitHub workflow annotations on the old contract's file.
    Github,
    /// Markdown for a changelog or a pull request.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `path:line:column: severity: message [check]`, then a summary.
    Text,
    /// One JSON array of findings: `file`, `line`, `column`, `severity`,
    /// `locale`, `id`, `check`, `message`.
    Json,
    /// GitHub workflow annotations.
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    /// A table.
    Text,
    /// One JSON array, a row per locale.
    Json,
}

/// A usage mistake: exit code 2.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Check {
            dir,
            source,
            catalog,
            format,
        } => match check::run(&dir, &source, catalog.as_deref()) {
            Ok(outcome) => report(&outcome, format, color),
            Err(why) => usage(&why),
        },
        Command::Stats {
            dir,
            source,
            format,
        } => match stats::run(&dir, &source) {
            Ok(rows) => {
                let out = match format {
                    StatsFormat::Text => stats::to_text(&rows),
                    StatsFormat::Json => stats::to_json(&rows),
                };
                print(&out);
                for row in rows.iter().filter(|r| r.syntax_errors > 0) {
                    eprintln!(
                        "note: {} has {} syntax error(s); its broken messages count as missing (`terror check` shows where)",
                        row.locale, row.syntax_errors
                    );
                }
                ExitCode::SUCCESS
            }
            Err(why) => usage(&why),
        },
        Command::Diff { old, new, format } => match diff::run(&old, &new) {
            Ok(report) => {
                let source = old.display().to_string();
                print(&match format {
                    DiffFormat::Text => report.to_text(&source),
                    DiffFormat::Json => format!("{:#}\n", report.to_json()),
                    DiffFormat::Github => diff::to_github(&report, &source),
                    DiffFormat::Markdown => report.to_markdown(),
                });
                if report.passes() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(why) => usage(&why),
        },
        Command::Pseudo { dir, from, to } => match pseudo::run(&dir, &from, &to) {
            Ok(written) => {
                for (path, messages) in &written.files {
                    println!("{path}: {messages} messages");
                }
                ExitCode::SUCCESS
            }
            Err(pseudo::Refused::Usage(why)) => usage(&why),
            Err(pseudo::Refused::Source(mut findings)) => {
                findings::sort(&mut findings);
                print(&findings::to_text(&findings, color));
                eprintln!(
                    "error: {from} has errors; fix them before making a pseudo-locale from it"
                );
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints the findings in `format` and returns the exit code.
fn report(outcome: &check::Outcome, format: Format, color: bool) -> ExitCode {
    let findings = &outcome.findings;
    let out = match format {
        Format::Text => findings::to_text(findings, color),
        Format::Json => findings::to_json(findings),
        Format::Github => findings::to_github(findings),
    };
    print(&out);
    let (errors, warnings, notes) = findings::count(findings);
    if format != Format::Json {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        // Notes are counted only when there are some: most folders have
        // none, and their summary stays as it was.
        let notes = if notes == 0 {
            String::new()
        } else {
            format!(", {}", plural(notes, "note"))
        };
        eprintln!(
            "{}, {}{notes} in {} ({}), {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(outcome.locales.len(), "locale"),
            outcome.locales.join(", "),
            plural(outcome.files, "file"),
        );
    }
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes to stdout; a closed pipe (`terror check | head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn usage(why: &str) -> ExitCode {
    eprintln!("error: {why}");
    ExitCode::from(USAGE)
}
