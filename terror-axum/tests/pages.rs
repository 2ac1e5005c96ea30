//! The catalog pages as a reader sees them: the index and a code's page
//! in the request's language, the language switch, what translators and
//! doc comments wrote shown as text (never markup), the 404 page of an
//! unknown code, the headers, and hostile paths and languages.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use support::{send, Reply};
use terror_axum::{CatalogPages, ProblemLayer};
use terror_core::catalog::Catalog;
use terror_core::{Localizer, Terror};

/// Errors about shelves. The doc comments carry markup, which the pages
/// must show as text.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "shelf")]
enum ShelfError {
    /// No shelf has the name `name`. <script>alert("doc")</script>
    #[error("shelf {name} missing")]
    #[terror(status = 404)]
    Missing { name: String, slot: u32 },

    /// The shelf's backend does not answer.
    #[error("shelf {shelf} broken")]
    #[terror(status = 503, retry_after = 30)]
    Broken { shelf: String },

    /// The shelf has no room left.
    #[error("shelf {shelf} full")]
    #[terror(status = 409, grpc = RESOURCE_EXHAUSTED)]
    Full { shelf: String, free: Option<u64> },
}

const EN: &str = r#"
shelf-missing = Shelf <b>{ $name }</b> has no slot { $slot }.
    .title = Shelf <i>missing</i>
    .hint = <script>alert("ftl")</script> List the shelves.
shelf-broken = Shelf { $shelf } is broken inside.
    .title = Shelf broken
shelf-full = Shelf { $shelf } is full.
    .title = Shelf full
    .description = Every slot of the shelf holds something.
"#;

const RU: &str = r#"
shelf-missing = На полке <b>{ $name }</b> нет ячейки { $slot }.
    .title = Полка не найдена
    .description = Нет полки с именем `name`. <script>alert("ru")</script>

        Второй абзац <b>описания</b>.
shelf-broken = Полка { $shelf } сломана внутри.
    .title = Полка сломана
    .description = Бэкенд полки не отвечает.
shelf-full = Полка { $shelf } заполнена.
    .title = Полка заполнена
"#;

// No `shelf-full`: its page says the German reader gets English.
const DE: &str = r"
shelf-missing = Im Regal <b>{ $name }</b> gibt es kein Fach { $slot }.
    .title = Regal nicht gefunden
shelf-broken = Regal { $shelf } ist innen kaputt.
    .title = Regal kaputt
";

fn localizer_with_base(base: &str) -> Arc<Localizer> {
    Arc::new(
        Localizer::builder()
            .default_locale("en-US")
            .source("en-US", "en-US/shelf.ftl", EN)
            .source("ru", "ru/shelf.ftl", RU)
            .source("de", "de/shelf.ftl", DE)
            .problem_type_base(base)
            .build()
            .unwrap(),
    )
}

/// The pages at `/errors/`, inside terror's layer, beside a route that
/// fails with a shelf error.
fn app() -> Router {
    let localizer = localizer_with_base("/errors/");
    Router::new()
        .route(
            "/shelves/{name}",
            axum::routing::get(|| async {
                ShelfError::Missing {
                    name: "a".into(),
                    slot: 3,
                }
            }),
        )
        .merge(CatalogPages::new(Arc::clone(&localizer)))
        .layer(ProblemLayer::new(localizer))
}

async fn get(app: Router, uri: &str, accept_language: Option<&str>) -> Reply {
    let mut request = Request::get(uri);
    if let Some(languages) = accept_language {
        request = request.header("accept-language", languages);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {text}"))
        + start.len();
    let to = text[from..].find(end).map_or(text.len(), |at| from + at);
    &text[from..to]
}

fn assert_page_headers(reply: &Reply, status: StatusCode, language: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(reply.header("content-language"), Some(language));
    assert_eq!(reply.header("vary"), Some("accept-language"));
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    let policy = reply.header("content-security-policy").unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    let html = reply.text();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""));
    assert!(html.contains(&format!("<html lang=\"{language}\">")));
    assert!(
        html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
    );
    assert!(!html.contains("<script"), "a page has a script");
}

#[tokio::test]
async fn the_index_lists_every_code_with_its_status_and_title() {
    let reply = get(app(), "/errors/", Some("ru")).await;
    assert_page_headers(&reply, StatusCode::OK, "ru");
    let html = reply.text();
    assert!(html.contains("<h1>Каталог ошибок</h1>"));
    for entry in Catalog::collect().entries() {
        let link = format!("<a href=\"./{}\">", entry.code());
        assert!(html.contains(&link), "{} is not listed", entry.code());
    }
    let row = between(&html, "<a href=\"./shelf.missing\">", "</tr>");
    assert!(row.contains("<code>shelf.<wbr>missing</code>"), "{row}");
    assert!(row.contains("<td class=\"status\">404</td>"), "{row}");
    assert!(row.contains("<td>Полка не найдена</td>"), "{row}");
    // Grouped by prefix, the generic http.* codes last, folded.
    let shelf = html
        .find("<h2 id=\"group-shelf\"><code>shelf.*</code></h2>")
        .unwrap();
    let request = html.find("<h2 id=\"group-request\">").unwrap();
    let http = html
        .find("<details>\n<summary><h2 id=\"group-http\">")
        .unwrap();
    assert!(request < shelf && shelf < http);
    assert!(html.contains("<a href=\"./http.request_timeout\">"));
    assert!(html.contains("<a href=\"#group-shelf\">"));
}

#[tokio::test]
async fn a_code_page_in_russian_has_everything_about_the_code() {
    let reply = get(app(), "/errors/shelf.missing", Some("ru-RU, en;q=0.5")).await;
    assert_page_headers(&reply, StatusCode::OK, "ru");
    let html = reply.text();
    assert!(html.contains("<title>Полка не найдена · shelf.missing</title>"));
    assert!(html.contains("<h1>Полка не найдена</h1>"));
    assert!(html.contains("<dt>Статус</dt>\n<dd>404 Не найдено</dd>"));
    assert!(html.contains("<dd><code>/errors/shelf.missing</code></dd>"));
    assert!(html.contains("<dd><code>shelf-missing</code></dd>"));
    assert!(html.contains("Повтор не предусмотрен"));
    assert!(html.contains("Видны: клиенты видят сообщение"));
    // The Russian description, with its code span and paragraphs, and its
    // markup as text.
    assert!(html.contains(
        "<h2>Описание</h2>\n<p>Нет полки с именем <code>name</code>. &lt;script&gt;alert(&quot;ru&quot;)&lt;/script&gt;</p>\n<p>Второй абзац &lt;b&gt;описания&lt;/b&gt;.</p>\n<h2>"
    ), "{html}");
    assert!(!html.contains("No shelf has the name"));
    // Over gRPC: the code its 404 maps to, and the ErrorInfo's reason.
    assert!(
        html.contains("<dt>Код gRPC</dt>\n<dd><code>NOT_FOUND</code></dd>"),
        "{html}"
    );
    assert!(html.contains("<dt>Причина gRPC (reason)</dt>\n<dd><code>SHELF_MISSING</code></dd>"));
    // The args with their types and gRPC metadata keys.
    assert!(html.contains("<th>Ключ в metadata gRPC</th>"));
    assert!(html.contains(
        "<tr><td><code>name</code></td><td><code>String</code></td><td><code>name</code></td></tr>"
    ));
    assert!(html.contains(
        "<tr><td><code>slot</code></td><td><code>u32</code></td><td><code>slot</code></td></tr>"
    ));
    // The message in every locale, marked with its language.
    for (language, name, detail) in [
        (
            "de",
            "Deutsch",
            "Im Regal &lt;b&gt;&lt;name&gt;&lt;/b&gt; gibt es kein Fach 1.",
        ),
        (
            "en-US",
            "English",
            "Shelf &lt;b&gt;&lt;name&gt;&lt;/b&gt; has no slot 1.",
        ),
        (
            "ru",
            "Русский",
            "На полке &lt;b&gt;&lt;name&gt;&lt;/b&gt; нет ячейки 1.",
        ),
    ] {
        assert!(html.contains(&format!("<h3 lang=\"{language}\">{name}</h3>")));
        let section = between(&html, &format!("<h3 lang=\"{language}\">"), "</section>");
        assert!(section.contains(detail), "{language}: {section}");
    }
    // The example body, in Russian, in the order of a response.
    let example = between(&html, "<pre><code>", "</code></pre>");
    assert!(example.starts_with(
        "{\n  &quot;type&quot;: &quot;/errors/shelf.missing&quot;,\n  &quot;title&quot;: &quot;Полка не найдена&quot;,\n  &quot;status&quot;: 404,"
    ), "{example}");
    assert!(example.contains("&quot;args&quot;: {\n    &quot;name&quot;: &quot;&lt;name&gt;&quot;,\n    &quot;slot&quot;: 1\n  }"));
}

#[tokio::test]
async fn the_language_switch_links_the_same_page_in_every_other_language() {
    let html = get(app(), "/errors/shelf.missing?lang=de", Some("ru"))
        .await
        .text();
    assert!(
        html.contains("<html lang=\"de\">"),
        "?lang= wins over Accept-Language"
    );
    let switch = between(
        &html,
        "<nav class=\"languages\" aria-label=\"Sprachen\"><ul>",
        "</ul>",
    );
    assert!(switch.contains(r#"<a href="?lang=en-US" hreflang="en-US" lang="en-US">English</a>"#));
    assert!(switch.contains(r#"<a href="?lang=ru" hreflang="ru" lang="ru">Русский</a>"#));
    assert!(switch.contains(r#"<strong aria-current="page" lang="de">Deutsch</strong>"#));
    assert!(
        !switch.contains("?lang=de"),
        "the current language is not a link"
    );
    assert!(html.contains(r#"<link rel="alternate" hreflang="ru" href="?lang=ru">"#));
    assert!(html.contains("<nav><a href=\"./\">Alle Fehler</a></nav>"));
}

#[tokio::test]
async fn what_translators_and_doc_comments_write_is_text() {
    let html = get(app(), "/errors/shelf.missing", None).await.text();
    assert!(html.contains("<h1>Shelf &lt;i&gt;missing&lt;/i&gt;</h1>"));
    assert!(html.contains("Shelf &lt;b&gt;&lt;name&gt;&lt;/b&gt; has no slot 1."));
    assert!(html.contains("&lt;script&gt;alert(&quot;ftl&quot;)&lt;/script&gt; List the shelves."));
    assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<script"));
    let index = get(app(), "/errors/", None).await.text();
    assert!(index.contains("<td>Shelf &lt;i&gt;missing&lt;/i&gt;</td>"));
}

#[tokio::test]
async fn a_redacted_code_shows_what_clients_read_and_when_to_retry() {
    let html = get(app(), "/errors/shelf.broken", Some("ru")).await.text();
    assert!(
        html.contains("<h1>Полка сломана</h1>"),
        "the page names the code by its own title"
    );
    assert!(html.contains("<dd>503 Сервис недоступен</dd>"));
    assert!(html.contains(
        "Retry-After: 30. Тот же запрос может пройти, если повторить его через 30 секунд."
    ));
    assert!(html.contains("Скрыты: клиенты видят только общий текст"));
    assert!(html.contains("<dd>Сервер не смог выполнить запрос.</dd>"));
    assert!(
        !html.contains("сломана внутри"),
        "a redacted message is never shown"
    );
    assert!(
        !html.contains("broken inside"),
        "a redacted message is never shown"
    );
}

#[tokio::test]
async fn a_message_missing_in_a_language_says_which_one_clients_read() {
    let html = get(app(), "/errors/shelf.full?lang=de", None).await.text();
    let german = between(&html, "<h3 lang=\"de\">", "</section>");
    assert!(
        german.contains("<dd><span lang=\"en-US\">Shelf &lt;shelf&gt; is full.</span></dd>"),
        "{german}"
    );
    assert!(
        german.contains("Noch nicht übersetzt: Clients lesen den Text in dieser Sprache: English.")
    );
    let russian = between(&html, "<h3 lang=\"ru\">", "</section>");
    assert!(!russian.contains("class=\"note\""), "{russian}");
    assert!(html.contains(
        "<tr><td><code>free</code></td><td><code>Option&lt;u64&gt;</code></td><td><code>free</code></td></tr>"
    ));
    // The gRPC code the error chose, not the ABORTED its 409 maps to.
    assert!(
        html.contains("<dt>gRPC-Code</dt>\n<dd><code>RESOURCE_EXHAUSTED</code></dd>"),
        "{html}"
    );
    assert!(html.contains("<dt>gRPC-Grund (reason)</dt>\n<dd><code>SHELF_FULL</code></dd>"));
    assert!(html.contains("<th>Schlüssel in den gRPC-metadata</th>"));
}

#[tokio::test]
async fn an_unknown_code_is_a_localized_404_page() {
    let reply = get(app(), "/errors/shelf.lost", Some("de")).await;
    assert_page_headers(&reply, StatusCode::NOT_FOUND, "de");
    let html = reply.text();
    assert!(html.contains("<h1>Unbekannter Fehlercode</h1>"));
    assert!(html.contains("<p>Diese API hat keinen Fehler mit dem Code shelf.lost.</p>"));
    assert!(html.contains("<a href=\"./\">Alle Fehler</a></p>"));
}

#[tokio::test]
async fn hostile_paths_and_languages_get_bounded_escaped_pages() {
    let long = "a".repeat(10 * 1024);
    let cases = [
        format!("/errors/{long}"),
        "/errors/%00%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        "/errors/%FF%FE%".to_owned(),
        "/errors/shelf.missing%00".to_owned(),
        "/errors/..%2F..%2Fetc%2Fpasswd".to_owned(),
    ];
    for uri in &cases {
        let reply = get(app(), uri, None).await;
        assert_page_headers(&reply, StatusCode::NOT_FOUND, "en-US");
        let html = reply.text();
        assert!(html.len() < 8 * 1024, "{} bytes for {uri}", html.len());
        assert!(!html.contains('\0'));
        assert!(!html.contains("<script"));
    }
    let html = get(app(), &cases[0], None).await.text();
    // At most 160 bytes of the code, `…` included.
    assert!(html.contains(&format!("with the code {}…", "a".repeat(157))));
    let html = get(app(), &cases[1], None).await.text();
    assert!(html.contains("the code \u{FFFD}&lt;script&gt;alert(1)&lt;/script&gt;."));

    let junk = format!("?lang={}", "x-%3Cscript%3E,*;q=2,".repeat(500));
    for query in [
        junk.as_str(),
        "?lang=",
        "?lang=%00",
        "?lang=zz-ZZ",
        "?lang=ru&lang=de",
    ] {
        let reply = get(
            app(),
            &format!("/errors/shelf.missing{query}"),
            Some("garbage;;q=x, *;q=zz, =="),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{query}");
        let expected = if query.contains("ru") { "ru" } else { "en-US" };
        assert_eq!(reply.header("content-language"), Some(expected), "{query}");
    }
}

#[tokio::test]
async fn the_index_path_without_its_slash_redirects_keeping_the_language() {
    let reply = get(app(), "/errors?lang=ru", None).await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), Some("errors/?lang=ru"));
}

#[tokio::test]
async fn the_type_of_a_problem_opens_its_page() {
    let reply = get(app(), "/shelves/a", Some("ru")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let problem = reply.json();
    assert_eq!(problem["type"], "/errors/shelf.missing");
    let page = get(app(), problem["type"].as_str().unwrap(), Some("ru")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<h1>Полка не найдена</h1>"));
    // So does the type of what the layer makes of a bare response.
    let unknown = get(app(), "/nowhere", None).await.json();
    assert_eq!(unknown["type"], "/errors/request.not_found");
    let page = get(app(), "/errors/request.not_found", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = get(app(), "/errors/http.server_error", Some("de"))
        .await
        .text();
    assert!(page.contains("<h1>Anderer Server-Fehler</h1>"));
    assert!(page.contains("<dt>Status</dt>\n<dd>5xx</dd>"));
}

#[tokio::test]
async fn pages_negotiate_on_their_own_without_the_layer() {
    let localizer = localizer_with_base("/errors/");
    let app = || Router::new().merge(CatalogPages::new(Arc::clone(&localizer)));
    let reply = get(app(), "/errors/shelf.missing", Some("de-CH, ru;q=0.5")).await;
    assert_page_headers(&reply, StatusCode::OK, "de");
    assert!(reply.text().contains("<h1>Regal nicht gefunden</h1>"));
    let reply = get(app(), "/errors/?lang=ru", Some("de")).await;
    assert_page_headers(&reply, StatusCode::OK, "ru");
    let reply = get(app(), "/errors/nope", Some("ru")).await;
    assert_page_headers(&reply, StatusCode::NOT_FOUND, "ru");
}

#[tokio::test]
async fn the_mount_follows_the_type_base_or_the_path_given() {
    let absolute = localizer_with_base("https://docs.example.com/api/errors/");
    let app = Router::new().merge(CatalogPages::new(Arc::clone(&absolute)));
    let reply = get(app.clone(), "/api/errors/shelf.full", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .text()
        .contains("<dd><code>https://docs.example.com/api/errors/shelf.full</code></dd>"));
    assert_eq!(
        get(app, "/errors/shelf.full", None).await.status,
        StatusCode::NOT_FOUND
    );

    let prefixed = localizer_with_base("/docs/e-");
    let app = Router::new().merge(CatalogPages::new(prefixed));
    assert_eq!(
        get(app.clone(), "/docs/e-shelf.full", None).await.status,
        StatusCode::OK
    );
    let index = get(app.clone(), "/docs/", None).await.text();
    assert!(index.contains("<a href=\"./e-shelf.full\">"));
    assert_eq!(
        get(app, "/docs/shelf.full", None).await.status,
        StatusCode::NOT_FOUND
    );

    let urn = localizer_with_base("urn:terror:");
    let app = Router::new().merge(CatalogPages::new(Arc::clone(&urn)));
    assert_eq!(
        get(app, "/errors/shelf.full", None).await.status,
        StatusCode::OK
    );
    let app = Router::new().merge(CatalogPages::new(urn).path("/help/codes/"));
    assert_eq!(
        get(app, "/help/codes/shelf.full", None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_language_links_use_the_layer_query_parameter() {
    let localizer = localizer_with_base("/errors/");
    let app = Router::new()
        .merge(CatalogPages::new(Arc::clone(&localizer)).query_parameter("locale"))
        .layer(ProblemLayer::new(localizer).query_parameter("locale"));
    let html = get(app, "/errors/?locale=ru", None).await.text();
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains(r#"<a href="?locale=de" hreflang="de" lang="de">Deutsch</a>"#));
}

#[tokio::test]
async fn a_catalog_given_is_the_one_documented() {
    let localizer = localizer_with_base("/errors/");
    let shelves = Catalog::from_entries(
        Catalog::collect()
            .entries()
            .iter()
            .copied()
            .filter(|e| e.code().starts_with("shelf.")),
    );
    let app = Router::new().merge(CatalogPages::new(localizer).catalog(shelves));
    let index = get(app.clone(), "/errors/", None).await.text();
    assert!(index.contains("./shelf.full"));
    assert!(!index.contains("./request.not_found"));
    assert!(
        index.contains("./http.not_found"),
        "the http.* codes are always there"
    );
    assert_eq!(
        get(app, "/errors/request.not_found", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_description_is_in_the_pages_language_where_one_is_written() {
    // Russian has its own; the doc comment is not shown.
    let html = get(app(), "/errors/shelf.broken", Some("ru")).await.text();
    assert!(
        html.contains("<h2>Описание</h2>\n<p>Бэкенд полки не отвечает.</p>\n"),
        "{html}"
    );
    assert!(!html.contains("backend does not answer"));
    // No German and no English one: the doc comment, its markup as text,
    // not marked with a language the page cannot know.
    let html = get(app(), "/errors/shelf.missing", Some("de")).await.text();
    assert!(html.contains(
        "<h2>Beschreibung</h2>\n<p>No shelf has the name <code>name</code>. &lt;script&gt;alert(&quot;doc&quot;)&lt;/script&gt;</p>\n"
    ), "{html}");
    let html = get(app(), "/errors/shelf.broken", Some("de")).await.text();
    assert!(html.contains("<p>The shelf&#39;s backend does not answer.</p>"));
    // German falls back to English, as every text of the page does, and
    // says so.
    let html = get(app(), "/errors/shelf.full", Some("de")).await.text();
    assert!(
        html.contains("<p lang=\"en-US\">Every slot of the shelf holds something.</p>"),
        "{html}"
    );
    assert!(!html.contains("The shelf has no room left."));
    // The framework's own codes carry their descriptions in ru and de.
    let html = get(app(), "/errors/request.wrong_type", Some("ru"))
        .await
        .text();
    assert!(
        html.contains("<p>Значение не того вида: например, строка там, где должно быть число.</p>")
    );
    let html = get(app(), "/errors/http.request_timeout", Some("de"))
        .await
        .text();
    assert!(html
        .contains("<p>Ein Fehler außerhalb jedes Handlers, gemeldet mit seinem HTTP-Status.</p>"));
    let html = get(app(), "/errors/request.wrong_type", Some("en"))
        .await
        .text();
    assert!(
        html.contains("<p>A value has the wrong kind: a string where a number belongs, say.</p>")
    );
}
