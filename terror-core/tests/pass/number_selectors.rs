use terror_core::{ArgValue, EmbeddedFile, EmbeddedLocales, Localizer, StatusCode, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "snapshots", status = 422, locales = "locales")]
enum SnapshotError {
    #[error("{count} snapshots")]
    TooMany { count: u32 },
    #[error("{size} GiB")]
    TooLarge { size: f64 },
}

static FILES: &[EmbeddedFile] = &[EmbeddedFile {
    locale: "en-US",
    path: "locales/en-US/numbers.ftl",
    source: include_str!("locales/en-US/numbers.ftl"),
}];

fn main() {
    let localizer = Localizer::builder()
        .embedded(EmbeddedLocales::new(FILES))
        .build()
        .unwrap();
    let chain = localizer.default_chain();
    let detail = |error: &SnapshotError| localizer.render(error, &chain).detail().to_owned();
    let title = |error: &SnapshotError| localizer.render(error, &chain).title().to_owned();

    let none = SnapshotError::TooMany { count: 0 };
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(none.args().get("count"), Some(&ArgValue::Int(0)));
    assert_eq!(detail(&none), "There are no snapshots.");
    let one = SnapshotError::TooMany { count: 1 };
    assert_eq!(detail(&one), "There is one snapshot.");
    assert_eq!(title(&one), "Snapshot");
    let many = SnapshotError::TooMany { count: 12 };
    assert_eq!(detail(&many), "There are 12 snapshots.");
    assert_eq!(title(&many), "Snapshots");

    let large = SnapshotError::TooLarge { size: 2.5 };
    assert_eq!(large.args().get("size"), Some(&ArgValue::Float(2.5)));
    assert_eq!(detail(&large), "The snapshot is 2.5 GiB.");
}
