//! The process-wide localizer: set by a service, or built from what the
//! program registered at compile time, so that nothing needs setting up.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock, RwLock};

use unic_langid::LanguageIdentifier;

use super::builder::FRAMEWORK_FALLBACK;
use super::locale::Locale;
use super::source::DefaultMessages;
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
        // The default locale of most packages, the first in name order on a tie.
        let packages: BTreeSet<(&str, &str)> = files.iter().map(|(p, f)| (f.locale, *p)).collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (locale, _) in packages {
            *counts.entry(locale).or_default() += 1;
        }
        let most = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        if let Some((locale, _)) = most {
            builder = builder.default_locale(*locale);
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
            type_base: DEFAULT_TYPE_BASE.to_owned(),
        }
    }
}
