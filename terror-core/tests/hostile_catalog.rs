//! Translations written carelessly or with hostile intent, still valid
//! Fluent: the catalog checks and exports them in time linear in their
//! size, finds what is wrong at any depth, and never panics.

use terror_core::catalog::{Catalog, CatalogIssue};
use terror_core::{Localizer, Terror};

// Never built: the test reads what it registers. Its messages are checked at
// compile time too, through the same sixteen levels of references.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "hostile", status = 400, locales = "hostile_locales")]
enum HostileError {
    #[error("deep")]
    Deep { count: u32 },
    #[error("indented")]
    Indented,
}

fn localizer() -> Localizer {
    Localizer::builder()
        .embedded(terror_core::embed_locales!("tests/hostile_locales"))
        .build()
        .unwrap()
}

/// `hostile-deep` reaches `level0` by 4^16 paths; the Russian `level0`
/// uses `$oops`, seventeen references down.
#[test]
fn a_variable_any_number_of_references_down_is_found_once() {
    let report = Catalog::collect().check(&localizer()).unwrap_err();
    assert_eq!(
        report.to_string(),
        "\
1 problem in the error catalog
  ru:
    tests/hostile_locales/ru/hostile.ftl:6:12: `hostile-deep` uses `$oops`, which `hostile.deep` does not have (its args: count)"
    );
    assert!(matches!(
        &report.problems()[0],
        CatalogIssue::UnknownVariable { variable, .. } if variable == "oops"
    ));
}

#[test]
fn lines_starting_with_other_blanks_export_as_written() {
    let localizer = localizer();
    let catalog = Catalog::collect();
    let markdown = catalog.to_markdown(&localizer);
    assert!(
        markdown.contains(
            "hostile-indented =\n    First line,\n    \u{a0}second after a no-break space,\n    \u{3000}third after an ideographic space.\n    .title = Indented"
        ),
        "{markdown}"
    );
    let json = catalog.to_json(&localizer, None);
    let indented = &json["errors"][1];
    assert_eq!(indented["code"], "hostile.indented");
    assert_eq!(
        indented["messages"]["ru"]["message"],
        "Первая строка,\n\u{a0}вторая после неразрывного пробела,\n\u{3000}третья после идеографического пробела."
    );
}

/// The rendered message spends its placeable budget at once and falls back
/// to the generic text; nothing unbounded reaches a client.
#[test]
fn a_message_that_branches_too_much_renders_the_generic_text() {
    let localizer = localizer();
    let chain = localizer.negotiate(None, Some("ru"));
    let problem = localizer.render(&HostileError::Deep { count: 1 }, &chain);
    assert_eq!(problem.detail(), "Запрос завершился ошибкой hostile.deep.");
    // No locale renders the message, so the title is the status title.
    assert_eq!(problem.title(), "Некорректный запрос");
    assert!(problem.to_json().len() < 1024);
}

/// A file past the size a locale file may have is refused by its size,
/// before anything reads it: compiled messages address text with 32-bit
/// offsets, and nothing that large is a catalog.
#[test]
fn a_file_too_large_is_refused_before_it_is_parsed() {
    let limit = terror_core::MAX_FILE_BYTES;
    let error = Localizer::builder()
        .source("en-US", "locales/en-US/huge.ftl", "a".repeat(limit + 1))
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "1 problem in locales\n  locales/en-US/huge.ftl: {} bytes is more than the {limit} bytes a locale file may have",
            limit + 1
        )
    );
}
