//! Properties of language negotiation that hold for any header a client
//! sends: the chain ends in the default locale, names no locale twice,
//! offers only what the service has, honours `q=0`, and depends only on
//! the bounded prefix of the header that is read.

use proptest::prelude::*;
use terror_core::negotiate::{parse_accept_language, MAX_HEADER_LEN, MAX_RANGES};
use terror_core::{LanguageIdentifier, Localizer};

fn localizer() -> &'static Localizer {
    static LOCALIZER: std::sync::OnceLock<Localizer> = std::sync::OnceLock::new();
    LOCALIZER.get_or_init(|| with_locales(&["en-US", "ru", "de", "de-CH", "pt-BR", "zh-Hant"]))
}

/// A localizer offering locales with variants, under which a requested
/// tag's variants decide what it matches.
fn localizer_with_variants() -> &'static Localizer {
    static LOCALIZER: std::sync::OnceLock<Localizer> = std::sync::OnceLock::new();
    LOCALIZER
        .get_or_init(|| with_locales(&["en-US", "de-1996", "de", "de-CH-1901", "sl-rozaj", "sl"]))
}

fn with_locales(locales: &[&str]) -> Localizer {
    let mut builder = Localizer::builder().default_locale("en-US");
    for locale in locales {
        builder = builder.source(*locale, format!("{locale}/a.ftl"), "hello = hello\n");
    }
    builder.build().unwrap()
}

/// A language range as clients write them, good and bad.
fn range() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("en".to_owned()),
        Just("en-US".to_owned()),
        Just("en-GB".to_owned()),
        Just("ru".to_owned()),
        Just("ru-RU".to_owned()),
        Just("de".to_owned()),
        Just("de-CH".to_owned()),
        Just("de-AT".to_owned()),
        Just("pt".to_owned()),
        Just("zh-Hant-TW".to_owned()),
        Just("fr".to_owned()),
        Just("de-1996".to_owned()),
        Just("de-CH-1901".to_owned()),
        Just("de-xxxxx".to_owned()),
        Just("de-DE-xxxxx".to_owned()),
        Just("sl-rozaj-biske".to_owned()),
        Just("sl-IT-rozaj".to_owned()),
        Just("*".to_owned()),
        "[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,2}",
        "[ -~]{0,12}",
    ]
}

/// A q-value parameter, absent, valid or malformed.
fn quality() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(";q=0".to_owned()),
        Just(";q=0.000".to_owned()),
        Just(";q=0.5".to_owned()),
        Just(";q=1".to_owned()),
        Just(";Q=0.9".to_owned()),
        Just(";q=2".to_owned()),
        Just(";q=".to_owned()),
        "[;=q0-9. ]{0,8}",
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec((range(), quality()), 0..24).prop_map(|items| {
            items
                .into_iter()
                .map(|(r, q)| r + &q)
                .collect::<Vec<_>>()
                .join(", ")
        }),
        1 => "\\PC{0,64}",
        1 => "[a-z,;=. *0-9-]{0,4000}",
    ]
}

/// The ranges of a header listed with `q=0` (the first listing of a range
/// is the one that counts).
fn excluded(header: &str) -> Vec<LanguageIdentifier> {
    use terror_core::negotiate::LanguageRange;
    parse_accept_language(header)
        .into_iter()
        .filter(|p| p.quality == 0)
        .filter_map(|p| match p.range {
            LanguageRange::Tag(tag) => Some(tag),
            LanguageRange::Any => None,
        })
        .collect()
}

/// The chain fluent-langneg's filtering gives for every range the header
/// asks for (none left out), closed by the default locale as terror closes
/// it, with `q=0` ranges removed: what `negotiate` must answer.
fn oracle(localizer: &Localizer, header: &str) -> Vec<LanguageIdentifier> {
    use terror_core::negotiate::LanguageRange;
    let available: Vec<LanguageIdentifier> = localizer.locales().cloned().collect();
    let default = localizer.default_locale();
    let preferences = parse_accept_language(header);
    let requested: Vec<LanguageIdentifier> = preferences
        .iter()
        .filter(|p| p.quality > 0)
        .map(|p| match &p.range {
            LanguageRange::Tag(tag) => tag.clone(),
            LanguageRange::Any => default.clone(),
        })
        .collect();
    let excluded = excluded(header);
    let negotiated = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(default),
        fluent_langneg::NegotiationStrategy::Filtering,
    );
    let mut chain: Vec<LanguageIdentifier> = Vec::new();
    for locale in negotiated {
        let excluded =
            locale != default && excluded.iter().any(|ex| locale.matches(ex, false, true));
        if !excluded && !chain.contains(locale) {
            chain.push(locale.clone());
        }
    }
    match chain.iter().position(|l| l == default) {
        Some(at) => chain.truncate(at + 1),
        None => chain.push(default.clone()),
    }
    chain
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn chains_are_what_fluent_langneg_gives_for_every_range(accept in header()) {
        let chain = localizer().negotiate(None, Some(&accept));
        prop_assert_eq!(chain.locales(), &oracle(localizer(), &accept)[..], "for {:?}", accept);
    }

    #[test]
    fn with_variants_offered_chains_are_what_fluent_langneg_gives(accept in header()) {
        let localizer = localizer_with_variants();
        let chain = localizer.negotiate(None, Some(&accept));
        prop_assert_eq!(chain.locales(), &oracle(localizer, &accept)[..], "for {:?}", accept);
    }

    #[test]
    fn chains_end_in_the_default_and_offer_only_what_exists(
        preferred in prop::option::of(header()),
        accept in prop::option::of(header()),
    ) {
        let localizer = localizer();
        let chain = localizer.negotiate(preferred.as_deref(), accept.as_deref());
        let locales = chain.locales();
        prop_assert!(!locales.is_empty());
        prop_assert_eq!(locales.last(), Some(localizer.default_locale()));
        for (i, locale) in locales.iter().enumerate() {
            prop_assert!(!locales[..i].contains(locale), "{} twice in {:?}", locale, locales);
            prop_assert!(localizer.locales().any(|l| l == locale), "{} is not offered", locale);
        }
    }

    #[test]
    fn q0_excludes_a_language_unless_it_is_the_default(accept in header()) {
        let localizer = localizer();
        let chain = localizer.negotiate(None, Some(&accept));
        for tag in excluded(&accept) {
            for locale in chain.locales() {
                if locale != localizer.default_locale() {
                    prop_assert!(
                        !locale.matches(&tag, false, true),
                        "{} in {:?} though {} has q=0", locale, chain.locales(), tag
                    );
                }
            }
        }
    }

    #[test]
    fn only_a_bounded_prefix_of_a_header_is_read(
        head in header(),
        tail in "[a-z,;=. *0-9-]{0,200}",
        repeat in 1_usize..400,
    ) {
        let huge = format!("{head}, {}", tail.repeat(repeat));
        let prefix = {
            let mut end = huge.len().min(MAX_HEADER_LEN);
            while !huge.is_char_boundary(end) {
                end -= 1;
            }
            &huge[..end]
        };
        let prefs = parse_accept_language(&huge);
        prop_assert!(prefs.len() <= MAX_RANGES);
        prop_assert!(prefs.iter().all(|p| p.quality <= 1000));
        prop_assert_eq!(&prefs, &parse_accept_language(prefix));
        let localizer = localizer();
        prop_assert_eq!(
            localizer.negotiate(None, Some(&huge)),
            localizer.negotiate(None, Some(prefix))
        );
    }
}
