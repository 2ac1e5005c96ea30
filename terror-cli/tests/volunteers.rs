//! `terror check` and `terror stats` on `tests/fixtures/volunteers`: ten
//! locales with the shapes real volunteer translations have, checked
//! whole. Each line of the expected output is a verdict that must be
//! right; what a line does not say matters as much (see the comments).

mod support;

use support::Fixture;

/// Every finding, in order, with the summary and the exit code.
///
/// What is not reported, and must not be:
/// - zh-TW, zh-CN and ja select with `*[other]` alone: CLDR's Chinese
///   (for zh-TW and zh-CN, which CLDR has no rules of their own for) and
///   Japanese have only `other`.
/// - be selects with `[one] [few] *[many]`: Belarusian integers are
///   `one`, `few` or `many`, and the default variant, whatever its key,
///   covers `other` (fractions).
/// - pl has `[one] [few] [many] *[other]`, all Polish needs.
/// - hus and gor select with `[one] *[other]`: CLDR has no plural rules
///   for Huastec or Gorontalo, so nothing can say what they need; each
///   gets one note, not an error per selector, and no English categories.
/// - ru defines `-brand-prepositional`, which en-US does not have: its
///   own messages refer to it (a grammatical form), so it is not obsolete.
/// - `.description`: pl and zh-TW translate it, de, ru and others do not,
///   and ja adds one to `volume-in-use`, which has none in en-US; a
///   translation's description is its own, never missing nor extra.
/// - en-US's `snapshot-expired` has `.tilte`: the translations that lack
///   it are not asked for it.
///
/// What is reported and might surprise:
/// - de lacks the term `-support-team` although none of its messages
///   refers to it (its hint names the support team in words): a term of
///   the source missing in a translation is an error, as a missing
///   message is, whatever refers to it.
/// - the `.tilte` typo is reported where it is written: in en-US, and in
///   zh-CN, which copied it. ru's `.title` on `snapshot-expired` is an
///   extra attribute (en-US's message has no `.title`): the finding says
///   to add it to en-US or remove it, and the fix is en-US's.
/// - ru's `.hnit` is two findings: the attribute terror does not read,
///   and the `.hint` that `volume-not-found` then lacks.
/// - `$days` is proposed as `(Integer)`: it is a plural selector.
#[test]
fn every_verdict_on_ten_volunteer_locales() {
    let fixture = Fixture::copy_of("volunteers", "volunteers");
    let run = fixture.run(&["check", "locales"]);
    assert_eq!(
        run.stdout,
        "\
locales/de/storage.ftl:1:1: error: the term `-support-team` is missing: en-US has it at locales/en-US/storage.ftl:2:1; a message that refers to it falls back to another language [missing-term]
locales/de/storage.ftl:2:1: warning: the term `-old-brand` is not in en-US and nothing in de refers to it: nothing shows it, remove it [obsolete-term]
locales/de/storage.ftl:24:1: warning: `volume-gone` is not in en-US: nothing shows it, remove it [obsolete-message]
locales/en-US/storage.ftl:24:1: warning: the comment above `snapshot-expired` does not explain `$days`: translators need a line like `# $days (Integer) - what it is` [undocumented-variable]
locales/en-US/storage.ftl:28:6: warning: `snapshot-expired` has the attribute `.tilte`, which nothing shows: terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`? [unknown-attribute]
locales/gor:1:1: note: CLDR has no plural rules for gor, so its plural variants are not checked; numbers choose among them by English rules (`one` for 1, `other` for any other number) [no-plural-rules]
locales/hus:1:1: note: CLDR has no plural rules for hus, so its plural variants are not checked; numbers choose among them by English rules (`one` for 1, `other` for any other number) [no-plural-rules]
locales/ru/storage.ftl:8:1: error: `volume-not-found` lacks the attribute `.hint` that en-US has [missing-attribute]
locales/ru/storage.ftl:10:6: warning: `volume-not-found` has the attribute `.hnit`, which nothing shows: terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.hint`? [unknown-attribute]
locales/ru/storage.ftl:12:45: error: `volume-in-use` selects on `$hosts` without the plural category `few` that ru needs: numbers in it would show the default variant [missing-plural-category]
locales/ru/storage.ftl:28:6: warning: `snapshot-expired` has the attribute `.title`, which en-US's message does not have: only ru shows it; add it to en-US's message, or remove it here [extra-attribute]
locales/zh-CN/storage.ftl:17:6: warning: `snapshot-expired` has the attribute `.tilte`, which nothing shows: terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`? [unknown-attribute]
"
    );
    assert_eq!(
        run.stderr,
        "3 errors, 7 warnings, 2 notes in 10 locales (be, de, en-US, gor, hus, ja, pl, ru, zh-CN, zh-TW), 10 files\n"
    );
    assert_eq!(run.code, 1);
}

/// A note is a `notice` annotation in a workflow, and `note` in JSON; it
/// never fails the check.
#[test]
fn notes_in_json_and_workflows() {
    let fixture = Fixture::copy_of("volunteers", "volunteers-notes");
    let json = fixture.run(&["check", "locales", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let notes: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "note")
        .collect();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[0],
        &serde_json::json!({
            "file": "locales/gor",
            "line": 1,
            "column": 1,
            "severity": "note",
            "locale": "gor",
            "id": null,
            "check": "no-plural-rules",
            "message": "CLDR has no plural rules for gor, so its plural variants are not checked; numbers choose among them by English rules (`one` for 1, `other` for any other number)"
        })
    );
    let github = fixture.run(&["check", "locales", "--format", "github"]);
    assert!(
        github.stdout.contains(
            "::notice file=locales/hus,line=1,col=1,title=terror check (no-plural-rules)::CLDR has no plural rules for hus,"
        ),
        "{}",
        github.stdout
    );
    // With the errors fixed, the notes alone pass.
    let fixed = Fixture::copy_of("volunteers", "volunteers-fixed")
        .edit(
            "de/storage.ftl",
            "-old-brand = Acme Cloud-Speicher\n",
            "-support-team = den Acme-Support\n",
        )
        .edit("ru/storage.ftl", ".hnit =", ".hint =")
        .edit(
            "ru/storage.ftl",
            "        [many] { $hosts } хостам\n",
            "        [few] { $hosts } хостам\n        [many] { $hosts } хостам\n",
        );
    let run = fixed.run(&["check", "locales"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "0 errors, 5 warnings, 2 notes in 10 locales (be, de, en-US, gor, hus, ja, pl, ru, zh-CN, zh-TW), 10 files\n"
    );
}

/// Terms count as messages do: de lacks `-support-team` (four words)
/// and keeps `-old-brand` and `volume-gone`, which nothing needs.
#[test]
fn stats_count_terms() {
    let fixture = Fixture::copy_of("volunteers", "volunteers-stats");
    let run = fixture.run(&["stats", "locales"]);
    assert_eq!(
        run.stdout,
        "\
locale          translated  missing  obsolete  complete  words to translate
en-US (source)           5        0         0    100.0%                   0
be                       5        0         0    100.0%                   0
de                       4        1         2     80.0%                   4
gor                      5        0         0    100.0%                   0
hus                      5        0         0    100.0%                   0
ja                       5        0         0    100.0%                   0
pl                       5        0         0    100.0%                   0
ru                       5        0         0    100.0%                   0
zh-CN                    5        0         0    100.0%                   0
zh-TW                    5        0         0    100.0%                   0
"
    );
    assert_eq!((run.stderr.as_str(), run.code), ("", 0));
}
