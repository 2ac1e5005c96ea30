//! A deprecated code's page says so near the top, in the page's
//! language: with the locale's `.deprecated` where a translator wrote
//! one, else with the note of `#[terror(deprecated = "...")]`. The index
//! marks the code too.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use support::{send, Reply};
use terror_axum::CatalogPages;
use terror_core::{Localizer, Terror};

/// Errors about shelves; only their documentation is used here.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "shelf")]
enum ShelfError {
    /// The shelf was taken down.
    #[error("shelf {name} gone")]
    #[terror(status = 410, deprecated = "use shelf.missing <now>")]
    Gone { name: String },

    /// No shelf has this name.
    #[error("shelf {name} missing")]
    #[terror(status = 404)]
    Missing { name: String },
}

// No `.deprecated` in English or German: their pages show the derive's
// note. The Russian one carries markup, which the page shows as text.
const EN: &str = r"
shelf-gone = Shelf { $name } is gone.
    .title = Shelf gone
shelf-missing = Shelf { $name } is missing.
    .title = Shelf missing
";

const RU: &str = r"
shelf-gone = Полки { $name } больше нет.
    .title = Полки больше нет
    .deprecated = Используйте <b>shelf.missing</b>.
shelf-missing = Полки { $name } нет.
    .title = Полка не найдена
";

const DE: &str = r"
shelf-gone = Regal { $name } gibt es nicht mehr.
    .title = Regal entfernt
shelf-missing = Regal { $name } fehlt.
    .title = Regal fehlt
";

fn app() -> Router {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .source("en-US", "en-US/shelf.ftl", EN)
        .source("ru", "ru/shelf.ftl", RU)
        .source("de", "de/shelf.ftl", DE)
        .problem_type_base("/errors/")
        .build()
        .unwrap();
    Router::new().merge(CatalogPages::new(Arc::new(localizer)))
}

async fn page(uri: &str, accept_language: &str) -> String {
    let request = Request::get(uri)
        .header("accept-language", accept_language)
        .body(Body::empty())
        .unwrap();
    let reply: Reply = send(app(), request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.text()
}

#[tokio::test]
async fn the_page_shows_the_translated_note_under_the_code() {
    let html = page("/errors/shelf.gone", "ru").await;
    assert!(
        html.contains(
            "<h1>Полки больше нет</h1>\n<p class=\"code\"><code>shelf.gone</code></p>\n\
             <p class=\"deprecated\">Устарело: Используйте &lt;b&gt;shelf.missing&lt;/b&gt;.</p>\n<dl>"
        ),
        "{html}"
    );
    assert!(!html.contains("use shelf.missing"));
}

#[tokio::test]
async fn without_a_translation_the_page_shows_the_derives_note() {
    let html = page("/errors/shelf.gone", "de").await;
    assert!(
        html.contains("<p class=\"deprecated\">Veraltet: use shelf.missing &lt;now&gt;</p>\n<dl>"),
        "{html}"
    );
    let html = page("/errors/shelf.gone", "en-US").await;
    assert!(
        html.contains("<p class=\"deprecated\">Deprecated: use shelf.missing &lt;now&gt;</p>"),
        "{html}"
    );
}

#[tokio::test]
async fn a_code_that_is_not_deprecated_has_no_notice() {
    let html = page("/errors/shelf.missing", "ru").await;
    assert!(html.contains("<h1>Полка не найдена</h1>"));
    assert!(!html.contains("class=\"deprecated\""), "{html}");
}

#[tokio::test]
async fn the_index_marks_deprecated_codes() {
    let html = page("/errors/", "ru").await;
    let row = |code: &str| {
        let start = html
            .find(&format!("<a href=\"./{code}\">"))
            .unwrap_or_else(|| panic!("{code} is not listed: {html}"));
        let end = start + html[start..].find("</tr>").unwrap();
        html[start..end].to_owned()
    };
    assert!(
        row("shelf.gone")
            .ends_with("<td>Полки больше нет <small class=\"deprecated\">устарело</small></td>"),
        "{}",
        row("shelf.gone")
    );
    assert!(
        row("shelf.missing").ends_with("<td>Полка не найдена</td>"),
        "{}",
        row("shelf.missing")
    );
    let german = page("/errors/", "de").await;
    assert!(german.contains("<td>Regal entfernt <small class=\"deprecated\">veraltet</small></td>"));
}
