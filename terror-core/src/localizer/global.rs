//! The process-wide localizer: set by a service, or built from what the
//! program registered at compile time, so that nothing needs setting up.

use std::sync::{Arc, OnceLock, RwLock};

use unic_langid::LanguageIdentifier;

use super::assemble::FRAMEWORK_FALLBACK;
use super::locale::Locale;
use super::source::{DefaultMessages, EmbeddedFile};
use super::table::Table;
use super::{Localizer, DEFAULT_TYPE_BASE};
use crate::negotiate::Negotiator;

static GLOBAL: RwLock<Option<Arc<Localizer>>> = RwLock::new(None);
static BUILT_IN: OnceLock<Arc<Localizer>> = OnceLock::new();

impl Localizer {
    /// The process-wide localizer: the one given to [`set_global`](Self::set_global),
    /// or else one built, once, from what the program registered at compile
    /// time, so that nothing needs to be set up:
    ///
    /// - the default-locale `.ftl` files `#[derive(Terror)]` read in every
    ///   crate (the locale most of those crates use is the default; `en-US`
    ///   when there are none): every derived error renders its real
    ///   message;
    /// - the framework's messages and those registered with
    ///   [`register_locales!`].
    ///
    /// Errors rendered without a layer that knows their request, and OpenAPI
    /// examples use it. Should those files not load together (two crates
    /// define the same message), the error is logged and the framework's
    /// messages alone are used.
    pub fn global() -> Arc<Localizer> {
        if let Some(localizer) = GLOBAL.read().ok().and_then(|g| g.clone()) {
            return localizer;
        }
        BUILT_IN
            .get_or_init(|| Arc::new(Localizer::built_in()))
            .clone()
    }

    /// See [`global`](Self::global).
    fn built_in() -> Localizer {
        let files = DefaultMessages::files();
        let mut builder = Localizer::builder();
        if let Some(locale) = most_common_locale(&files) {
            builder = builder.default_locale(locale);
        }
        for (package, file) in &files {
            builder = builder.source(file.locale, format!("{package}/{}", file.path), file.source);
        }
        match builder.build() {
            Ok(localizer) => localizer,
            Err(error) => {
                tracing::error!(%error, "terror: the derived errors' messages failed to load; rendering with the framework's only");
                match Localizer::builder().build() {
                    Ok(localizer) => localizer,
                    // The framework's files are checked by this crate's
                    // tests; should they ever fail, errors still render (as
                    // status titles and codes) instead of panicking.
                    Err(error) => {
                        tracing::error!(%error, "terror: the framework's own messages failed to load");
                        Localizer::empty()
                    }
                }
            }
        }
    }

    /// Makes `localizer` the process-wide one returned by [`global`](Self::global).
    pub fn set_global(localizer: Arc<Localizer>) {
        if let Ok(mut global) = GLOBAL.write() {
            *global = Some(localizer);
        }
    }

    fn empty() -> Localizer {
        let id: LanguageIdentifier = FRAMEWORK_FALLBACK.parse().unwrap_or_default();
        Localizer {
            negotiator: Negotiator::new(vec![id.clone()], 0),
            locales: vec![Locale::new(id.clone(), Table::default(), None, &id)],
            fallback: None,
            type_base: super::TypeBase::new(DEFAULT_TYPE_BASE.to_owned()),
        }
    }
}

/// The locale of most packages' files, the first in name order on a tie.
///
/// A few dozen files at most, counted once at startup: linear scans
/// rather than a `BTreeMap`, whose code every service would compile for
/// this alone.
fn most_common_locale(files: &[(&'static str, &'static EmbeddedFile)]) -> Option<&'static str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (i, (package, file)) in files.iter().enumerate() {
        let counted = files[..i]
            .iter()
            .any(|(p, f)| p == package && f.locale == file.locale);
        if counted {
            continue;
        }
        match counts.iter_mut().find(|(locale, _)| *locale == file.locale) {
            Some((_, count)) => *count += 1,
            None => counts.push((file.locale, 1)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(locale, _)| *locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(locale: &'static str, path: &'static str) -> &'static EmbeddedFile {
        Box::leak(Box::new(EmbeddedFile {
            locale,
            path,
            source: "",
        }))
    }

    #[test]
    fn the_default_locale_is_that_of_most_packages() {
        // Two files of `a` in `de` count once: `en-US` has two packages.
        let files = [
            ("a", file("de", "a.ftl")),
            ("a", file("de", "b.ftl")),
            ("a", file("en-US", "a.ftl")),
            ("b", file("en-US", "b.ftl")),
        ];
        assert_eq!(most_common_locale(&files), Some("en-US"));
        // A tie goes to the first name.
        let files = [("a", file("fr", "a.ftl")), ("b", file("de", "b.ftl"))];
        assert_eq!(most_common_locale(&files), Some("de"));
        assert_eq!(most_common_locale(&[]), None);
    }
}
