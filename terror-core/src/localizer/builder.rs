//! Loading `.ftl` files into a [`Localizer`]: where they come from, the
//! framework's own, parsing and checking them, and compiling every locale.

use std::path::PathBuf;

use unic_langid::LanguageIdentifier;

use super::assemble::{self, group_by_locale, FRAMEWORK_FALLBACK};
use super::source::{self, SourceFile, Text};
use super::table::Scratch;
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
        let default = default_locale.parse::<LanguageIdentifier>().ok();
        if default.is_none() {
            issues.push(LoadIssue::InvalidDefaultLocale {
                name: default_locale.clone(),
            });
        }
        let app = group_by_locale(files, &mut issues);
        let framework_groups = group_by_locale(framework_files(), &mut issues);
        // The framework's files are parsed once, for every locale that
        // takes them in; their problems are listed after the application's.
        let mut framework_issues = Vec::new();
        let framework = assemble::parse_framework(&framework_groups, &mut framework_issues);

        // The application's locales are what a request can negotiate; an
        // application without messages of its own offers the framework's.
        let offered = if app.is_empty() {
            &framework_groups
        } else {
            &app
        };
        let available: Vec<LanguageIdentifier> = offered.iter().map(|l| l.id.clone()).collect();
        let default_index = default
            .as_ref()
            .and_then(|default| available.iter().position(|l| l == default));

        let compile = default
            .as_ref()
            .filter(|_| issues.is_empty() && framework_issues.is_empty());
        let outcomes = assemble::compile_locales(&app, &framework, compile);
        let mut locales = assemble::into_locales(app, outcomes, &mut issues);
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

        let mut scratch = Scratch::default();
        let framework_locale = |parsed| assemble::framework_locale(parsed, &mut scratch);
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
            type_base: super::TypeBase::new(type_base),
        })
    }
}

/// The framework's files and every registered library's.
fn framework_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    source::from_embedded(&FRAMEWORK, Some(env!("CARGO_PKG_NAME")), &mut files);
    for registered in RegisteredLocales::all() {
        source::from_embedded(
            &registered.locales(),
            Some(registered.package()),
            &mut files,
        );
    }
    files
}
