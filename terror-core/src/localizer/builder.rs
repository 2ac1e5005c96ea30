//! Loading `.ftl` files into a [`Localizer`]: where they come from, the
//! framework's own, parsing and checking them, and compiling every locale.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use terror_ftl::pseudo;
use unic_langid::LanguageIdentifier;

use super::locale::Locale;
use super::source::{self, SourceFile, SourcePosition};
use super::{EmbeddedLocales, LoadError, LoadIssue, Localizer, RegisteredLocales};
use crate::negotiate::Negotiator;

/// terror-core's own messages: generic texts, HTTP status titles and the
/// `validation.*` messages. Other crates of the framework (terror-axum's
/// `request.*`) and libraries add theirs with
/// [`register_locales!`].
///
/// The folder is `messages/`, not `locales/`: the derive checks a crate's
/// types against `locales/<default locale>`, and this crate's tests and
/// examples derive types whose messages live elsewhere.
pub(super) static FRAMEWORK: EmbeddedLocales = embed_locales!("messages");

/// The locale the framework's messages fall back to when no locale of the
/// application has them.
pub(super) const FRAMEWORK_FALLBACK: &str = "en-US";

/// Default base of the problem `type` URI; the error code is appended.
pub const DEFAULT_TYPE_BASE: &str = "urn:terror:";

/// Loads `.ftl` files into a [`Localizer`].
///
/// ```
/// use terror_core::{Args, Localizer};
///
/// let localizer = Localizer::builder()
///     .default_locale("en-US")
///     .source("en-US", "locales/en-US/app.ftl", "greeting = Hello")
///     .source("de", "locales/de/app.ftl", "greeting = Hallo")
///     .build()
///     .unwrap();
/// let chain = localizer.negotiate(None, Some("de-CH, en;q=0.5"));
/// let greeting = localizer.format(&chain, "greeting", None, &Args::new()).unwrap();
/// assert_eq!(greeting.text, "Hallo");
/// // The framework's own messages come along, in every language offered.
/// let title = localizer.format(&chain, "http-404", None, &Args::new()).unwrap();
/// assert_eq!(title.text, "Nicht gefunden");
/// assert_eq!(title.locale.to_string(), "de");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct LocalizerBuilder {
    default_locale: String,
    embedded: Vec<EmbeddedLocales>,
    directories: Vec<PathBuf>,
    /// Files given as text: locale, path, text.
    sources: Vec<(String, String, String)>,
    type_base: String,
}

impl Default for LocalizerBuilder {
    fn default() -> Self {
        LocalizerBuilder {
            default_locale: FRAMEWORK_FALLBACK.to_owned(),
            embedded: Vec::new(),
            directories: Vec::new(),
            sources: Vec::new(),
            type_base: DEFAULT_TYPE_BASE.to_owned(),
        }
    }
}

impl LocalizerBuilder {
    /// The locale every chain ends in (`en-US` unless set).
    pub fn default_locale(mut self, locale: impl Into<String>) -> Self {
        self.default_locale = locale.into();
        self
    }

    /// Adds locales embedded with [`embed_locales!`].
    pub fn embedded(mut self, locales: EmbeddedLocales) -> Self {
        self.embedded.push(locales);
        self
    }

    /// Adds a `locales/` directory read at [`build`](Self::build): every
    /// `<locale>/*.ftl` file in it.
    pub fn directory(mut self, path: impl Into<PathBuf>) -> Self {
        self.directories.push(path.into());
        self
    }

    /// Adds one file of `locale` given as text, such as one kept in a
    /// database or written by a tool; `path` names it in errors. It is
    /// checked at [`build`](Self::build) like every other file.
    ///
    /// ```
    /// use terror_core::{Args, Localizer};
    ///
    /// let localizer = Localizer::builder()
    ///     .source("en-US", "inline/greeting.ftl", "greeting = Hello, { $name }!")
    ///     .build()
    ///     .unwrap();
    /// let text = localizer.format(&localizer.default_chain(), "greeting", None, &Args::new().with("name", "Ann"));
    /// assert_eq!(text.unwrap().text, "Hello, Ann!");
    ///
    /// let error = Localizer::builder().source("en-US", "inline/broken.ftl", "broken = {").build().unwrap_err();
    /// assert!(error.to_string().starts_with("1 problem in locales\n  inline/broken.ftl:1:11: syntax error"));
    /// ```
    pub fn source(
        mut self,
        locale: impl Into<String>,
        path: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        self.sources.push((locale.into(), path.into(), text.into()));
        self
    }

    /// The base of the problem `type` URI: the code is appended to it, so
    /// `https://docs.example.com/errors/` gives
    /// `https://docs.example.com/errors/volume.not_found`. Defaults to
    /// [`DEFAULT_TYPE_BASE`].
    pub fn problem_type_base(mut self, base: impl Into<String>) -> Self {
        self.type_base = base.into();
        self
    }

    /// Reads, parses and compiles every file. All problems are reported at
    /// once, each naming file, line and column where one applies.
    pub fn build(self) -> Result<Localizer, LoadError> {
        let mut issues = Vec::new();
        let mut files = Vec::new();
        for embedded in &self.embedded {
            source::from_embedded(embedded, None, &mut files);
        }
        for dir in &self.directories {
            source::from_directory(dir, &mut files, &mut issues);
        }
        for (locale, path, text) in &self.sources {
            files.push(SourceFile {
                locale: locale.clone(),
                locale_path: locale.clone(),
                path: path.clone(),
                text: text.clone(),
            });
        }
        let mut framework_files = Vec::new();
        source::from_embedded(
            &FRAMEWORK,
            Some(env!("CARGO_PKG_NAME")),
            &mut framework_files,
        );
        for registered in RegisteredLocales::all() {
            source::from_embedded(
                &registered.locales(),
                Some(registered.package()),
                &mut framework_files,
            );
        }

        let default = self.default_locale.parse::<LanguageIdentifier>().ok();
        if default.is_none() {
            issues.push(LoadIssue::InvalidDefaultLocale {
                name: self.default_locale.clone(),
            });
        }
        let app = parse_locales(files, &mut issues);
        let framework = parse_locales(framework_files, &mut issues);
        let Some(default) = default else {
            return Err(LoadError::new(issues));
        };

        // The application's locales are what a request can negotiate; an
        // application without messages of its own offers the framework's.
        let offered = if app.is_empty() { &framework } else { &app };
        let available: Vec<LanguageIdentifier> = offered.iter().map(|l| l.id.clone()).collect();
        let Some(default_index) = available.iter().position(|l| *l == default) else {
            issues.push(LoadIssue::MissingDefaultLocale {
                default: default.to_string(),
                available: available.iter().map(ToString::to_string).collect(),
            });
            return Err(LoadError::new(issues));
        };
        if !issues.is_empty() {
            return Err(LoadError::new(issues));
        }

        let mut framework = framework;
        let fallback_index = framework
            .iter()
            .position(|l| l.id == FRAMEWORK_FALLBACK)
            .unwrap_or(0);
        let fallback = if app.is_empty() {
            None
        } else {
            framework
                .get(fallback_index)
                .map(|l| Locale::build(l.id.clone(), &[], &l.resources, &l.id))
        };
        let locales: Vec<Locale> = if app.is_empty() {
            framework
                .drain(..)
                .map(|l| {
                    let plurals_of = l.id.clone();
                    Locale::build(l.id, &[], &l.resources, &plurals_of)
                })
                .collect()
        } else {
            app.into_iter()
                .map(|l| {
                    let framework_part = framework_part(&l.id, &framework);
                    // A pseudo-locale is the default locale's text
                    // transformed, variants and all.
                    let plurals_of = if is_pseudo(&l.id) {
                        default.clone()
                    } else {
                        l.id.clone()
                    };
                    Locale::build(l.id, &framework_part, &l.resources, &plurals_of)
                })
                .collect()
        };
        Ok(Localizer {
            negotiator: Negotiator::new(available, default_index),
            locales,
            fallback,
            type_base: self.type_base,
        })
    }
}

/// The framework's messages in an application locale: those of the
/// framework locale with the same tag, else of the same language.
///
/// A pseudo-locale (region `XA` or `XB`, see [`terror_ftl::pseudo`]) the
/// framework has no messages for gets those of its language, or of
/// [`FRAMEWORK_FALLBACK`], transformed as `terror pseudo` transforms the
/// application's: so in `en-XA` every text not in brackets is one nobody
/// translated, the framework's own included. Only pseudo-locales pay for
/// this, once, at build: each framework file is transformed and parsed
/// again.
fn framework_part<'a>(
    id: &LanguageIdentifier,
    framework: &'a [ParsedLocale],
) -> Cow<'a, [(String, Arc<FluentResource>)]> {
    if let Some(same) = framework.iter().find(|f| f.id == *id) {
        return Cow::Borrowed(&same.resources);
    }
    let same_language = framework.iter().find(|f| f.id.language == id.language);
    let Some(style) = pseudo::Style::of_locale(id) else {
        return same_language.map_or(Cow::Borrowed(&[]), |f| Cow::Borrowed(&f.resources));
    };
    let source = same_language.or_else(|| framework.iter().find(|f| f.id == FRAMEWORK_FALLBACK));
    let Some(source) = source else {
        return Cow::Borrowed(&[]);
    };
    source
        .resources
        .iter()
        .map(|(path, resource)| {
            let text = pseudo::resource(resource.entries(), style);
            // The transform keeps the syntax of what parsed (terror-ftl
            // tests it); were that ever wrong, the plain text is the
            // harmless outcome.
            let transformed =
                FluentResource::try_new(text).map_or_else(|_| Arc::clone(resource), Arc::new);
            (path.clone(), transformed)
        })
        .collect()
}

struct ParsedLocale {
    id: LanguageIdentifier,
    /// Each file's path, as given when loading, and its parsed text.
    resources: Vec<(String, Arc<FluentResource>)>,
}

/// Parses every file, grouping them by locale and checking locale names,
/// syntax and duplicate ids. Files that fail are left out of the result.
fn parse_locales(files: Vec<SourceFile>, issues: &mut Vec<LoadIssue>) -> Vec<ParsedLocale> {
    let mut locales: Vec<ParsedLocale> = Vec::new();
    let mut seen: Vec<HashMap<String, SourcePosition>> = Vec::new();
    for file in files {
        let Ok(id) = file.locale.parse::<LanguageIdentifier>() else {
            if !issues.iter().any(
                |i| matches!(i, LoadIssue::InvalidLocale { path, .. } if *path == file.locale_path),
            ) {
                issues.push(LoadIssue::InvalidLocale {
                    path: file.locale_path,
                    name: file.locale,
                });
            }
            continue;
        };
        let Some(resource) = parse_file(&file, issues) else {
            continue;
        };
        let index = if let Some(i) = locales.iter().position(|l| l.id == id) {
            i
        } else {
            locales.push(ParsedLocale {
                id,
                resources: Vec::new(),
            });
            seen.push(HashMap::new());
            locales.len() - 1
        };
        let ids = &mut seen[index];
        let lines = terror_ftl::LineIndex::new(resource.source());
        for entry in resource.entries() {
            let (name, other, ident) = match entry {
                ast::Entry::Message(m) => {
                    (m.id.name.to_owned(), format!("-{}", m.id.name), m.id.name)
                }
                ast::Entry::Term(t) => (format!("-{}", t.id.name), t.id.name.to_owned(), t.id.name),
                _ => continue,
            };
            let offset = terror_ftl::offset_in(resource.source(), ident);
            let position = SourcePosition::from_index(&file.path, &lines, offset);
            if let Some(first) = ids.get(&name) {
                issues.push(LoadIssue::Duplicate {
                    id: name,
                    position,
                    first: first.clone(),
                });
                continue;
            }
            // fluent-bundle keeps one entry per bare name: a term would
            // replace the message of its name, or the other way round.
            if let Some(first) = ids.get(&other) {
                issues.push(LoadIssue::NameClash {
                    id: name.clone(),
                    other,
                    position: position.clone(),
                    first: first.clone(),
                });
            }
            ids.insert(name, position);
        }
        locales[index]
            .resources
            .push((file.path.clone(), Arc::new(resource)));
    }
    locales
}

/// Parses one file as `terror_ftl::parse_guarded` does (a file the parser
/// cannot take is refused, a panic is caught); syntax errors become issues
/// with positions.
fn parse_file(file: &SourceFile, issues: &mut Vec<LoadIssue>) -> Option<FluentResource> {
    let parsed = terror_ftl::parse_guarded(&file.text, || {
        FluentResource::try_new(file.text.clone()).map_err(|(_, errors)| errors)
    });
    match parsed {
        Ok(resource) => Some(resource),
        Err(errors) => {
            issues.extend(errors.into_iter().map(|syntax| LoadIssue::Syntax {
                position: SourcePosition {
                    path: file.path.clone(),
                    line: syntax.line,
                    column: syntax.column,
                },
                entry_line: syntax.entry_line,
                message: syntax.message,
            }));
            None
        }
    }
}

/// Whether `id` is a pseudo-locale (region `XA` or `XB`).
fn is_pseudo(id: &LanguageIdentifier) -> bool {
    pseudo::Style::of_locale(id).is_some()
}
