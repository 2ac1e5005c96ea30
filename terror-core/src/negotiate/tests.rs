//! Unit tests of parsing and negotiation.

use proptest::prelude::*;

use super::*;

fn negotiator(available: &[&str], default: &str) -> Negotiator {
    let available: Vec<LanguageIdentifier> = available.iter().map(|s| s.parse().unwrap()).collect();
    let default = available.iter().position(|l| *l == default).unwrap();
    Negotiator::new(available, default)
}

fn chain(n: &Negotiator, preferred: Option<&str>, header: Option<&str>) -> Vec<String> {
    n.negotiate(preferred, header)
        .locales()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn tags(header: &str) -> Vec<(String, u16)> {
    parse_accept_language(header)
        .into_iter()
        .map(|p| {
            let tag = match p.range {
                LanguageRange::Any => "*".to_string(),
                LanguageRange::Tag(t) => t.to_string(),
            };
            (tag, p.quality)
        })
        .collect()
}

#[test]
fn parses_qvalues_and_orders_by_them() {
    assert_eq!(
        tags("fr;q=0.5, de, en-GB;q=0.8 ,ru;Q=1.0"),
        [
            ("de".into(), 1000),
            ("ru".into(), 1000),
            ("en-GB".into(), 800),
            ("fr".into(), 500)
        ]
    );
}

#[test]
fn skips_garbage_and_keeps_first_duplicate() {
    assert_eq!(
        tags("de;q=0.3, x!y, ;;, en;q=2, fr;q=0.1234, it;q=abc, de;q=0.9, 12, toolonglanguage, ru"),
        [("ru".into(), 1000), ("de".into(), 300)]
    );
    assert!(tags("").is_empty());
    assert!(tags(",,,;q=1").is_empty());
    assert_eq!(
        tags("*;q=0.1, ja"),
        [("ja".into(), 1000), ("*".into(), 100)]
    );
}

#[test]
fn huge_headers_do_bounded_work() {
    let huge = "de;q=0.5,".repeat(100_000) + "ru";
    assert_eq!(tags(&huge), [("de".into(), 500)]);
    let many = (0..1000)
        .map(|i| format!("x{i}"))
        .collect::<Vec<_>>()
        .join(",");
    assert!(parse_accept_language(&many).len() <= MAX_RANGES);
    // Truncation never splits a character.
    let multibyte = "ü".repeat(MAX_HEADER_LEN);
    assert!(parse_accept_language(&multibyte).is_empty());
}

#[test]
fn region_falls_back_to_language() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(chain(&n, None, Some("de-CH")), ["de", "en-US"]);
    assert_eq!(chain(&n, None, Some("en-GB")), ["en-US"]);
    assert_eq!(
        chain(&n, None, Some("ru-RU, de;q=0.5")),
        ["ru", "de", "en-US"]
    );
}

#[test]
fn quality_order_wins_over_header_order() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(
        chain(&n, None, Some("de;q=0.4, ru;q=0.9")),
        ["ru", "de", "en-US"]
    );
}

#[test]
fn star_means_the_default_and_q0_excludes() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(chain(&n, None, Some("*")), ["en-US"]);
    assert_eq!(chain(&n, None, Some("fr, *;q=0.5, de;q=0.1")), ["en-US"]);
    assert_eq!(chain(&n, None, Some("en, ru")), ["en-US"]);
    assert_eq!(chain(&n, None, Some("de, ru;q=0")), ["de", "en-US"]);
    // The default closes every chain, even when excluded.
    assert_eq!(chain(&n, None, Some("en;q=0, ru")), ["ru", "en-US"]);
}

#[test]
fn override_comes_first() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(chain(&n, Some("ru"), Some("de")), ["ru", "de", "en-US"]);
    assert_eq!(chain(&n, Some("!!"), Some("de")), ["de", "en-US"]);
    assert_eq!(chain(&n, Some("de"), None), ["de", "en-US"]);
}

#[test]
fn unknown_and_garbage_give_the_default() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(chain(&n, None, Some("ja, zh;q=0.8")), ["en-US"]);
    assert_eq!(chain(&n, None, Some("\u{0}\u{ffff};;;==,,")), ["en-US"]);
    assert_eq!(chain(&n, None, None), ["en-US"]);
}

/// An override and a header are cached apart from a header alone, and
/// a NUL (possible in a decoded `lang` value) cannot join two inputs.
#[test]
fn cache_keys_never_collide() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    // Once joined with a NUL, these two had one key.
    assert_eq!(chain(&n, None, Some("ru\u{0}de")), ["en-US"]);
    assert_eq!(chain(&n, Some("ru"), Some("de")), ["ru", "de", "en-US"]);
    assert_eq!(chain(&n, Some("ru\u{0}de"), None), ["en-US"]);
    assert_eq!(chain(&n, Some("r"), Some("ude")), ["en-US"]);
    assert_eq!(chain(&n, Some("ru"), Some("de")), ["ru", "de", "en-US"]);
}

#[test]
fn cache_lends_the_same_chain_and_stays_bounded() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    let first = n.negotiate(None, Some("ru"));
    let again = n.negotiate(None, Some("ru"));
    assert!(matches!(again, Cow::Borrowed(_)), "a kept header is lent");
    assert!(first.shares(&again));
    for i in 0..(CACHE_CAPACITY * 2) {
        n.negotiate(None, Some(&format!("x{i}, de")));
    }
    assert!(n.by_header.len() <= n.by_header.capacity());
    assert!(n.by_ranges.len() <= n.by_ranges.capacity());
    assert_eq!(chain(&n, None, Some("ru")), ["ru", "en-US"]);
}

/// A flood of new headers fills the kept headers once and no more: what
/// was kept before stays, and a header that finds no room is negotiated
/// all the same, through the cache of parsed ranges.
#[test]
fn a_flood_leaves_the_kept_headers_as_they_were() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    let before = n.negotiate(None, Some("ru, de;q=0.5"));
    let header = |i: usize| format!("x{i}, de");
    let capacity = n.by_header.capacity();
    for i in 0..capacity * 4 {
        assert_eq!(chain(&n, None, Some(&header(i))), ["de", "en-US"]);
    }
    assert!(n.by_header.len() <= capacity);
    // Nearly full: a key is turned away only when all its slots are taken.
    assert!(
        n.by_header.len() > capacity * 3 / 4,
        "{}",
        n.by_header.len()
    );
    let after = n.negotiate(None, Some("ru, de;q=0.5"));
    assert!(matches!(after, Cow::Borrowed(_)));
    assert!(
        before.shares(&after),
        "kept before the flood, kept after it"
    );
    // One parsed-ranges entry served every header of the flood.
    assert_eq!(n.by_ranges.len(), 2);
    // A header that finds no room is lent nothing, and negotiated right.
    let late = (capacity * 4..capacity * 8)
        .map(|i| format!("ru, x{i}"))
        .find(|h| matches!(n.negotiate(None, Some(h)), Cow::Owned(_)))
        .expect("a full map turns some new header away");
    assert_eq!(chain(&n, None, Some(&late)), ["ru", "en-US"]);
}

/// The cache of parsed ranges wears down a little at a time: a key seen
/// just before a flood is still there, nothing is cleared.
#[test]
fn a_full_ranges_cache_forgets_its_oldest_entries_only() {
    let cache: ChainCache<Box<str>, usize> = ChainCache::new(CACHE_CAPACITY);
    let capacity = cache.capacity();
    let key = |i: usize| format!("k{i}");
    for i in 0..capacity * 4 {
        cache.insert_hashed(cache.hash(key(i).as_str()), key(i).into(), &i);
        if i >= capacity * 3 {
            assert_eq!(cache.len(), capacity);
        }
    }
    for i in capacity * 4 - 4..capacity * 4 {
        assert_eq!(cache.get(key(i).as_str()), Some(i), "{}", key(i));
    }
    assert_eq!(cache.get(key(0).as_str()), None);
}

/// A table of headers is allocated by its first entry: requests that never
/// send an override never pay for that table.
#[test]
fn tables_nobody_uses_take_no_memory() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    assert_eq!(n.negotiate(None, None).locales().len(), 1);
    assert!(!n.by_header.allocated());
    n.negotiate(None, Some("ru"));
    assert!(n.by_header.allocated());
    assert!(!n.by_override.allocated());
    n.negotiate(Some("de"), Some("ru"));
    assert!(n.by_override.allocated());
}

/// A lookup tells a key an insert could keep from one it could not:
/// `Room` while a slot its hash picks is free, `Full` once all of them
/// hold other keys, which a flood of new headers then skips copying.
#[test]
fn a_lookup_says_whether_an_insert_could_keep_the_key() {
    let cache: KeptCache<Box<str>, usize> = KeptCache::new(16);
    let key = |i: usize| format!("k{i}");
    let (mut room, mut full) = (Vec::new(), 0);
    for i in 0..64 {
        let hash = cache.hash(key(i).as_str());
        match cache.lookup(hash, key(i).as_str()) {
            Lookup::Room => {
                assert_eq!(cache.insert(hash, key(i).into(), &i), Some(&i));
                room.push(i);
            }
            Lookup::Full => {
                assert_eq!(cache.insert(hash, key(i).into(), &i), None);
                full += 1;
            }
            Lookup::Kept(_) => panic!("{} was never kept", key(i)),
        }
    }
    // Sixteen slots keep at most sixteen keys; every other key was told.
    assert!(room.len() <= 16, "{}", room.len());
    assert_eq!(full, 64 - room.len());
    assert_eq!(cache.len(), room.len());
    for i in room {
        let hash = cache.hash(key(i).as_str());
        assert!(matches!(cache.lookup(hash, key(i).as_str()), Lookup::Kept(&v) if v == i));
    }
}

/// Threads keeping the same keys at once all get the one kept value.
#[test]
fn threads_keeping_one_key_share_one_value() {
    let cache: KeptCache<Box<str>, usize> = KeptCache::new(16);
    let kept: Vec<Vec<usize>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let cache = &cache;
                scope.spawn(move || {
                    (0..8)
                        .map(|k| {
                            let key = format!("k{k}");
                            let hash = cache.hash(key.as_str());
                            *cache
                                .insert(hash, key.into(), &(t * 100 + k))
                                .expect("room for eight keys in sixteen slots")
                        })
                        .collect()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for k in 0..8 {
        let key = format!("k{k}");
        let value = cache.get(cache.hash(key.as_str()), key.as_str());
        assert!(kept.iter().all(|values| Some(&values[k]) == value), "{key}");
        assert_eq!(value.map(|v| v % 100), Some(k));
    }
    assert_eq!(cache.len(), 8);
}

/// Headers that ask for the same thing share one negotiation.
#[test]
fn languages_nobody_offers_change_nothing() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    let first = n.negotiate(None, Some("de-CH, ru;q=0.5"));
    for header in [
        "de-CH, xx;q=0.9, ru;q=0.5",
        "de-CH, qqqqq-Latn-XY;q=0.7, ru;q=0.5, zz;q=0.1",
        "und, de-CH, ru;q=0.5",
        "de-CH, ru;q=0.5, fr;q=0",
    ] {
        let chain = n.negotiate(None, Some(header));
        assert!(first.shares(&chain), "{header}");
    }
    assert_eq!(n.by_ranges.len(), 1);
    assert_eq!(chain(&n, None, Some("xx, yy")), ["en-US"]);
    assert_eq!(chain(&n, Some("xx,ru"), Some("de")), ["ru", "de", "en-US"]);
    // A range without a language excludes every locale but the default.
    assert_eq!(chain(&n, None, Some("de, ru, und;q=0")), ["en-US"]);
}

#[test]
fn made_up_variants_share_one_negotiation_unless_variants_are_offered() {
    let n = negotiator(&["en-US", "ru", "de", "de-CH"], "en-US");
    let first = n.negotiate(None, Some("ru, de-xxxxx;q=0.5"));
    assert_eq!(
        chain(&n, None, Some("ru, de-xxxxx;q=0.5")),
        ["ru", "de", "de-CH", "en-US"]
    );
    for header in [
        "ru, de-yyyyy;q=0.5",
        "ru, de-1996-zzzzz;q=0.5",
        "ru, de-qqqqq;q=0.5, de-rrrrr;q=0",
    ] {
        let chain = n.negotiate(None, Some(header));
        assert!(first.shares(&chain), "{header}");
    }
    assert_eq!(n.by_ranges.len(), 1);
    // Variants matter by being there: `de-CH` matches `de-CH` exactly
    // first, `de-CH-xxxxx` matches no locale exactly, so the locales
    // matching it as ranges come in their order.
    assert_eq!(
        chain(&n, None, Some("de-CH-xxxxx")),
        ["de", "de-CH", "en-US"]
    );
    assert_eq!(chain(&n, None, Some("de-CH")), ["de-CH", "de", "en-US"]);
    assert_eq!(n.by_tag.len(), 4, "ru, de+variants, de-CH+variants, de-CH");

    let offered = negotiator(&["en-US", "de", "de-1996"], "en-US");
    assert_eq!(
        chain(&offered, None, Some("de-1996")),
        ["de-1996", "de", "en-US"]
    );
    assert_eq!(
        chain(&offered, None, Some("de-xxxxx")),
        ["de", "de-1996", "en-US"]
    );
    assert_eq!(
        chain(&offered, None, Some("de, de-1996;q=0")),
        ["de", "en-US"]
    );
    assert_eq!(offered.by_tag.len(), 3);
}

#[test]
fn equivalent_headers_share_one_negotiation() {
    let n = negotiator(&["en-US", "ru", "de"], "en-US");
    let first = n.negotiate(None, Some("de,ru"));
    let same = n.negotiate(None, Some("de, ru;q=1"));
    let reordered = n.negotiate(None, Some("ru;q=0.5, de"));
    assert!(first.shares(&same));
    assert!(first.shares(&reordered));
    assert_eq!(n.by_ranges.len(), 1);
    // q=0 is part of what is asked: excluding a language is another key.
    let excluding = n.negotiate(None, Some("de, ru, en;q=0"));
    assert!(!first.shares(&excluding));
    assert_eq!(n.by_ranges.len(), 2);
}

/// The parser as it was written first, on `str`'s general splitting and
/// trimming: the one that is fast now must read every header as it does.
mod reference {
    use super::super::{truncate_at_char_boundary, MAX_HEADER_LEN, MAX_RANGES};
    use super::{LanguageIdentifier, LanguagePreference, LanguageRange};

    pub(super) fn parse_accept_language(header: &str) -> Vec<LanguagePreference> {
        let header = truncate_at_char_boundary(header, MAX_HEADER_LEN);
        let mut prefs: Vec<LanguagePreference> = Vec::new();
        for item in header.split(',').take(MAX_RANGES * 4) {
            if prefs.len() == MAX_RANGES {
                break;
            }
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or("").trim();
            if range.is_empty() {
                continue;
            }
            let Some(quality) = parse_params(parts) else {
                continue;
            };
            let range = if range == "*" {
                LanguageRange::Any
            } else if is_language_range(range) {
                match range.parse::<LanguageIdentifier>() {
                    Ok(tag) => LanguageRange::Tag(tag),
                    Err(_) => continue,
                }
            } else {
                continue;
            };
            if prefs.iter().any(|p| p.range == range) {
                continue;
            }
            prefs.push(LanguagePreference { range, quality });
        }
        // A stable sort keeps header order among equal qualities.
        prefs.sort_by_key(|p| std::cmp::Reverse(p.quality));
        prefs
    }

    /// RFC 4647 basic language range: `1*8ALPHA *("-" 1*8alphanum)`. Underscores
    /// are accepted as separators, as many clients send them.
    fn is_language_range(range: &str) -> bool {
        let mut subtags = range.split(['-', '_']);
        let first = subtags.next().unwrap_or("");
        let ok = |s: &str, alpha_only: bool| {
            !s.is_empty()
                && s.len() <= 8
                && s.bytes().all(|b| {
                    if alpha_only {
                        b.is_ascii_alphabetic()
                    } else {
                        b.is_ascii_alphanumeric()
                    }
                })
        };
        ok(first, true) && subtags.all(|s| ok(s, false))
    }

    /// Reads `q=` among the parameters; `None` when it is malformed.
    fn parse_params<'a>(params: impl Iterator<Item = &'a str>) -> Option<u16> {
        let mut quality = 1000;
        for param in params {
            let (name, value) = param.split_once('=')?;
            if name.trim().eq_ignore_ascii_case("q") {
                quality = parse_qvalue(value.trim())?;
            }
        }
        Some(quality)
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`
    fn parse_qvalue(value: &str) -> Option<u16> {
        let (int, frac) = match value.split_once('.') {
            Some((i, f)) => (i, f),
            None => (value, ""),
        };
        if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut thousandths: u16 = 0;
        for (i, b) in frac.bytes().enumerate() {
            thousandths += u16::from(b - b'0') * [100, 10, 1][i];
        }
        match int {
            "0" => Some(thousandths),
            "1" if thousandths == 0 => Some(1000),
            _ => None,
        }
    }
}

/// Headers made of the pieces that matter to the parser: separators,
/// parameters, whitespace of both kinds, tags valid and not, characters
/// of several bytes.
fn tricky_header() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "de",
        "en-GB",
        "ru_RU",
        "zh-Hant-TW",
        "sr-Latn",
        "x",
        "i-klingon",
        "abcdefghi",
        "de-CH-1996",
        "12",
        "*",
        "q",
        "Q",
        "=",
        ";",
        ",",
        " ",
        "\t",
        "\u{a0}",
        "\u{2028}",
        "ü",
        "0",
        "1",
        ".",
        "5",
        "000",
        "0.9",
        "1.000",
        "-",
        "_",
        "q=0",
        ";q=0.5",
        "; q = 1 ",
        "\u{feff}",
        "\r\n",
    ];
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
            .prop_map(|pieces| pieces.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_reads_every_header_as_the_reference_does(header in tricky_header()) {
        prop_assert_eq!(parse_accept_language(&header), reference::parse_accept_language(&header));
    }
}

#[test]
fn the_parser_reads_long_headers_as_the_reference_does() {
    for header in [
        "de;q=0.5,".repeat(200),
        format!("{} ru", " ".repeat(MAX_HEADER_LEN - 2)),
        "\u{a0}de,\u{a0}ru;q=0.5\u{a0},*;q=0".to_owned(),
        (0..40)
            .map(|i| format!("x{i}-abc;q=0.{i}"))
            .collect::<Vec<_>>()
            .join(","),
    ] {
        assert_eq!(
            parse_accept_language(&header),
            reference::parse_accept_language(&header),
            "{header:?}"
        );
    }
}
