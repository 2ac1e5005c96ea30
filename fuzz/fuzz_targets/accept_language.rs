//! Fuzzes `Accept-Language` parsing and language negotiation.
//!
//! The input is text in lines: an `Accept-Language` value, a `lang`
//! override, and optionally a second value and override (a missing line is
//! `None`). Both pairs go through `parse_accept_language` and
//! `Localizer::negotiate` on a localizer with the framework's locales
//! (en-US, ru, de; default en-US). Checks:
//! - nothing panics;
//! - at most `MAX_RANGES` preferences, q-values in 0..=1000, sorted by
//!   quality, no range twice;
//! - the chain is non-empty, has no locale twice, holds only locales the
//!   localizer offers, and ends in the default locale (which it holds
//!   exactly once: negotiation stops there);
//! - a tag the header gives `q=0` does not bring a locale it matches into
//!   the chain, unless that locale is the default;
//! - asking again gives the same chain, and the negotiation cache never
//!   answers one input with another's chain: two localizers see the two
//!   pairs in opposite orders and must agree on each.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use terror_core::negotiate::{parse_accept_language, LanguageRange, MAX_RANGES};
use terror_core::{LanguageIdentifier, LocaleChain, Localizer};
use terror_fuzz::FRAMEWORK;

fn build() -> Localizer {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(FRAMEWORK)
        .build()
        .expect("the framework's locales load")
}

fn localizers() -> &'static (Localizer, Localizer) {
    static LOCALIZERS: OnceLock<(Localizer, Localizer)> = OnceLock::new();
    LOCALIZERS.get_or_init(|| (build(), build()))
}

fn check_preferences(header: &str) {
    let prefs = parse_accept_language(header);
    assert!(
        prefs.len() <= MAX_RANGES,
        "{} ranges from {header:?}",
        prefs.len()
    );
    for (i, pref) in prefs.iter().enumerate() {
        assert!(pref.quality <= 1000, "q={} from {header:?}", pref.quality);
        if let Some(next) = prefs.get(i + 1) {
            assert!(pref.quality >= next.quality, "unsorted: {prefs:?}");
        }
        assert!(
            !prefs[..i].iter().any(|p| p.range == pref.range),
            "{:?} twice in {prefs:?}",
            pref.range
        );
    }
}

fn check_chain(
    localizer: &Localizer,
    chain: &LocaleChain,
    preferred: Option<&str>,
    header: Option<&str>,
) {
    let locales = chain.locales();
    let default = localizer.default_locale();
    let offered: Vec<&LanguageIdentifier> = localizer.locales().collect();
    assert!(
        !locales.is_empty(),
        "empty chain for {preferred:?} {header:?}"
    );
    assert_eq!(
        locales.last(),
        Some(default),
        "chain {locales:?} for {preferred:?} {header:?} does not end in the default"
    );
    assert_eq!(chain.primary(), &locales[0]);
    for (i, locale) in locales.iter().enumerate() {
        assert!(
            offered.contains(&locale),
            "{locale} is not offered, chain {locales:?} for {preferred:?} {header:?}"
        );
        assert!(
            !locales[..i].contains(locale),
            "{locale} twice in {locales:?} for {preferred:?} {header:?}"
        );
    }
    // Exclusions: only the header's q=0 tags, as negotiate reads the header.
    let Some(header) = header.map(str::trim).filter(|h| !h.is_empty()) else {
        return;
    };
    for pref in parse_accept_language(header) {
        let LanguageRange::Tag(tag) = pref.range else {
            continue;
        };
        if pref.quality != 0 {
            continue;
        }
        for locale in locales {
            assert!(
                locale == default || !locale.matches(&tag, false, true),
                "{tag};q=0 excludes {locale}, yet chain {locales:?} for {preferred:?} {header:?} has it"
            );
        }
    }
}

type Pair<'a> = (Option<&'a str>, Option<&'a str>);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let first: Pair<'_> = (lines.next(), lines.next());
    let second: Pair<'_> = (lines.next(), lines.next());

    for value in [first.0, first.1, second.0, second.1].into_iter().flatten() {
        check_preferences(value);
    }

    let (a, b) = localizers();
    // `a` sees the first pair first, `b` the second: a cache that mixes up
    // two inputs answers them differently.
    let a_first = a.negotiate(first.1, first.0);
    let a_second = a.negotiate(second.1, second.0);
    let b_second = b.negotiate(second.1, second.0);
    let b_first = b.negotiate(first.1, first.0);
    for (localizer, chain, (header, preferred)) in [
        (a, &a_first, first),
        (a, &a_second, second),
        (b, &b_first, first),
        (b, &b_second, second),
    ] {
        check_chain(localizer, chain, preferred, header);
    }
    assert_eq!(
        a_first.locales(),
        b_first.locales(),
        "lang={:?} Accept-Language={:?} negotiates differently depending on what came before (other input: lang={:?} Accept-Language={:?})",
        first.1,
        first.0,
        second.1,
        second.0
    );
    assert_eq!(
        a_second.locales(),
        b_second.locales(),
        "lang={:?} Accept-Language={:?} negotiates differently depending on what came before (other input: lang={:?} Accept-Language={:?})",
        second.1,
        second.0,
        first.1,
        first.0
    );
    assert_eq!(
        a.negotiate(first.1, first.0),
        a_first,
        "asking again differs"
    );
});
