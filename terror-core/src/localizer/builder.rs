//! Loading `.ftl` files into a [`Localizer`]: where they come from, the
//! framework's own, parsing and checking them, and compiling every locale.

use std::path::PathBuf;

use fluent_syntax::ast;
use rustc_hash::FxHashMap;
use terror_ftl::pseudo;
use unic_langid::LanguageIdentifier;

use super::compile;
use super::locale::Locale;
use super::source::{self, SourceFile, SourcePosition, Text};
use super::table::Scratch;
use super::{EmbeddedLocales, LoadError, LoadIssue, Localizer, RegisteredLocales, MAX_FILE_BYTES};
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
    ///
    /// The built localizer keeps each file's text (an embedded file's is
    /// the binary's own, not a copy) and its messages compiled to a few
    /// integers each that point into it; no syntax tree outlives the build.
    pub fn build(self) -> Result<Localizer, LoadError> {
        let LocalizerBuilder {
            default_locale,
            embedded,
            directories,
            sources,
            type_base,
        } = self;
        let mut issues = Vec::new();
        let mut files = Vec::new();
        for embedded in &embedded {
            source::from_embedded(embedded, None, &mut files);
        }
        for dir in &directories {
            source::from_directory(dir, &mut files, &mut issues);
        }
        for (locale, path, text) in sources {
            files.push(SourceFile {
                locale_path: locale.clone(),
                locale,
                path,
                text: Text::Owned(text.into_boxed_str()),
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

        let default = default_locale.parse::<LanguageIdentifier>().ok();
        if default.is_none() {
            issues.push(LoadIssue::InvalidDefaultLocale {
                name: default_locale.clone(),
            });
        }
        let app = group_by_locale(files, &mut issues);
        let framework_groups = group_by_locale(framework_files, &mut issues);
        // The framework's files are parsed once, for every locale that
        // takes them in; their problems are listed after the application's.
        let mut framework_issues = Vec::new();
        let framework: Vec<ParsedLocale<'_>> = framework_groups
            .iter()
            .map(|group| ParsedLocale::parse(group, &mut framework_issues))
            .collect();

        // The application's locales are what a request can negotiate; an
        // application without messages of its own offers the framework's.
        let offered = if app.is_empty() { &framework_groups } else { &app };
        let available: Vec<LanguageIdentifier> = offered.iter().map(|l| l.id.clone()).collect();
        let default_index = default
            .as_ref()
            .and_then(|default| available.iter().position(|l| l == default));

        let mut scratch = Scratch::default();
        let mut locales = Vec::with_capacity(app.len());
        for group in app {
            let parsed = ParsedLocale::parse(&group, &mut issues);
            // Compiling is for a localizer that will be built: past the
            // first problem, the rest is only checked.
            let compiled = match (&default, issues.is_empty() && framework_issues.is_empty()) {
                (Some(default), true) => {
                    let part = framework_part(&group.id, &framework);
                    let fluent = part.compile_with(&mut scratch, &parsed);
                    // A pseudo-locale is the default locale's text
                    // transformed, variants and all.
                    let plurals_of = if is_pseudo(&group.id) {
                        default.clone()
                    } else {
                        group.id.clone()
                    };
                    Some((part.into_files(), fluent, plurals_of))
                }
                _ => None,
            };
            // The syntax trees go before the table is copied out of the
            // scratch, so that it can take the memory they held.
            drop(parsed);
            if let Some((mut files, fluent, plurals_of)) = compiled {
                files.extend(
                    group
                        .files
                        .into_iter()
                        .map(|f| (f.path.into_boxed_str(), f.text)),
                );
                let table = scratch.finish(files);
                locales.push(Locale::new(group.id, table, fluent, &plurals_of));
            }
        }
        issues.append(&mut framework_issues);
        let Some(default) = default else {
            return Err(LoadError::new(issues));
        };
        let Some(default_index) = default_index else {
            issues.push(LoadIssue::MissingDefaultLocale {
                default: default.to_string(),
                available: available.iter().map(ToString::to_string).collect(),
            });
            return Err(LoadError::new(issues));
        };
        if !issues.is_empty() {
            return Err(LoadError::new(issues));
        }

        let framework_locale = |parsed: &ParsedLocale<'_>| {
            let fluent = FrameworkPart::None.compile_with(&mut scratch, parsed);
            let table = scratch.finish(parsed.files());
            Locale::new(parsed.id.clone(), table, fluent, &parsed.id)
        };
        let fallback = if locales.is_empty() {
            // An application without messages of its own offers the
            // framework's locales, and needs no fallback after them.
            locales = framework.iter().map(framework_locale).collect();
            None
        } else {
            framework
                .iter()
                .find(|l| l.id == FRAMEWORK_FALLBACK)
                .or(framework.first())
                .map(framework_locale)
        };
        Ok(Localizer {
            negotiator: Negotiator::new(available, default_index),
            locales,
            fallback,
            type_base,
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
fn framework_part<'f, 'p>(
    id: &LanguageIdentifier,
    framework: &'f [ParsedLocale<'p>],
) -> FrameworkPart<'f, 'p> {
    if let Some(same) = framework.iter().find(|f| f.id == *id) {
        return FrameworkPart::Parsed(same);
    }
    let same_language = framework.iter().find(|f| f.id.language == id.language);
    let Some(style) = pseudo::Style::of_locale(id) else {
        return same_language.map_or(FrameworkPart::None, FrameworkPart::Parsed);
    };
    let source = same_language.or_else(|| framework.iter().find(|f| f.id == FRAMEWORK_FALLBACK));
    let Some(source) = source else {
        return FrameworkPart::None;
    };
    let files = source
        .parsed
        .iter()
        .map(|(file, resource)| {
            let text = pseudo::resource(&resource.body, style);
            (Box::from(file.path.as_str()), Text::Owned(text.into_boxed_str()))
        })
        .collect();
    FrameworkPart::Pseudo {
        files,
        plain: source,
    }
}

/// What of the framework's messages an application locale takes in.
enum FrameworkPart<'f, 'p> {
    None,
    Parsed(&'f ParsedLocale<'p>),
    /// Files transformed into a pseudo-locale, and the locale they were
    /// made from.
    Pseudo {
        files: Vec<(Box<str>, Text)>,
        plain: &'f ParsedLocale<'p>,
    },
}

impl FrameworkPart<'_, '_> {
    /// Compiles these files and then the application's `app` into
    /// `scratch`, as [`compile::compile`] does.
    fn compile_with(&self, scratch: &mut Scratch, app: &ParsedLocale<'_>) -> Option<String> {
        let app_files = app.parsed.iter().map(|(f, r)| (&*f.text, r));
        match self {
            FrameworkPart::None => {
                let (texts, resources): (Vec<&str>, Vec<_>) = app_files.unzip();
                compile::compile(scratch, &texts, &resources)
            }
            FrameworkPart::Parsed(part) => {
                let (texts, resources): (Vec<&str>, Vec<_>) = part
                    .parsed
                    .iter()
                    .map(|(f, r)| (&*f.text, r))
                    .chain(app_files)
                    .unzip();
                compile::compile(scratch, &texts, &resources)
            }
            FrameworkPart::Pseudo { files, plain } => {
                // The transform keeps the syntax of what parsed (terror-ftl
                // tests it); were that ever wrong, the plain text is the
                // harmless outcome.
                let transformed: Vec<Option<ast::Resource<&str>>> = files
                    .iter()
                    .map(|(_, text)| fluent_syntax::parser::parse_runtime(&**text).ok())
                    .collect();
                let part = files.iter().zip(&transformed).zip(&plain.parsed).map(
                    |(((_, text), transformed), (file, plain))| match transformed {
                        Some(resource) => (&**text, resource),
                        None => (&*file.text, plain),
                    },
                );
                let (texts, resources): (Vec<&str>, Vec<_>) = part.chain(app_files).unzip();
                compile::compile(scratch, &texts, &resources)
            }
        }
    }

    /// The files, for the locale to keep.
    fn into_files(self) -> Vec<(Box<str>, Text)> {
        match self {
            FrameworkPart::None => Vec::new(),
            FrameworkPart::Parsed(part) => part.files(),
            FrameworkPart::Pseudo { files, .. } => files,
        }
    }
}

/// The files of one locale, as loaded.
struct LocaleFiles {
    id: LanguageIdentifier,
    files: Vec<SourceFile>,
}

/// Groups files by locale, in the order each locale first appears,
/// leaving out (and reporting) those whose locale is not a language tag.
fn group_by_locale(files: Vec<SourceFile>, issues: &mut Vec<LoadIssue>) -> Vec<LocaleFiles> {
    let mut locales: Vec<LocaleFiles> = Vec::new();
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
        match locales.iter_mut().find(|l| l.id == id) {
            Some(locale) => locale.files.push(file),
            None => locales.push(LocaleFiles {
                id,
                files: vec![file],
            }),
        }
    }
    locales
}

/// The files of a locale that parsed, each with its syntax tree.
struct ParsedLocale<'f> {
    id: LanguageIdentifier,
    parsed: Vec<(&'f SourceFile, ast::Resource<&'f str>)>,
}

impl<'f> ParsedLocale<'f> {
    /// Parses every file of a locale and checks that no id is defined
    /// twice; files that fail are left out, their problems reported.
    fn parse(locale: &'f LocaleFiles, issues: &mut Vec<LoadIssue>) -> Self {
        let parsed: Vec<(&SourceFile, ast::Resource<&str>)> = locale
            .files
            .iter()
            .filter_map(|file| Some((file, parse_file(file, issues)?)))
            .collect();
        check_ids(&parsed, issues);
        ParsedLocale {
            id: locale.id.clone(),
            parsed,
        }
    }

    /// The files, for a locale to keep (the framework's are the binary's
    /// own text: keeping them copies nothing).
    fn files(&self) -> Vec<(Box<str>, Text)> {
        self.parsed
            .iter()
            .map(|(file, _)| (Box::from(file.path.as_str()), file.text.clone()))
            .collect()
    }
}

/// Reports ids defined twice in one locale, and a message and a term of
/// one name (fluent-bundle keeps one entry per bare name: a term would
/// replace the message of its name, or the other way round). Positions
/// are worked out only for what is reported.
fn check_ids(parsed: &[(&SourceFile, ast::Resource<&str>)], issues: &mut Vec<LoadIssue>) {
    let mut seen: FxHashMap<(bool, &str), (usize, &str)> = FxHashMap::default();
    let position = |(file, ident): (usize, &str)| {
        let (file, resource) = &parsed[file];
        let text: &str = &file.text;
        let lines = terror_ftl::LineIndex::new(text);
        let _ = resource;
        SourcePosition::from_index(&file.path, &lines, terror_ftl::offset_in(text, ident))
    };
    let name = |term: bool, id: &str| if term { format!("-{id}") } else { id.to_owned() };
    for (index, (_, resource)) in parsed.iter().enumerate() {
        for entry in &resource.body {
            let (term, ident) = match entry {
                ast::Entry::Message(m) => (false, m.id.name),
                ast::Entry::Term(t) => (true, t.id.name),
                _ => continue,
            };
            if let Some(&first) = seen.get(&(term, ident)) {
                issues.push(LoadIssue::Duplicate {
                    id: name(term, ident),
                    position: position((index, ident)),
                    first: position(first),
                });
                continue;
            }
            if let Some(&first) = seen.get(&(!term, ident)) {
                issues.push(LoadIssue::NameClash {
                    id: name(term, ident),
                    other: name(!term, ident),
                    position: position((index, ident)),
                    first: position(first),
                });
            }
            seen.insert((term, ident), (index, ident));
        }
    }
}

/// Parses one file as `terror_ftl::parse_guarded` does (a file the parser
/// cannot take is refused, a panic is caught), without comments, which
/// only tools read; syntax errors become issues with positions.
fn parse_file<'f>(file: &'f SourceFile, issues: &mut Vec<LoadIssue>) -> Option<ast::Resource<&'f str>> {
    if file.text.len() > MAX_FILE_BYTES {
        issues.push(LoadIssue::TooLarge {
            path: file.path.clone(),
            bytes: file.text.len(),
            limit: MAX_FILE_BYTES,
        });
        return None;
    }
    let text: &'f str = &file.text;
    let parsed = terror_ftl::parse_guarded(text, || {
        fluent_syntax::parser::parse_runtime(text).map_err(|(_, errors)| errors)
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
