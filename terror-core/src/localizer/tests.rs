use std::fmt::Write as _;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;

use super::locale::format_with;
use super::table::Kind;
use super::*;

fn localizer(files: &[(&str, &str)]) -> Result<Localizer, LoadError> {
    // Tests run in parallel: every call gets a directory of its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("terror-localizer-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let result = Localizer::builder().directory(&dir).build();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[test]
fn framework_messages_parse_in_every_locale() {
    let localizer = Localizer::builder().build().unwrap();
    let locales: Vec<String> = localizer.locales().map(ToString::to_string).collect();
    assert_eq!(locales, ["de", "en-US", "ru"]);
    for locale in localizer.locales() {
        for id in [
            "terror-redacted",
            "terror-redacted-with-id",
            "terror-untranslated",
            "http-404",
            "http-503",
        ] {
            assert!(
                localizer.has_message(locale, id, None),
                "{locale} lacks {id}"
            );
        }
    }
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let error = localizer(&[
        ("en-US/a.ftl", "ok = fine\nbroken = { $x\n"),
        ("en-US/b.ftl", "x = 1\n"),
    ])
    .unwrap_err();
    let text = error.to_string();
    // The parser notices the missing `}` at the end of the file; the issue
    // also names the line where the broken entry starts.
    assert!(text.contains("en-US/a.ftl:3:1: syntax error: Expected a token starting with \"}\" (in the entry starting at line 2)"), "{text}");
    assert!(matches!(
        &error.issues()[0],
        LoadIssue::Syntax {
            entry_line: Some(2),
            ..
        }
    ));
}

#[test]
fn duplicates_and_bad_folders_are_all_reported() {
    let error = localizer(&[
        ("en-US/a.ftl", "same = one\n"),
        ("en-US/b.ftl", "other = x\n\nsame = two\n"),
        ("not a tag!/c.ftl", "x = y\n"),
    ])
    .unwrap_err();
    let text = error.to_string();
    assert_eq!(error.issues().len(), 2, "{text}");
    assert!(
        text.contains("b.ftl:3:1: `same` is already defined at"),
        "{text}"
    );
    assert!(text.contains("a.ftl:1:1"), "{text}");
    assert!(
        text.contains("`not a tag!` is not a valid language tag"),
        "{text}"
    );
}

#[test]
fn missing_default_locale_is_an_error() {
    let error = localizer(&[("ru/a.ftl", "a = б\n")]).unwrap_err();
    assert!(error
        .to_string()
        .contains("the default locale `en-US` has no messages (loaded: ru)"));
}

#[test]
fn falls_back_message_by_message() {
    let l = localizer(&[
        ("en-US/a.ftl", "both = Both\nonly-en = Only English\n"),
        ("ru/a.ftl", "both = Оба\n"),
    ])
    .unwrap();
    let chain = l.negotiate(None, Some("ru"));
    let f = l.format(&chain, "both", None, &Args::new()).unwrap();
    assert_eq!(
        (f.text.as_str(), f.locale.to_string().as_str()),
        ("Оба", "ru")
    );
    let f = l.format(&chain, "only-en", None, &Args::new()).unwrap();
    assert_eq!(
        (f.text.as_str(), f.locale.to_string().as_str()),
        ("Only English", "en-US")
    );
    // Framework messages come from the framework's own Russian file.
    assert_eq!(
        l.format(&chain, "http-404", None, &Args::new())
            .unwrap()
            .text,
        "Не найдено"
    );
    assert!(l.format(&chain, "nowhere", None, &Args::new()).is_none());
}

const RU: &str = r#"
hosts = Том подключён к { $hosts ->
    [one] { $hosts } хосту
    [few] { $hosts } хостам
   *[many] { $hosts } хостам
}.
kind = { $kind ->
    [ssd] Быстрый
   *[other] Обычный
} { -brand }
-brand = Terror
exact = { $n ->
    [0] ноль
    [1] ровно один
   *[other] { $n }
}
num = { NUMBER($n, minimumFractionDigits: 2) } ГБ
ref = Ссылка: { kind } и { hosts }
flag = { $on ->
    [true] вкл
   *[false] выкл
}
lit = { "{" }{ 42 }{ "\u0041" }
"#;

fn ru() -> Localizer {
    localizer(&[("en-US/a.ftl", "x = x\n"), ("ru/a.ftl", RU)]).unwrap()
}

fn fmt(l: &Localizer, id: &str, args: &Args<'_>) -> String {
    let chain = l.negotiate(Some("ru"), None);
    l.format(&chain, id, None, args).unwrap().text
}

#[test]
fn russian_plural_categories() {
    let l = ru();
    for (n, expected) in [
        (1_u64, "Том подключён к 1 хосту."),
        (3, "Том подключён к 3 хостам."),
        (5, "Том подключён к 5 хостам."),
        (21, "Том подключён к 21 хосту."),
        (u64::MAX, "Том подключён к 18446744073709551615 хостам."),
    ] {
        assert_eq!(fmt(&l, "hosts", &Args::new().with("hosts", n)), expected);
    }
}

#[test]
fn selectors_terms_literals_and_references() {
    let l = ru();
    assert_eq!(
        fmt(&l, "kind", &Args::new().with("kind", "ssd")),
        "Быстрый Terror"
    );
    assert_eq!(
        fmt(&l, "kind", &Args::new().with("kind", "hdd")),
        "Обычный Terror"
    );
    assert_eq!(fmt(&l, "exact", &Args::new().with("n", 0_u8)), "ноль");
    assert_eq!(fmt(&l, "exact", &Args::new().with("n", 1_u8)), "ровно один");
    assert_eq!(fmt(&l, "exact", &Args::new().with("n", 7_u8)), "7");
    assert_eq!(fmt(&l, "flag", &Args::new().with("on", true)), "вкл");
    assert_eq!(fmt(&l, "flag", &Args::new().with("on", false)), "выкл");
    assert_eq!(fmt(&l, "lit", &Args::new()), "{42A");
    assert_eq!(
        fmt(
            &l,
            "ref",
            &Args::new().with("kind", "ssd").with("hosts", 2_u8)
        ),
        "Ссылка: Быстрый Terror и Том подключён к 2 хостам."
    );
}

#[test]
fn functions_go_through_fluent() {
    let l = ru();
    assert_eq!(fmt(&l, "num", &Args::new().with("n", 3_u8)), "3.00 ГБ");
}

#[test]
fn missing_variables_never_show_placeholders() {
    let l = ru();
    assert_eq!(fmt(&l, "hosts", &Args::new()), "Том подключён к … хостам.");
    // Through Fluent, a missing variable falls back to the next locale; here
    // there is none, so the message counts as missing.
    let chain = l.negotiate(Some("ru"), None);
    assert!(l.format(&chain, "num", None, &Args::new()).is_none());
    let none: Option<u32> = None;
    assert_eq!(fmt(&l, "exact", &Args::new().with("n", none)), "");
}

#[test]
fn no_bidi_isolation_marks() {
    let l = ru();
    let text = fmt(&l, "num", &Args::new().with("n", 1_u8));
    assert!(
        !text.contains('\u{2068}') && !text.contains('\u{2069}'),
        "{text:?}"
    );
}

/// Every compiled pattern renders exactly as Fluent itself renders it.
#[test]
fn compiled_patterns_agree_with_fluent() {
    let l = ru();
    let locale = l.locales.iter().find(|loc| loc.id == "ru").unwrap();
    let samples: Vec<Args<'_>> = vec![
        Args::new()
            .with("hosts", 1_u8)
            .with("kind", "ssd")
            .with("n", 0_u8)
            .with("on", true),
        Args::new()
            .with("hosts", 4_u8)
            .with("kind", "x")
            .with("n", 1_u8)
            .with("on", false),
        Args::new()
            .with("hosts", 11_u8)
            .with("kind", "ssd")
            .with("n", 2.5)
            .with("on", true),
        Args::new()
            .with("hosts", 1.5)
            .with("kind", "")
            .with("n", -3_i8)
            .with("on", "maybe"),
        Args::new()
            .with("hosts", u64::MAX)
            .with("kind", "ssd")
            .with("n", 1_u64 << 53)
            .with("on", 0_u8),
    ];
    // Every other variable any message of the locale reads (the framework's
    // messages use many) gets a value too, so Fluent has all it needs.
    let parsed: Vec<(&str, fluent_syntax::ast::Resource<&str>)> = locale
        .table
        .files
        .iter()
        .map(|(_, text)| {
            (
                &**text,
                fluent_syntax::parser::parse_runtime(&**text).unwrap(),
            )
        })
        .collect();
    let analysis = terror_ftl::Messages::new(parsed.iter().map(|(text, r)| (*text, &r.body)));
    let reference = reference_bundle(locale);
    let mut names: Vec<String> = analysis
        .ids()
        .flat_map(|id| analysis.variables(id).unwrap_or_default())
        .map(|u| u.name.to_owned())
        .collect();
    names.sort();
    names.dedup();
    let samples: Vec<Args<'_>> = samples
        .into_iter()
        .enumerate()
        .map(|(i, mut args)| {
            for name in &names {
                if args.get(name).is_none() {
                    // Alternate numbers and text to reach both kinds of keys.
                    if i % 2 == 0 {
                        args.push(name.clone(), i as u64 * 7 + 1);
                    } else {
                        args.push(name.clone(), "between");
                    }
                }
            }
            args
        })
        .collect();
    let mut compared = 0;
    for message in &locale.table.messages {
        if matches!(message.value.kind(), None | Some(Kind::Fluent)) {
            continue;
        }
        let id = locale.table.message_id(message);
        for args in &samples {
            let ours = locale.format(id, None, args, None).unwrap();
            let theirs = format_with(&reference, id, None, args)
                .unwrap_or_else(|| panic!("{id}"))
                .unwrap();
            assert_eq!(ours, theirs, "message {id} with {args:?}");
            compared += 1;
        }
    }
    assert!(compared >= 20, "compared only {compared}");
}

/// `level0` is one placeable; each level above refers to the one below four
/// times.
fn branching(levels: usize) -> String {
    let mut source = String::from("level0 = { $n }\n");
    for level in 1..=levels {
        let below = format!("{{ level{} }}", level - 1);
        writeln!(source, "level{level} = {below}{below}{below}{below}").unwrap();
    }
    source
}

#[test]
fn a_message_resolving_too_many_placeables_falls_back() {
    // References are placeables too: level2 resolves 4 + 16 + 16 = 36,
    // level3 4 + 4 * 36 = 148. Past the budget of 100, like fluent-bundle,
    // a message falls back to the next locale.
    let l = localizer(&[
        ("en-US/a.ftl", "level2 = two\nlevel3 = three\n"),
        ("ru/a.ftl", &branching(3)),
    ])
    .unwrap();
    let chain = l.negotiate(Some("ru"), None);
    let args = Args::new().with("n", 7_u8);
    let two = l.format(&chain, "level2", None, &args).unwrap();
    assert_eq!(
        (two.text, two.locale.to_string()),
        ("7".repeat(16), "ru".to_owned())
    );
    let three = l.format(&chain, "level3", None, &args).unwrap();
    assert_eq!(
        (three.text.as_str(), three.locale.to_string().as_str()),
        ("three", "en-US")
    );
    // Through Fluent (a function call on top), the same limit applies.
    let with_call = format!("{}top = {{ NUMBER(1) }}{{ level3 }}\n", branching(3));
    let l = localizer(&[("en-US/a.ftl", &with_call)]).unwrap();
    assert!(l.format(&l.default_chain(), "top", None, &args).is_none());
}

#[test]
fn references_compile_once_however_they_branch() {
    // 4^40 paths from the top; each pattern is compiled once and the top
    // one fails its budget at once when rendered.
    let l = localizer(&[("en-US/a.ftl", &branching(40))]).unwrap();
    let chain = l.default_chain();
    let args = Args::new().with("n", 1_u8);
    assert!(l.format(&chain, "level40", None, &args).is_none());
    assert_eq!(
        l.format(&chain, "level2", None, &args).unwrap().text,
        "1".repeat(16)
    );
}

#[test]
fn files_nested_too_deep_are_refused_before_parsing() {
    let deep = format!(
        "ok = fine\nx = {}$a{}\n",
        "{".repeat(50_000),
        "}".repeat(50_000)
    );
    let error = localizer(&[("en-US/a.ftl", &deep)]).unwrap_err();
    assert_eq!(error.issues().len(), 1);
    let text = error.to_string();
    assert!(
        text.contains("en-US/a.ftl:2:37: syntax error: placeables and function calls nest more than 32 levels deep here"),
        "{text}"
    );
}

#[test]
fn reference_cycles_fall_back() {
    let l = localizer(&[
        ("en-US/a.ftl", "a = A\nb = B\n"),
        (
            "ru/a.ftl",
            "a = { b }\nb = x { a }\nc = { $n ->\n    [one] { a }\n   *[other] ok\n}\n",
        ),
    ])
    .unwrap();
    let chain = l.negotiate(Some("ru"), None);
    let text = |id: &str, n: u8| {
        l.format(&chain, id, None, &Args::new().with("n", n))
            .unwrap()
            .text
    };
    assert_eq!(
        (text("a", 1), text("b", 1)),
        ("A".to_owned(), "B".to_owned())
    );
    // A cycle that is not taken renders.
    assert_eq!(text("c", 2), "ok");
}

/// Number keys with a decimal point, integers beyond 2^53 and non-finite
/// floats select in the compiled renderer exactly as in fluent-bundle.
#[test]
fn unusual_keys_and_values_select_as_in_fluent() {
    let source = "\
pick = { $x ->
    [1] one
    [1.0] one point zero
    [2.5] two and a half
    [9007199254740993] huge
    [NaN] not a number
    [inf] infinite
    [one] plural one
   *[other] other
}
";
    let l = localizer(&[("ru/a.ftl", source), ("en-US/a.ftl", "x = x\n")]).unwrap();
    let locale = l.locales.iter().find(|loc| loc.id == "ru").unwrap();
    assert!(matches!(
        locale.table.messages[locale.message("pick").unwrap() as usize]
            .value
            .kind(),
        Some(Kind::Nodes(_))
    ));
    let reference = reference_bundle(locale);
    let values: Vec<Args<'_>> = vec![
        Args::new().with("x", 1_u8),
        Args::new().with("x", 1.0),
        Args::new().with("x", 2.5),
        Args::new().with("x", 21_u8),
        Args::new().with("x", 9_007_199_254_740_993_u64),
        Args::new().with("x", f64::NAN),
        Args::new().with("x", f64::INFINITY),
        Args::new().with("x", "NaN"),
        Args::new().with("x", 1e300),
    ];
    let mut picked = Vec::new();
    for args in &values {
        let ours = locale.format("pick", None, args, None).unwrap();
        let theirs = format_with(&reference, "pick", None, args)
            .unwrap()
            .unwrap();
        assert_eq!(ours, theirs, "{args:?}");
        picked.push(ours.into_owned());
    }
    assert_eq!(
        picked,
        [
            "one",
            "one",
            "other",
            "plural one",
            "other",
            "not a number",
            "infinite",
            "not a number",
            "other"
        ]
    );
}

/// fluent-bundle keeps one entry per bare name, so a message and a term of
/// one name cannot both live in a locale: a clear startup error instead of
/// a message that renders or not depending on its content.
#[test]
fn a_message_and_a_term_of_one_name_are_refused() {
    let error = localizer(&[(
        "en-US/a.ftl",
        "-brand = Acme\nbrand = Our brand: { -brand }\n",
    )])
    .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("en-US/a.ftl:2:1: `brand` has the name of `-brand` at ")
            && text.ends_with(
                "en-US/a.ftl:1:2; fluent-bundle keeps only one of the two, so rename one"
            ),
        "{text}"
    );
    assert!(matches!(&error.issues()[0], LoadIssue::NameClash { id, .. } if id == "brand"));
}

#[test]
fn a_region_subtag_keeps_its_languages_plural_rules() {
    // CLDR has rules for `ru` and `zh`, not for `ru-RU` or `zh-TW`: as in
    // Fluent, those get their language's rules, not English ones.
    let source = "n = { $n ->\n    [one] one\n    [few] few\n   *[other] other\n}\n";
    let l = localizer(&[
        ("en-US/a.ftl", "x = x\n"),
        ("ru-RU/a.ftl", source),
        ("zh-TW/a.ftl", source),
    ])
    .unwrap();
    for (tag, n, expected) in [
        ("ru-RU", 3, "few"),
        ("ru-RU", 21, "one"),
        ("zh-TW", 1, "other"),
    ] {
        let locale = l.locales.iter().find(|loc| loc.id == tag).unwrap();
        let reference = reference_bundle(locale);
        let args = Args::new().with("n", n);
        let ours = locale.format("n", None, &args, None).unwrap();
        let theirs = format_with(&reference, "n", None, &args).unwrap().unwrap();
        assert_eq!((&*ours, &*theirs), (expected, expected), "{tag} {n}");
    }
}

/// The bundle fluent-bundle builds from a locale's files, as a service
/// using it alone would: the reference the compiled renderer must agree
/// with.
fn reference_bundle(locale: &Locale) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.id.clone()]);
    bundle.set_use_isolating(false);
    bundle.add_builtins().unwrap();
    for (_, text) in &locale.table.files {
        let resource = FluentResource::try_new(text.to_string()).unwrap();
        bundle.add_resource_overriding(resource);
    }
    bundle
}
