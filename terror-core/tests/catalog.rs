//! The catalog check finds what the compile-time check cannot: problems in
//! locales other than the default one, and codes shared across types.

use terror_core::catalog::{Catalog, CatalogIssue};
use terror_core::{Localizer, Terror};

// These types are never built: the test reads what they register.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk", locales = "catalog_locales")]
enum DiskError {
    /// The disk has no room left.
    #[error("disk {disk} full")]
    #[terror(status = 507)]
    Full { disk: String, free_gb: u64 },
    /// The disk was removed.
    #[error("disk {disk} gone")]
    #[terror(status = 410)]
    Gone { disk: String },
    #[error("ratio {ratio}")]
    #[terror(status = 400)]
    Ratio { ratio: f64 },
}

/// Another type claiming one of the codes above.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[error("also full")]
#[terror(
    code = "disk.gone",
    status = 410,
    message = "disk-gone",
    locales = "catalog_locales"
)]
struct AlsoGone {
    disk: String,
}

/// A code of its own whose gRPC reason, `DISK_GONE`, is `disk.gone`'s.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[error("gone too")]
#[terror(
    code = "disk_gone",
    status = 410,
    message = "disk-gone",
    locales = "catalog_locales"
)]
struct GoneToo {
    disk: String,
}

fn localizer() -> Localizer {
    Localizer::builder()
        .embedded(terror_core::embed_locales!("tests/catalog_locales"))
        .build()
        .unwrap()
}

#[test]
fn every_problem_is_reported_at_once_grouped_by_locale() {
    let report = terror_core::catalog::check(&localizer()).unwrap_err();
    assert_eq!(
        report.to_string(),
        "\
7 problems in the error catalog
  every locale:
    duplicate code `disk.gone`: used by `catalog::AlsoGone` and by `catalog::DiskError::Gone`
    codes `disk.gone` (`catalog::AlsoGone`) and `disk_gone` (`catalog::GoneToo`) share the gRPC reason `DISK_GONE`
  de:
    tests/catalog_locales/de/disk.ftl:9:5: unknown attribute `.tilte` of `disk-gone`; terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`?
  ru:
    tests/catalog_locales/ru/disk.ftl:5:24: `disk-full` uses `$dsk`, which `disk.full` does not have (its args: disk, free_gb)
    tests/catalog_locales/ru/disk.ftl:9:26: `disk-full` uses `$space`, which `disk.full` does not have (its args: disk, free_gb)
    tests/catalog_locales/ru/disk.ftl:5:42: `disk-full` selects on `$free_gb` without the plural categories [few], [many]
    no message `disk-gone` (for `disk.gone`)"
    );
    assert!(matches!(
        report.problems()[0],
        CatalogIssue::DuplicateCode {
            code: "disk.gone",
            ..
        }
    ));
    assert!(matches!(
        &report.problems()[1],
        CatalogIssue::SharedReason {
            reason,
            first_code: "disk.gone",
            second_code: "disk_gone",
            ..
        } if reason == "DISK_GONE"
    ));
}

/// A misspelled `.title` in a translation leaves the problem its generic
/// title: the service's one-line test names it.
#[test]
#[should_panic(
    expected = "  de:\n    tests/catalog_locales/de/disk.ftl:9:5: unknown attribute `.tilte` of `disk-gone`; terror reads `.title`, `.hint`, `.description` and `.deprecated`; did you mean `.title`?\n  ru:"
)]
fn assert_complete_names_an_unknown_attribute() {
    terror_core::catalog::assert_complete(&localizer());
}

#[test]
fn the_catalog_describes_each_entry() {
    let catalog = Catalog::collect();
    let full = catalog.get("disk.full").unwrap();
    assert_eq!(full.status(), 507);
    assert!(full.redacted());
    assert_eq!(full.description(), Some("The disk has no room left."));
    assert_eq!(full.rust_path(), "catalog::DiskError::Full");
    let args: Vec<_> = full
        .args()
        .iter()
        .map(|a| (a.name(), a.rust_type()))
        .collect();
    assert_eq!(args, [("disk", "String"), ("free_gb", "u64")]);
    assert_eq!(catalog.entries().len(), 5);
}

#[test]
fn markdown_and_json_exports() {
    let localizer = localizer();
    let catalog = Catalog::collect();
    let markdown = catalog.to_markdown(&localizer);
    assert!(
        markdown.contains("## `disk.full`\n\n**507 Insufficient Storage**"),
        "{markdown}"
    );
    assert!(markdown.contains("| `free_gb` | `u64` |"), "{markdown}");
    assert!(
        markdown.contains("Clients see only the generic server error text"),
        "{markdown}"
    );
    let json = catalog.to_json(&localizer, None);
    let full = &json["errors"][0];
    assert_eq!(full["code"], "disk.full");
    assert_eq!(full["type"], "urn:terror:disk.full");
    assert_eq!(full["messages"]["en-US"]["title"], "Disk full");
    assert_eq!(
        full["messages"]["de"]["message"],
        "Auf { $disk } sind nur { $free_gb } GB frei."
    );
    assert!(full["messages"]["de"]["title"].is_null());
}
