//! Where `.ftl` files come from: embedded at compile time or read from a
//! directory at startup, and the typed errors of loading them.

use std::fmt;
use std::path::{Path, PathBuf};

/// One `.ftl` file embedded at compile time by
/// [`embed_locales!`].
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    /// The locale folder name, such as `en-US`.
    pub locale: &'static str,
    /// The file's path as shown in errors, such as `locales/en-US/errors.ftl`.
    pub path: &'static str,
    /// The file's text.
    pub source: &'static str,
}

/// A `locales/` folder embedded at compile time: every `<locale>/*.ftl` file.
///
/// Made by [`embed_locales!`] and handed to
/// [`LocalizerBuilder::embedded`](super::LocalizerBuilder::embedded).
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedLocales {
    files: &'static [EmbeddedFile],
}

impl EmbeddedLocales {
    /// Wraps a list of embedded files.
    pub const fn new(files: &'static [EmbeddedFile]) -> Self {
        EmbeddedLocales { files }
    }

    /// The embedded files.
    pub const fn files(&self) -> &'static [EmbeddedFile] {
        self.files
    }
}

/// A library's own locales, registered with
/// [`register_locales!`] so that every
/// [`Localizer`](super::Localizer) built in a program that links the
/// library has its messages, with no setup by the service.
///
/// Registered locales rank with the framework's own messages: a service's
/// files override any of them, and only the service's own languages are
/// offered to clients.
#[derive(Debug, Clone, Copy)]
pub struct RegisteredLocales {
    package: &'static str,
    locales: EmbeddedLocales,
}

impl RegisteredLocales {
    /// The locales of the package `package`. Made by
    /// [`register_locales!`].
    pub const fn new(package: &'static str, locales: EmbeddedLocales) -> Self {
        RegisteredLocales { package, locales }
    }

    /// The package that registered them, such as `terror-axum`.
    pub const fn package(&self) -> &'static str {
        self.package
    }

    /// The files.
    pub const fn locales(&self) -> EmbeddedLocales {
        self.locales
    }

    /// Every registered set, ordered by package name so that loading does
    /// not depend on link order.
    pub fn all() -> Vec<&'static RegisteredLocales> {
        let mut all: Vec<&'static RegisteredLocales> =
            inventory::iter::<RegisteredLocales>.into_iter().collect();
        crate::order::sort_by_key(&mut all, |r| [r.package.as_bytes(), b"", b""]);
        all
    }
}

inventory::collect!(RegisteredLocales);

/// The default-locale files `#[derive(Terror)]` read in one package,
/// registered by the derive so that [`Localizer::global`](super::Localizer::global)
/// has the derived errors' messages with no setup. Not public API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct DefaultMessages(RegisteredLocales);

impl DefaultMessages {
    /// The files `package`'s derive read.
    pub const fn new(package: &'static str, locales: EmbeddedLocales) -> Self {
        DefaultMessages(RegisteredLocales::new(package, locales))
    }

    /// Every registered file once (each derive of a package registers the
    /// same files), ordered by package and path.
    pub(crate) fn files() -> Vec<(&'static str, &'static EmbeddedFile)> {
        let mut files: Vec<(&'static str, &'static EmbeddedFile)> =
            inventory::iter::<DefaultMessages>
                .into_iter()
                .flat_map(|d| d.0.locales.files().iter().map(move |f| (d.0.package, f)))
                .collect();
        crate::order::sort_by_key(&mut files, |(package, file)| {
            [package.as_bytes(), file.path.as_bytes(), b""]
        });
        files.dedup_by(|a, b| (a.0, a.1.path) == (b.0, b.1.path));
        files
    }
}

inventory::collect!(DefaultMessages);

/// A position in an `.ftl` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePosition {
    /// The file, as given when it was loaded.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourcePosition {
    /// The position of an offset in a file indexed once for many positions.
    pub(crate) fn from_index(path: &str, lines: &terror_ftl::LineIndex<'_>, offset: usize) -> Self {
        let (line, column) = lines.position(offset);
        SourcePosition {
            path: path.to_owned(),
            line,
            column,
        }
    }
}

impl fmt::Display for SourcePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// The largest `.ftl` file a [`Localizer`](super::Localizer) loads: 256 MiB.
/// Compiled messages address their text with 32-bit offsets, and no
/// catalog comes near this (80 locales of 5,000 messages are 40 MiB in
/// all).
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// One problem found while loading locales.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadIssue {
    /// A file or folder could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A locale folder name is not a valid language tag.
    #[error("{path}: `{name}` is not a valid language tag (expected a folder such as `en-US`)")]
    InvalidLocale {
        /// The folder.
        path: String,
        /// Its name.
        name: String,
    },
    /// The configured default locale is not a valid language tag.
    #[error("the default locale `{name}` is not a valid language tag")]
    InvalidDefaultLocale {
        /// The configured name.
        name: String,
    },
    /// The default locale has no folder among the loaded ones.
    #[error("the default locale `{default}` has no messages (loaded: {})", .available.join(", "))]
    MissingDefaultLocale {
        /// The default locale.
        default: String,
        /// The locales that were loaded.
        available: Vec<String>,
    },
    /// An `.ftl` file does not parse.
    #[error("{position}: syntax error: {message}{}", entry_line.filter(|l| *l != position.line).map(|l| format!(" (in the entry starting at line {l})")).unwrap_or_default())]
    Syntax {
        /// Where the parser stopped.
        position: SourcePosition,
        /// The line where the broken entry starts, when the parser knows it.
        entry_line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// A message and a term share a name (`brand` and `-brand`) in one
    /// locale. Fluent's namespaces are apart, but fluent-bundle keeps one
    /// entry per bare name, so one of the two would be lost.
    #[error("{position}: `{id}` has the name of `{other}` at {first}; fluent-bundle keeps only one of the two, so rename one")]
    NameClash {
        /// The later entry (terms start with `-`).
        id: String,
        /// The earlier entry of the same name.
        other: String,
        /// Where the later one is defined.
        position: SourcePosition,
        /// Where the earlier one is defined.
        first: SourcePosition,
    },
    /// A file is larger than a locale file may be
    /// ([`MAX_FILE_BYTES`]).
    #[error("{path}: {bytes} bytes is more than the {limit} bytes a locale file may have")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: usize,
        /// The limit, [`MAX_FILE_BYTES`].
        limit: usize,
    },
    /// A message or term id is defined twice in one locale.
    #[error("{position}: `{id}` is already defined at {first}")]
    Duplicate {
        /// The id (terms start with `-`).
        id: String,
        /// The second definition.
        position: SourcePosition,
        /// The first definition.
        first: SourcePosition,
    },
}

/// Everything that was wrong with the locales, found in one pass.
///
/// Displays one issue per line, each naming file, line and column where one
/// applies. `Debug` prints the same text, because that is what a user sees
/// when `main` returns the error (`Error: {:?}`) or `unwrap`s it; `{:#?}`
/// shows the issues' fields.
///
/// ```
/// let error = terror_core::Localizer::builder()
///     .default_locale("en-US")
///     .source("en-US", "locales/en-US/orders.ftl", "order-lost = Order { $id\n")
///     .build()
///     .unwrap_err();
/// let shown = "1 problem in locales\n  locales/en-US/orders.ftl:2:1: syntax error: \
///              Expected a token starting with \"}\" (in the entry starting at line 1)";
/// assert_eq!(error.to_string(), shown);
/// // What `fn main() -> Result<(), Box<dyn Error>>` prints after `Error: `.
/// let boxed: Box<dyn std::error::Error> = error.into();
/// assert_eq!(format!("{boxed:?}"), shown);
/// ```
pub struct LoadError {
    issues: Vec<LoadIssue>,
}

impl LoadError {
    pub(crate) fn new(issues: Vec<LoadIssue>) -> Self {
        LoadError { issues }
    }

    /// The issues, in the order they were found.
    pub fn issues(&self) -> &[LoadIssue] {
        &self.issues
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.issues.len();
        write!(
            f,
            "{count} problem{} in locales",
            if count == 1 { "" } else { "s" }
        )?;
        for issue in &self.issues {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("LoadError")
                .field("issues", &self.issues)
                .finish()
        } else {
            fmt::Display::fmt(self, f)
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.issues.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }
}

/// One `.ftl` file's text, before parsing.
pub(crate) struct SourceFile {
    pub(crate) locale: String,
    pub(crate) locale_path: String,
    pub(crate) path: String,
    pub(crate) text: Text,
}

/// A file's text: the binary's own (an embedded file, never copied), or
/// read at startup. A built locale keeps it: compiled messages point into
/// it.
#[derive(Debug, Clone)]
pub(crate) enum Text {
    Static(&'static str),
    Owned(Box<str>),
}

impl std::ops::Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match self {
            Text::Static(text) => text,
            Text::Owned(text) => text,
        }
    }
}

/// The files of `locales`; `package`, when given, is put before each path
/// (`terror-axum/locales/ru/request.ftl`), so that an error in a
/// library's file names the library.
pub(crate) fn from_embedded(
    locales: &EmbeddedLocales,
    package: Option<&str>,
    out: &mut Vec<SourceFile>,
) {
    for file in locales.files() {
        let path = match package {
            Some(package) => format!("{package}/{}", file.path),
            None => file.path.to_owned(),
        };
        let locale_path = Path::new(&path)
            .parent()
            .map_or_else(|| file.locale.to_owned(), |p| p.display().to_string());
        out.push(SourceFile {
            locale: file.locale.to_owned(),
            locale_path,
            path,
            text: Text::Static(file.source),
        });
    }
}

/// Reads `<dir>/<locale>/*.ftl`, in name order so loading is deterministic.
pub(crate) fn from_directory(dir: &Path, out: &mut Vec<SourceFile>, issues: &mut Vec<LoadIssue>) {
    let mut locale_dirs = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(source) => {
            issues.push(LoadIssue::Io {
                path: dir.to_owned(),
                source,
            });
            return;
        }
    };
    locale_dirs.retain(|p| p.is_dir());
    for locale_dir in locale_dirs {
        let Some(locale) = locale_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            continue;
        };
        let files = match sorted_entries(&locale_dir) {
            Ok(files) => files,
            Err(source) => {
                issues.push(LoadIssue::Io {
                    path: locale_dir.clone(),
                    source,
                });
                continue;
            }
        };
        for file in files {
            if file.extension().is_none_or(|e| e != "ftl") || !file.is_file() {
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(text) => out.push(SourceFile {
                    locale: locale.clone(),
                    locale_path: locale_dir.display().to_string(),
                    path: file.display().to_string(),
                    text: Text::Owned(text.into_boxed_str()),
                }),
                Err(source) => issues.push(LoadIssue::Io { path: file, source }),
            }
        }
    }
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    // The entries of one directory share its path up to their names, so
    // their bytes order them as `Path`'s component order does.
    crate::order::sort_by_key(&mut entries, |p| {
        [p.as_os_str().as_encoded_bytes(), b"", b""]
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "a = 1\nпривет = { $x\n";
        let lines = terror_ftl::LineIndex::new(src);
        let at = |offset| SourcePosition::from_index("f.ftl", &lines, offset);
        let pos = at(src.find('{').unwrap());
        assert_eq!((pos.line, pos.column), (2, 10));
        assert_eq!(at(0).to_string(), "f.ftl:1:1");
        // Offsets past the end or inside a character never panic.
        assert_eq!(at(10_000).line, 3);
        assert_eq!(at(7).column, 1);
    }
}
