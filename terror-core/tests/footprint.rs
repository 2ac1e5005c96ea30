//! What a built localizer holds: embedded text is referred to, never
//! copied; text read at startup is held once; compiled messages stay a
//! fraction of their text; only messages that need Fluent reach a bundle.

use std::fmt::Write as _;

use terror_core::{embed_locales, Args, Localizer};

static EMBEDDED: terror_core::EmbeddedLocales = embed_locales!("tests/locales");

/// The bytes of every embedded file of a locale folder.
fn embedded_bytes(locales: &terror_core::EmbeddedLocales) -> usize {
    locales.files().iter().map(|f| f.source.len()).sum()
}

#[test]
fn embedded_text_is_referred_to_not_copied() {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .embedded(EMBEDDED)
        .build()
        .unwrap();
    let footprint = localizer.footprint();
    assert_eq!(footprint.text_read, 0, "{footprint:?}");
    // The service's files and the framework's, each counted once.
    assert!(
        footprint.text_embedded > embedded_bytes(&EMBEDDED),
        "{footprint:?}"
    );
    assert_eq!(footprint.fluent_text, 0, "{footprint:?}");
}

#[test]
fn text_read_at_startup_is_held_once() {
    let text = "greeting = Hello, { $name }!\n    .title = Greeting\n";
    let localizer = Localizer::builder()
        .source("en-US", "app.ftl", text)
        .build()
        .unwrap();
    assert_eq!(localizer.footprint().text_read, text.len());
    let dir = std::env::temp_dir().join(format!("terror-footprint-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("en-US")).unwrap();
    std::fs::create_dir_all(dir.join("de")).unwrap();
    std::fs::write(dir.join("en-US/a.ftl"), text).unwrap();
    std::fs::write(dir.join("de/a.ftl"), "greeting = Hallo, { $name }!\n").unwrap();
    let from_dir = Localizer::builder().directory(&dir).build().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        from_dir.footprint().text_read,
        text.len() + "greeting = Hallo, { $name }!\n".len()
    );
}

/// A catalog shaped as a service's: a variable in every message, a plural
/// selector in every fourth, a title and a hint.
fn catalog(codes: usize) -> String {
    let mut text = String::new();
    for n in 0..codes {
        if n % 4 == 3 {
            writeln!(
                text,
                "check-{n} = {{ $count ->\n    [one] {{ $count }} volume over limit {n}.\n   *[other] {{ $count }} volumes over limit {n}.\n}}"
            )
            .unwrap();
        } else {
            writeln!(text, "check-{n} = The volume {{ $name }} failed check {n}.").unwrap();
        }
        writeln!(
            text,
            "    .title = The volume failed check {n}\n    .hint = Fix what check {n} lists, then retry.\n"
        )
        .unwrap();
    }
    text
}

#[test]
fn compiled_messages_take_less_than_their_text() {
    let text = catalog(2000);
    let localizer = Localizer::builder()
        .source("en-US", "checks.ftl", text.clone())
        .build()
        .unwrap();
    let footprint = localizer.footprint();
    assert_eq!(footprint.text_read, text.len());
    // Compiled messages take less than their text (a syntax tree takes
    // ten times as much): with the text, the localizer holds less than
    // twice its files.
    assert!(
        footprint.compiled < text.len(),
        "{} compiled bytes for {} bytes of text",
        footprint.compiled,
        text.len()
    );
    let chain = localizer.default_chain();
    let args = Args::new().with("name", "db-02").with("count", 3_u8);
    let shown = localizer.format(&chain, "check-1999", None, &args).unwrap();
    assert_eq!(shown.text, "3 volumes over limit 1999.");
    let hint = localizer
        .format(&chain, "check-7", Some("hint"), &args)
        .unwrap();
    assert_eq!(hint.text, "Fix what check 7 lists, then retry.");
}

#[test]
fn only_messages_that_need_fluent_reach_a_bundle() {
    let text = "\
-brand = { $case ->
   *[nominative] Tatlin
    [genitive] Tatlina
}
plain = Nothing special
size = { NUMBER($gb, minimumFractionDigits: 1) } GB on { -brand(case: \"genitive\") }
    .title = { size }
loop-a = { loop-b }
loop-b = { loop-a }
";
    let localizer = Localizer::builder()
        .source("en-US", "app.ftl", text)
        .build()
        .unwrap();
    let chain = localizer.default_chain();
    let args = Args::new().with("gb", 2_u8);
    let size = localizer.format(&chain, "size", None, &args).unwrap();
    assert_eq!(size.text, "2.0 GB on Tatlina");
    let title = localizer
        .format(&chain, "size", Some("title"), &args)
        .unwrap();
    assert_eq!(title.text, "2.0 GB on Tatlina");
    let plain = localizer.format(&chain, "plain", None, &args).unwrap();
    assert_eq!(plain.text, "Nothing special");
    // A cycle is Fluent's to report: it renders nothing here.
    assert!(localizer.format(&chain, "loop-a", None, &args).is_none());
    // The bundle got the term, `size` and the cycle, not `plain`.
    let fluent = localizer.footprint().fluent_text;
    let expected = text.len() - "plain = Nothing special\n".len();
    assert!(
        fluent >= expected && fluent <= expected + 8,
        "{fluent} bytes of text for Fluent, expected about {expected}"
    );
}
