//! Parsing and compiling a localizer's locales: grouping files by
//! locale, checking them, and compiling each locale with the framework's
//! messages it takes in.
//!
//! One locale at a time is parsed, compiled into a scratch reused for
//! every locale, and its syntax trees dropped before its table is copied
//! out at its exact size: a tree lives only while its locale compiles,
//! and what the localizer keeps takes the memory trees held.

use fluent_syntax::ast;
use rustc_hash::FxHashMap;
use terror_ftl::pseudo;
use unic_langid::LanguageIdentifier;

use super::compile;
use super::locale::Locale;
use super::source::{SourceFile, SourcePosition, Text};
use super::table::{Scratch, Table};
use super::{LoadIssue, MAX_FILE_BYTES};

/// The locale the framework's messages fall back to when no locale of the
/// application has them.
pub(super) const FRAMEWORK_FALLBACK: &str = "en-US";

/// What checking, and compiling, one application locale gave.
pub(super) struct Outcome {
    /// Its problems, in the order found.
    pub(super) issues: Vec<LoadIssue>,
    /// The compiled locale, when it was compiled.
    pub(super) locale: Option<CompiledLocale>,
}

/// A compiled application locale, whose table still lacks its files.
pub(super) struct CompiledLocale {
    pub(super) table: Table,
    /// The text of its messages only Fluent renders.
    pub(super) fluent: Option<String>,
    /// The locale whose plural rules its selects follow.
    pub(super) plurals_of: LanguageIdentifier,
    /// The framework's files it took in (for a pseudo-locale, transformed
    /// for it).
    pub(super) framework_files: Vec<(Box<str>, Text)>,
}

/// Checks every application locale and, when `default` is given (no
/// problem found before), compiles each with the framework's messages it
/// takes in. Past the first problem found, locales are only checked.
/// Outcomes come in the order of `app`.
pub(super) fn compile_locales(
    app: &[LocaleFiles],
    framework: &[ParsedLocale<'_>],
    default: Option<&LanguageIdentifier>,
) -> Vec<Outcome> {
    let mut failed = default.is_none();
    // Sized for the largest locale before any syntax tree exists, so that
    // growing it never leaves a tree's memory pinned under it.
    let largest = app.iter().map(LocaleFiles::text_len).max().unwrap_or(0);
    let mut scratch = Scratch::for_text(largest);
    let mut outcomes = Vec::with_capacity(app.len());
    for group in app {
        let mut issues = Vec::new();
        let parsed = ParsedLocale::parse(group, &mut issues);
        failed |= !issues.is_empty();
        let compiled = match default {
            Some(default) if !failed => {
                let part = framework_part(&group.id, framework);
                let fluent = part.compile_with(&mut scratch, &parsed);
                // A pseudo-locale is the default locale's text
                // transformed, variants and all.
                let plurals_of = if is_pseudo(&group.id) {
                    default.clone()
                } else {
                    group.id.clone()
                };
                Some((part, fluent, plurals_of))
            }
            _ => None,
        };
        // The syntax trees go before anything that outlives the build is
        // allocated, so that it takes the memory they held rather than
        // pin it.
        drop(parsed);
        let locale = compiled.map(|(part, fluent, plurals_of)| {
            let texts: Vec<&str> = part
                .texts()
                .into_iter()
                .chain(group.files.iter().map(|f| &*f.text))
                .collect();
            let table = scratch.finish(&texts);
            drop(texts);
            CompiledLocale {
                table,
                fluent,
                plurals_of,
                framework_files: part.into_files(),
            }
        });
        outcomes.push(Outcome { issues, locale });
    }
    outcomes
}

/// The application's locales that compiled, each with its files moved
/// in; every outcome's problems go to `issues`, in order.
pub(super) fn into_locales(
    app: Vec<LocaleFiles>,
    outcomes: Vec<Outcome>,
    issues: &mut Vec<LoadIssue>,
) -> Vec<Locale> {
    let mut locales = Vec::with_capacity(app.len());
    for (group, mut outcome) in app.into_iter().zip(outcomes) {
        issues.append(&mut outcome.issues);
        if let Some(mut locale) = outcome.locale {
            let mut files = locale.framework_files;
            files.extend(
                group
                    .files
                    .into_iter()
                    .map(|f| (f.path.into_boxed_str(), f.text)),
            );
            locale.table.files = files.into_boxed_slice();
            locales.push(Locale::new(
                group.id,
                locale.table,
                locale.fluent,
                &locale.plurals_of,
            ));
        }
    }
    locales
}

/// A framework locale on its own: offered when the application has no
/// locales, and the fallback after every chain otherwise.
pub(super) fn framework_locale(parsed: &ParsedLocale<'_>, scratch: &mut Scratch) -> Locale {
    let fluent = FrameworkPart::None.compile_with(scratch, parsed);
    let mut table = scratch.finish(&parsed.texts());
    table.files = parsed.files().into_boxed_slice();
    Locale::new(parsed.id.clone(), table, fluent, &parsed.id)
}

/// Parses the framework's locales.
pub(super) fn parse_framework<'f>(
    groups: &'f [LocaleFiles],
    issues: &mut Vec<LoadIssue>,
) -> Vec<ParsedLocale<'f>> {
    groups
        .iter()
        .map(|group| ParsedLocale::parse(group, issues))
        .collect()
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
pub(super) fn framework_part<'f, 'p>(
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
            (
                Box::from(file.path.as_str()),
                Text::Owned(text.into_boxed_str()),
            )
        })
        .collect();
    FrameworkPart::Pseudo {
        files,
        plain: source,
    }
}

/// What of the framework's messages an application locale takes in.
pub(super) enum FrameworkPart<'f, 'p> {
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
    pub(super) fn compile_with(
        &self,
        scratch: &mut Scratch,
        app: &ParsedLocale<'_>,
    ) -> Option<String> {
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
                    .map(|(_, text)| terror_ftl::parse_runtime(text).ok())
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

    /// The texts of these files.
    fn texts(&self) -> Vec<&str> {
        match self {
            FrameworkPart::None => Vec::new(),
            FrameworkPart::Parsed(part) => part.texts(),
            FrameworkPart::Pseudo { files, .. } => files.iter().map(|(_, t)| &**t).collect(),
        }
    }

    /// The files, for the locale to keep.
    pub(super) fn into_files(self) -> Vec<(Box<str>, Text)> {
        match self {
            FrameworkPart::None => Vec::new(),
            FrameworkPart::Parsed(part) => part.files(),
            FrameworkPart::Pseudo { files, .. } => files,
        }
    }
}

/// The files of one locale, as loaded.
pub(super) struct LocaleFiles {
    pub(super) id: LanguageIdentifier,
    pub(super) files: Vec<SourceFile>,
}

impl LocaleFiles {
    /// The bytes of its files.
    fn text_len(&self) -> usize {
        self.files.iter().map(|f| f.text.len()).sum()
    }
}

/// Groups files by locale, in the order each locale first appears,
/// leaving out (and reporting) those whose locale is not a language tag.
pub(super) fn group_by_locale(
    files: Vec<SourceFile>,
    issues: &mut Vec<LoadIssue>,
) -> Vec<LocaleFiles> {
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
pub(super) struct ParsedLocale<'f> {
    pub(super) id: LanguageIdentifier,
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

    /// The texts of the files.
    pub(super) fn texts(&self) -> Vec<&str> {
        self.parsed.iter().map(|(file, _)| &*file.text).collect()
    }

    /// The files, for a locale to keep (the framework's are the binary's
    /// own text: keeping them copies nothing).
    pub(super) fn files(&self) -> Vec<(Box<str>, Text)> {
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
    // By bare name, the message's and the term's first definition: one
    // lookup per entry, in a map sized once.
    let mut seen: FxHashMap<&str, [Option<(usize, &str)>; 2]> = FxHashMap::default();
    seen.reserve(parsed.iter().map(|(_, resource)| resource.body.len()).sum());
    let position = |(file, ident): (usize, &str)| {
        let (file, resource) = &parsed[file];
        let text: &str = &file.text;
        let lines = terror_ftl::LineIndex::new(text);
        let _ = resource;
        SourcePosition::from_index(&file.path, &lines, terror_ftl::offset_in(text, ident))
    };
    let name = |term: bool, id: &str| {
        if term {
            format!("-{id}")
        } else {
            id.to_owned()
        }
    };
    for (index, (_, resource)) in parsed.iter().enumerate() {
        for entry in &resource.body {
            let (term, ident) = match entry {
                ast::Entry::Message(m) => (false, m.id.name),
                ast::Entry::Term(t) => (true, t.id.name),
                _ => continue,
            };
            let firsts = seen.entry(ident).or_default();
            if let Some(first) = firsts[usize::from(term)] {
                issues.push(LoadIssue::Duplicate {
                    id: name(term, ident),
                    position: position((index, ident)),
                    first: position(first),
                });
                continue;
            }
            if let Some(first) = firsts[usize::from(!term)] {
                issues.push(LoadIssue::NameClash {
                    id: name(term, ident),
                    other: name(!term, ident),
                    position: position((index, ident)),
                    first: position(first),
                });
            }
            firsts[usize::from(term)] = Some((index, ident));
        }
    }
}

/// Parses one file as `terror_ftl::parse_guarded` does (a file the parser
/// cannot take is refused, a panic is caught), without comments, which
/// only tools read; syntax errors become issues with positions.
fn parse_file<'f>(
    file: &'f SourceFile,
    issues: &mut Vec<LoadIssue>,
) -> Option<ast::Resource<&'f str>> {
    if file.text.len() > MAX_FILE_BYTES {
        issues.push(LoadIssue::TooLarge {
            path: file.path.clone(),
            bytes: file.text.len(),
            limit: MAX_FILE_BYTES,
        });
        return None;
    }
    let text: &'f str = &file.text;
    match terror_ftl::parse_runtime(text) {
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
