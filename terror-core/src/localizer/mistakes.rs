//! Translation mistakes met while rendering, each logged once per locale
//! and message: a variable the error does not have, a plural category with
//! no variant, a message or attribute the locale lacks, a message that
//! cannot render.
//!
//! `terror check` and `assert_complete` find these before release; a
//! service that ships without them still learns of each mistake, from the
//! first request that meets it, without a log line per request.

use std::collections::HashSet;
use std::sync::Mutex;

use intl_pluralrules::PluralCategory;
use terror_ftl::plural::category_name;
use unic_langid::LanguageIdentifier;

/// How many distinct mistakes one locale remembers having logged. Message
/// ids come from the application's own errors and files, so the set is
/// bounded anyway; past this, mistakes are still logged, just not
/// deduplicated.
const MAX_REMEMBERED: usize = 4096;

/// A mistake in one message of one locale.
pub(super) enum Mistake<'a> {
    /// The message uses variables the error does not have; they render as
    /// `…`.
    Variables(&'a [Box<str>]),
    /// A number fell in a plural category the select has no variant for,
    /// so its default variant was used.
    Plural {
        /// The selector's variable.
        variable: &'a str,
        /// The category it fell in.
        category: &'a PluralCategory,
    },
    /// The locale lacks the message (or the attribute), so a later locale
    /// of the chain served it.
    Missing {
        /// The locale that served it.
        served_by: &'a LanguageIdentifier,
    },
    /// Fluent reported errors, so a later locale of the chain served it.
    Failed(&'a str),
    /// The message resolves more placeables than allowed.
    TooManyPlaceables(u32),
    /// No locale of the chain has a message for the error, so the generic
    /// "failed with error <code>" text was used.
    Untranslated {
        /// The error's code.
        code: &'a str,
    },
}

impl Mistake<'_> {
    /// What tells two mistakes of one message apart when deduplicating.
    fn kind(&self) -> u8 {
        match self {
            Mistake::Variables(_) => 0,
            Mistake::Plural { .. } => 1,
            Mistake::Missing { .. } => 2,
            Mistake::Failed(_) => 3,
            Mistake::TooManyPlaceables(_) => 4,
            Mistake::Untranslated { .. } => 5,
        }
    }
}

/// A mistake as remembered: the message, the attribute and the kind.
type Key = (Box<str>, Option<Box<str>>, u8);

/// The mistakes one locale has logged.
#[derive(Default)]
pub(super) struct Reported {
    seen: Mutex<HashSet<Key>>,
}

impl Reported {
    /// Logs `mistake` in `message` (or its `attribute`) of `locale`, unless
    /// this locale logged the same kind of mistake in it before. The
    /// request id is that of the request that met it first.
    pub(super) fn report(
        &self,
        locale: &LanguageIdentifier,
        message: &str,
        attribute: Option<&str>,
        mistake: &Mistake<'_>,
        request_id: Option<&str>,
    ) {
        let first = {
            // A poisoned lock only means another thread panicked while
            // inserting; the set is still a set.
            let mut seen = self
                .seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let key = (Box::from(message), attribute.map(Box::from), mistake.kind());
            if seen.contains(&key) {
                false
            } else {
                if seen.len() < MAX_REMEMBERED {
                    seen.insert(key);
                }
                true
            }
        };
        if first {
            log(locale, message, attribute, mistake, request_id);
        }
    }
}

fn log(
    locale: &LanguageIdentifier,
    message: &str,
    attribute: Option<&str>,
    mistake: &Mistake<'_>,
    request_id: Option<&str>,
) {
    match mistake {
        Mistake::Variables(variables) => tracing::warn!(
            locale = %locale,
            message_id = message,
            attribute,
            request_id,
            variables = ?variables,
            "terror: a message uses variables the error does not have; they render as `…` \
             (logged once per message and locale)"
        ),
        Mistake::Plural { variable, category } => tracing::warn!(
            locale = %locale,
            message_id = message,
            attribute,
            request_id,
            variable,
            category = category_name(category),
            "terror: a plural select has no variant for this category; its default variant \
             was used (logged once per message and locale)"
        ),
        Mistake::Missing { served_by } => tracing::warn!(
            locale = %locale,
            message_id = message,
            attribute,
            request_id,
            served_by = %served_by,
            "terror: a locale lacks a message; a later locale of the request's chain served \
             it (logged once per message and locale)"
        ),
        Mistake::Failed(errors) => tracing::warn!(
            locale = %locale,
            message_id = message,
            attribute,
            request_id,
            errors,
            "terror: a message failed to format; falling back to the next locale \
             (logged once per message and locale)"
        ),
        Mistake::Untranslated { code } => tracing::warn!(
            locale = %locale,
            message_id = message,
            request_id,
            code,
            "terror: no locale has a message for this error (logged once per message and locale)"
        ),
        Mistake::TooManyPlaceables(limit) => tracing::warn!(
            locale = %locale,
            message_id = message,
            attribute,
            request_id,
            limit,
            "terror: a message resolves too many placeables; falling back to the next locale \
             (logged once per message and locale)"
        ),
    }
}
