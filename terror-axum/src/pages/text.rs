//! The words of the pages: terror's own `pages-*` messages, in the
//! request's languages, and the name of every language in itself.

use terror_core::{Args, LanguageIdentifier, LocaleChain, Localizer};

/// The message naming a language in that language.
const LANGUAGE_NAME: &str = "pages-language-name";

/// A text of the pages' messages.
pub(super) struct Text {
    pub(super) text: String,
    /// The locale it came from when that is not the page's (a fallback).
    pub(super) locale: Option<LanguageIdentifier>,
}

/// The pages' messages in one request's languages.
pub(super) struct Texts<'a> {
    pub(super) localizer: &'a Localizer,
    pub(super) chain: &'a LocaleChain,
}

impl<'a> Texts<'a> {
    pub(super) fn new(localizer: &'a Localizer, chain: &'a LocaleChain) -> Self {
        Texts { localizer, chain }
    }

    /// The page's language: the request's most preferred one.
    pub(super) fn lang(&self) -> &LanguageIdentifier {
        self.chain.primary()
    }

    /// The message `id`, without args.
    pub(super) fn get(&self, id: &str) -> Text {
        self.with(id, &Args::new())
    }

    /// The message `id` with `args`. Every `pages-*` message ships in the
    /// framework's default locale, so the id itself shows only when a
    /// service's file broke one (a mistake its translators' check finds).
    pub(super) fn with(&self, id: &str, args: &Args<'_>) -> Text {
        match self.localizer.format(self.chain, id, None, args) {
            Some(formatted) => Text {
                locale: (formatted.locale != self.lang()).then(|| formatted.locale.clone()),
                text: formatted.text,
            },
            None => Text {
                text: id.to_owned(),
                locale: None,
            },
        }
    }
}

/// One language of the service, as the language switch shows it.
pub(super) struct Language {
    pub(super) id: LanguageIdentifier,
    /// The BCP 47 tag, for `lang`, `hreflang` and `?lang=`.
    pub(super) tag: String,
    /// Its name in itself: "Русский", "Deutsch".
    pub(super) name: String,
    /// The same page in this language, relative to it: `?lang=ru`.
    pub(super) href: String,
    /// The chain a request asking for this language alone gets.
    pub(super) chain: LocaleChain,
}

/// Every language of `localizer`, named in itself, with the switch link
/// built from the query parameter `parameter`. A locale without the
/// pages' messages is named by its tag.
pub(super) fn languages(localizer: &Localizer, parameter: &str) -> Vec<Language> {
    localizer
        .locales()
        .map(|id| {
            let tag = id.to_string();
            let chain = localizer.negotiate(Some(&tag), None).into_owned();
            let name = localizer
                .has_message(id, LANGUAGE_NAME, None)
                .then(|| localizer.format(&chain, LANGUAGE_NAME, None, &Args::new()))
                .flatten()
                .map_or_else(|| tag.clone(), |f| f.text);
            let mut href = String::with_capacity(parameter.len() + tag.len() + 2);
            href.push('?');
            super::escape::percent_encode(&mut href, parameter);
            href.push('=');
            href.push_str(&tag);
            Language {
                name,
                chain,
                id: id.clone(),
                tag,
                href,
            }
        })
        .collect()
}

/// The name of `locale` in itself, from `languages`, else its tag.
pub(super) fn language_name(languages: &[Language], locale: &LanguageIdentifier) -> String {
    languages
        .iter()
        .find(|l| l.id == *locale)
        .map_or_else(|| locale.to_string(), |l| l.name.clone())
}
