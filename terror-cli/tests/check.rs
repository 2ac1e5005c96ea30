//! `terror check` on folders with one mistake each: the exact findings
//! (file, line, column, check), the exit codes, and each output format.

mod support;

use std::fmt::Write as _;

use support::Fixture;

/// Runs `terror check` and returns its findings (stdout lines) and exit
/// code.
fn check(fixture: &Fixture, extra: &[&str]) -> (Vec<String>, i32) {
    let mut args = vec!["check", "locales"];
    args.extend_from_slice(extra);
    let run = fixture.run(&args);
    (
        run.lines().iter().map(|l| (*l).to_owned()).collect(),
        run.code,
    )
}

#[test]
fn a_clean_folder_passes() {
    let fixture = Fixture::base("clean");
    let run = fixture.run(&["check", "locales"]);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "0 errors, 0 warnings in 3 locales (de, en-US, ru), 3 files\n"
    );
    assert_eq!(run.code, 0);
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let fixture = Fixture::base("syntax").edit(
        "ru/volumes.ftl",
        "Том { $name } не найден.",
        "Том { $name не найден.",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec![
                "locales/ru/volumes.ftl:4:32: error: Expected a token starting with \"}\" [syntax-error]"
                    .to_owned()
            ],
            1
        )
    );
}

#[test]
fn a_selector_without_a_default_variant() {
    let fixture = Fixture::base("default").edit(
        "de/volumes.ftl",
        "*[other] { $hosts } Hosts",
        "[other] { $hosts } Hosts",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/de/volumes.ftl:13:5: error: `volume-in-use` has a selector without a default variant: mark one variant with `*`, such as `*[other]` [missing-default-variant]".to_owned()],
            1
        )
    );
}

#[test]
fn an_id_defined_twice() {
    let fixture = Fixture::base("duplicate").write(
        "de/more.ftl",
        "# $name (String) - the volume\nvolume-not-found = Kein Volume { $name }.\n    .title = Fehlt\n    .hint = GET /volumes\n",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/de/volumes.ftl:4:1: error: `volume-not-found` is already defined at locales/de/more.ftl:2:1: the service refuses to start with both; keep one [duplicate-id]".to_owned()],
            1
        )
    );
}

#[test]
fn a_missing_message() {
    let fixture = Fixture::base("missing").edit(
        "ru/volumes.ftl",
        "# $name (String) - the volume name the client asked for\nvolume-not-found = Том { $name } не найден.\n    .title = Том не найден\n    .hint = Список томов: GET /volumes.\n",
        "",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/ru/volumes.ftl:1:1: error: `volume-not-found` is missing: en-US has it at locales/en-US/volumes.ftl:4:1; until it is translated, users see another language [missing-message]".to_owned()],
            1
        )
    );
}

#[test]
fn a_missing_attribute_and_a_missing_value() {
    let fixture = Fixture::base("attribute").edit(
        "de/volumes.ftl",
        "    .title = Volume wird verwendet\n",
        "",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/de/volumes.ftl:10:1: error: `volume-in-use` lacks the attribute `.title` that en-US has [missing-attribute]".to_owned()],
            1
        )
    );
    let fixture = Fixture::base("value").edit(
        "de/volumes.ftl",
        "volume-not-found = Volume { $name } wurde nicht gefunden.\n",
        "volume-not-found =\n",
    );
    assert_eq!(
        check(&fixture, &[]).0,
        [
            "locales/de/volumes.ftl:4:1: error: `volume-not-found` has no value, only attributes: en-US's has one, and it is the text users read [missing-value]",
            "locales/de/volumes.ftl:4:1: warning: `volume-not-found` never shows `$name`, which en-US's message shows [unused-variable]",
        ]
    );
}

#[test]
fn a_misspelled_variable() {
    let fixture = Fixture::base("variable").edit(
        "ru/volumes.ftl",
        "Том { $name } не найден.",
        "Том { $nme } не найден.",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec![
                "locales/ru/volumes.ftl:4:1: warning: `volume-not-found` never shows `$name`, which en-US's message shows [unused-variable]".to_owned(),
                "locales/ru/volumes.ftl:4:26: error: `volume-not-found` uses `$nme`, which en-US's message does not have (it has `$name`): users would see `…` in its place; did you mean `$name`? [unknown-variable]".to_owned(),
            ],
            1
        )
    );
}

#[test]
fn a_plural_form_the_language_needs() {
    let fixture =
        Fixture::base("plural").edit("ru/volumes.ftl", "        [few] { $hosts } хостам\n", "");
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/ru/volumes.ftl:10:45: error: `volume-in-use` selects on `$hosts` without the plural category `few` that ru needs: numbers in it would show the default variant [missing-plural-category]".to_owned()],
            1
        )
    );
}

#[test]
fn a_reference_to_nothing() {
    let fixture = Fixture::base("reference").edit(
        "ru/volumes.ftl",
        "Список томов: GET /volumes.",
        "Список томов: { -api } GET /volumes.",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/ru/volumes.ftl:6:29: error: `volume-not-found` refers to `-api`, which ru does not define: the message falls back to another language [unknown-reference]".to_owned()],
            1
        )
    );
}

#[test]
fn a_folder_that_is_not_a_language_and_a_file_that_is_not_text() {
    let fixture = Fixture::base("unreadable")
        .write("de_DE!/x.ftl", "x = y\n")
        .write("ru/broken.ftl", b"ok = fine\nbad = \xff\n");
    let (findings, code) = check(&fixture, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        [
            "locales/de_DE!:1:1: error: the folder `de_DE!` is not a language tag (such as `de` or `pt-BR`): the service refuses to start with it [invalid-locale]",
            "locales/ru/broken.ftl:1:1: error: cannot read `locales/ru/broken.ftl`: it is not UTF-8 text (line 2, column 7) [unreadable-file]",
        ]
    );
}

#[test]
fn warnings_alone_pass() {
    let fixture = Fixture::base("warnings")
        .edit(
            "de/volumes.ftl",
            ".title = Volume nicht gefunden",
            ".tilte = Volume nicht gefunden\n    .title = Volume nicht gefunden",
        )
        .write("de/old.ftl", "volume-gone = Weg.\n")
        .edit(
            "de/volumes.ftl",
            ".title = Volume wird verwendet",
            ".title = Volume in use",
        );
    let run = fixture.run(&["check", "locales"]);
    assert_eq!(
        run.lines(),
        [
            "locales/de/old.ftl:1:1: warning: `volume-gone` is not in en-US: nothing shows it, remove it [obsolete-message]",
            "locales/de/volumes.ftl:5:6: warning: `volume-not-found` has the attribute `.tilte`, which nothing shows: terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`? [unknown-attribute]",
        ]
    );
    assert_eq!(run.code, 0, "warnings failed the check");
    assert_eq!(
        run.stderr,
        "0 errors, 2 warnings in 3 locales (de, en-US, ru), 4 files\n"
    );
}

#[test]
fn a_translation_left_as_the_source() {
    let same = "volume-in-use = Volume { $name } is attached to { $hosts ->\n        [one] one host\n       *[other] { $hosts } hosts\n    }.\n    .title = Volume in use\n";
    let fixture = Fixture::base("same").edit(
        "de/volumes.ftl",
        "volume-in-use = Volume { $name } ist mit { $hosts ->\n        [one] einem Host\n       *[other] { $hosts } Hosts\n    } verbunden.\n    .title = Volume wird verwendet\n",
        same,
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec!["locales/de/volumes.ftl:10:1: warning: `volume-in-use` is the same as in en-US: translate it, or put `# terror: same-as-source` in its comment if that is intended [same-as-source]".to_owned()],
            0
        )
    );
    let marked = fixture.edit(
        "de/volumes.ftl",
        "# $hosts (Integer) - how many hosts the volume is attached to\n",
        "# $hosts (Integer) - how many hosts the volume is attached to\n# terror: same-as-source\n",
    );
    assert_eq!(check(&marked, &[]), (vec![], 0));
}

#[test]
fn the_source_is_held_to_its_conventions() {
    let fixture = Fixture::base("source-style")
        .edit(
            "en-US/volumes.ftl",
            "# $hosts (Integer) - how many hosts the volume is attached to\n",
            "",
        )
        .write("en-US/style.ftl", "Volume_Gone = Gone.\n")
        .write("de/style.ftl", "Volume_Gone = Weg.\n")
        .write("ru/style.ftl", "Volume_Gone = Нет.\n");
    assert_eq!(
        check(&fixture, &[]),
        (
            vec![
                "locales/en-US/style.ftl:1:1: warning: `Volume_Gone` is not lowercase-with-hyphens: name it like the codes it belongs to, such as `volume-gone` [id-style]".to_owned(),
                "locales/en-US/volumes.ftl:9:1: warning: the comment above `volume-in-use` does not explain `$hosts`: translators need a line like `# $hosts (Integer) - what it is` [undocumented-variable]".to_owned(),
            ],
            0
        )
    );
}

/// The service's catalog: variables are checked against the code's args,
/// and codes without a message are found.
#[test]
fn the_catalog_decides_which_variables_exist() {
    let catalog = r#"{
  "version": 1,
  "errors": [
    {"code": "volume.not_found", "message_id": "volume-not-found", "args": [{"name": "name", "type": "String"}, {"name": "pool", "type": "String"}], "messages": {}},
    {"code": "volume.in_use", "message_id": "volume-in-use", "args": [{"name": "name", "type": "String"}, {"name": "hosts", "type": "f64"}], "messages": {}},
    {"code": "volume.gone", "message_id": "volume-gone", "args": [], "messages": {}},
    {"code": "request.not_found", "message_id": "request-not-found", "args": [], "messages": {"en-US": {}}}
  ]
}
"#;
    let fixture = Fixture::base("catalog")
        .write("../catalog.json", catalog)
        .edit(
            "ru/volumes.ftl",
            "Том { $name } не найден.",
            "Том { $name } не найден в { $pool }.",
        )
        .edit(
            "de/volumes.ftl",
            "Volume { $name } wurde nicht gefunden.",
            "Volume { $name } wurde nicht gefunden ({ $size }).",
        );
    let (without, _) = check(&fixture, &[]);
    assert_eq!(
        without,
        [
            "locales/de/volumes.ftl:4:61: error: `volume-not-found` uses `$size`, which en-US's message does not have (it has `$name`): users would see `…` in its place [unknown-variable]",
            "locales/ru/volumes.ftl:4:48: error: `volume-not-found` uses `$pool`, which en-US's message does not have (it has `$name`): users would see `…` in its place [unknown-variable]",
        ]
    );
    let (with, code) = check(&fixture, &["--catalog", "catalog.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        with,
        [
            "catalog.json:6:14: error: the code `volume.gone` has no message `volume-gone` in en-US: clients get a generic text [code-without-message]",
            "locales/de/volumes.ftl:4:61: error: `volume-not-found` uses `$size`, which `volume.not_found` does not have (it has `$name`, `$pool`): users would see `…` in its place [unknown-variable]",
        ]
    );
}

/// A deprecated code's message without `.deprecated` is a warning in
/// each locale that has the message, with the developer's note it falls
/// back to; a locale with the attribute, or a code that is not
/// deprecated, says nothing.
#[test]
fn a_deprecated_code_wants_its_note_translated() {
    let catalog = r#"{
  "version": 1,
  "errors": [
    {"code": "volume.not_found", "message_id": "volume-not-found", "args": [{"name": "name", "type": "String"}], "messages": {}, "deprecated": null},
    {"code": "volume.in_use", "message_id": "volume-in-use", "args": [{"name": "name", "type": "String"}, {"name": "hosts", "type": "u32"}], "messages": {}, "deprecated": "use volume.busy"}
  ]
}
"#;
    let fixture = Fixture::base("deprecated")
        .write("../catalog.json", catalog)
        .edit(
            "ru/volumes.ftl",
            "    .title = Том используется",
            "    .title = Том используется\n    .deprecated = Используйте volume.busy.",
        );
    let (without, _) = check(&fixture, &[]);
    assert_eq!(without, Vec::<String>::new(), "only the catalog tells");
    let (lines, code) = check(&fixture, &["--catalog", "catalog.json"]);
    assert_eq!(code, 0, "a warning does not fail the check");
    assert_eq!(
        lines,
        [
            "locales/de/volumes.ftl:10:1: warning: `volume-in-use` lacks the attribute `.deprecated`: the code `volume.in_use` is deprecated, and its page in de shows the developer's note \"use volume.busy\"; add `.deprecated` saying in this language what to use instead [missing-deprecation-note]",
            "locales/en-US/volumes.ftl:10:1: warning: `volume-in-use` lacks the attribute `.deprecated`: the code `volume.in_use` is deprecated, and its page in en-US shows the developer's note \"use volume.busy\"; add `.deprecated` saying in this language what to use instead [missing-deprecation-note]",
        ]
    );
    let run = fixture.run(&[
        "check",
        "locales",
        "--catalog",
        "catalog.json",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({
            "file": "locales/de/volumes.ftl",
            "line": 10,
            "column": 1,
            "severity": "warning",
            "locale": "de",
            "id": "volume-in-use",
            "check": "missing-deprecation-note",
            "message": "`volume-in-use` lacks the attribute `.deprecated`: the code `volume.in_use` is deprecated, and its page in de shows the developer's note \"use volume.busy\"; add `.deprecated` saying in this language what to use instead"
        })
    );
}

#[test]
fn json_output_has_every_field() {
    let fixture = Fixture::base("json").edit(
        "ru/volumes.ftl",
        "Том { $name } не найден.",
        "Том { $nme } не найден.",
    );
    let run = fixture.run(&["check", "locales", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {
                "file": "locales/ru/volumes.ftl",
                "line": 4,
                "column": 1,
                "severity": "warning",
                "locale": "ru",
                "id": "volume-not-found",
                "check": "unused-variable",
                "message": "`volume-not-found` never shows `$name`, which en-US's message shows"
            },
            {
                "file": "locales/ru/volumes.ftl",
                "line": 4,
                "column": 26,
                "severity": "error",
                "locale": "ru",
                "id": "volume-not-found",
                "check": "unknown-variable",
                "message": "`volume-not-found` uses `$nme`, which en-US's message does not have (it has `$name`): users would see `…` in its place; did you mean `$name`?"
            }
        ])
    );
    let clean = Fixture::base("json-clean").run(&["check", "locales", "--format", "json"]);
    assert_eq!((clean.stdout.as_str(), clean.code), ("[]\n", 0));
}

#[test]
fn github_output_annotates_the_line() {
    let fixture =
        Fixture::base("github").edit("ru/volumes.ftl", "        [few] { $hosts } хостам\n", "");
    let run = fixture.run(&["check", "locales", "--format", "github"]);
    assert_eq!(
        run.stdout,
        "::error file=locales/ru/volumes.ftl,line=10,col=45,title=terror check (missing-plural-category)::`volume-in-use` selects on `$hosts` without the plural category `few` that ru needs: numbers in it would show the default variant\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn usage_mistakes_exit_with_2() {
    let fixture = Fixture::base("usage");
    for (args, stderr) in [
        (
            &["check", "nowhere"][..],
            "error: cannot read the locales folder `nowhere`: No such file or directory (os error 2)\n",
        ),
        (
            &["check", "locales", "--source", "fr"],
            "error: no folder for the source locale `fr` in `locales` (it has de, en-US, ru); name the source with --source\n",
        ),
        (
            &["check", "locales", "--catalog", "missing.json"],
            "error: cannot read the catalog `missing.json`: No such file or directory (os error 2)\n",
        ),
    ] {
        let run = fixture.run(args);
        assert_eq!((run.stderr.as_str(), run.code), (stderr, 2), "{args:?}");
        assert_eq!(run.stdout, "");
    }
    let unknown = fixture.run(&["check", "--format", "xml"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        unknown.stderr
    );
    let help = fixture.run(&["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.contains("Usage: terror check [OPTIONS] [DIR]"),
        "{}",
        help.stdout
    );
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let fixture =
        Fixture::base("color").edit("de/volumes.ftl", "    .title = Volume wird verwendet\n", "");
    let plain = fixture.run(&["check", "locales"]);
    assert!(!plain.stdout.contains('\x1b'), "colour in a pipe");
    let always = fixture.run(&["--color", "always", "check", "locales"]);
    assert!(
        always.stdout.contains("\x1b[1;31merror\x1b[0m"),
        "{}",
        always.stdout
    );
}

/// Files a careless (or hostile) hand made: each is a finding, none stops
/// the check, and the work stays bounded.
#[test]
fn hostile_files_are_findings() {
    let deep = format!("deep = {}$x{}\n", "{".repeat(10_000), "}".repeat(10_000));
    let padding = "y".repeat(200);
    let mut many = String::new();
    for n in 0..20_000 {
        writeln!(many, "old-{n}-{padding} = x").unwrap();
    }
    let fixture = Fixture::base("hostile")
        .write("de/deep.ftl", deep)
        .write("de/many.ftl", many)
        .write("ru/huge.ftl", vec![b'#'; 9 * 1024 * 1024]);
    let (findings, code) = check(&fixture, &[]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 2 + 20_000, "{:?}", &findings[..3]);
    assert_eq!(
        findings[0],
        "locales/de/deep.ftl:1:40: error: placeables and function calls nest more than 32 levels deep here [syntax-error]"
    );
    assert!(findings[1].starts_with("locales/de/many.ftl:1:1: warning: `old-0-yyy"));
    assert_eq!(
        findings.last().unwrap(),
        "locales/ru/huge.ftl:1:1: error: cannot read `locales/ru/huge.ftl`: it has 9437184 bytes, more than the 8388608 a file may have [unreadable-file]"
    );
}

#[test]
fn a_byte_order_mark_is_named() {
    let fixture = Fixture::base("bom").write(
        "de/bom.ftl",
        "\u{feff}# $name (String) - the volume\nvolume-gone = Weg.\n",
    );
    assert_eq!(
        check(&fixture, &[]),
        (
            vec![
                "locales/de/bom.ftl:1:1: error: the file starts with a byte order mark (BOM), which Fluent does not allow: save it as UTF-8 without BOM [syntax-error]".to_owned(),
                "locales/de/bom.ftl:2:1: warning: `volume-gone` is not in en-US: nothing shows it, remove it [obsolete-message]".to_owned(),
            ],
            1
        )
    );
}

/// Messages that refer to each other never render: each is an error, once.
#[test]
fn a_reference_cycle() {
    let fixture = Fixture::base("cycle")
        .edit(
            "ru/volumes.ftl",
            "    .title = Том не найден\n",
            "    .title = { volume-in-use.title }\n",
        )
        .edit(
            "ru/volumes.ftl",
            "    .title = Том используется\n",
            "    .title = { volume-not-found.title }\n",
        )
        .write("ru/terms.ftl", "-brand = { -brand }\n");
    assert_eq!(
        check(&fixture, &[]),
        (
            vec![
                "locales/ru/terms.ftl:1:1: error: `-brand` refers to itself in a cycle: Fluent cannot show `-brand`, so it falls back to another language or a generic text [reference-cycle]".to_owned(),
                // Only itself refers to it, and en-US has no such term.
                "locales/ru/terms.ftl:1:1: warning: the term `-brand` is not in en-US and nothing in ru refers to it: nothing shows it, remove it [obsolete-term]".to_owned(),
                "locales/ru/volumes.ftl:4:1: error: `volume-not-found.title` and `volume-in-use.title` refer to each other in a cycle: Fluent cannot show `volume-not-found.title`, so it falls back to another language or a generic text [reference-cycle]".to_owned(),
                "locales/ru/volumes.ftl:10:1: error: `volume-in-use.title` and `volume-not-found.title` refer to each other in a cycle: Fluent cannot show `volume-in-use.title`, so it falls back to another language or a generic text [reference-cycle]".to_owned(),
            ],
            1
        )
    );
}

/// A translation whose messages refer to each other in one long cycle:
/// each is reported once as a cycle, the work grows with the file, and a
/// message lists at most `terror_ftl::MAX_VARIABLES` variables.
#[test]
fn a_long_reference_cycle_is_reported_once_per_message() {
    let n = 3_000;
    let mut source = String::new();
    let mut translation = String::new();
    for i in 0..=n {
        writeln!(source, "m{i} = x").unwrap();
        let next = if i == n { 0 } else { i + 1 };
        writeln!(translation, "m{i} = {{ m{next} }} {{ $v{i} }}").unwrap();
    }
    let fixture = Fixture::base("long-cycle")
        .write("en-US/chain.ftl", source)
        .write("de/chain.ftl", translation);
    let (findings, code) = check(&fixture, &[]);
    assert_eq!(code, 1);
    let count = |check: &str| {
        findings
            .iter()
            .filter(|f| f.ends_with(&format!("[{check}]")))
            .count()
    };
    assert_eq!(count("reference-cycle"), n + 1);
    assert_eq!(count("unknown-variable"), 100);
    // Russian has none of them.
    assert_eq!(count("missing-message"), n + 1);
    assert_eq!(findings.len(), 2 * (n + 1) + 100);
    assert!(
        findings.contains(
            &"locales/de/chain.ftl:1:1: error: `m0`, `m1`, `m2`, `m3`, `m4` and 2996 more refer to each other in a cycle: Fluent cannot show `m0`, so it falls back to another language or a generic text [reference-cycle]"
                .to_owned()
        ),
        "{:?}",
        &findings[..2]
    );
}
