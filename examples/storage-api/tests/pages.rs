//! The error catalog's pages of the storage API, as a person following a
//! problem's `type` sees them: every code listed, a code's page in the
//! reader's language, and every `type` the API sends opening a page.

mod common;

use axum::http::StatusCode;
use common::{localizer, send, Reply};
use serde_json::Value;
use terror_core::catalog::Catalog;

/// What the pages write for `text`.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Resolves a problem's `type` (a URI reference, RFC 3986 section 5)
/// against the URL of the request that got it, as a client does.
fn resolve(reference: &str, base: &str) -> String {
    let (scheme, rest) = base.split_once("://").expect("an absolute base");
    let authority = rest.split('/').next().unwrap_or_default();
    if reference.contains("://") {
        reference.to_owned()
    } else if let Some(rest) = reference.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if reference.starts_with('/') {
        format!("{scheme}://{authority}{reference}")
    } else {
        let path = &rest[authority.len()..];
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("{scheme}://{authority}{dir}/{reference}")
    }
}

/// The path of a URL on this server.
fn path_on_this_server(url: &str) -> &str {
    let rest = url
        .strip_prefix("http://127.0.0.1:3000")
        .unwrap_or_else(|| panic!("{url} is not on this server"));
    assert!(rest.starts_with('/'), "{url}");
    rest
}

async fn page(uri: &str, language: &str) -> Reply {
    let reply = send("GET", uri, &[("accept-language", language)], None).await;
    assert_eq!(
        reply.headers["content-type"], "text/html; charset=utf-8",
        "{uri}: {}",
        reply.raw
    );
    assert_eq!(reply.headers["vary"], "accept-language");
    reply
}

#[tokio::test]
async fn the_index_lists_every_code_with_its_status_and_title() {
    let localizer = localizer();
    for language in common::LOCALES {
        let reply = page("/errors/", language).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers["content-language"], language);
        let html = &reply.raw;
        assert!(html.contains(&format!("<html lang=\"{language}\">")));
        let chain = localizer.negotiate(Some(language), None);
        let entries = Catalog::collect();
        assert!(entries.get("volume.not_found").is_some());
        for entry in entries.entries() {
            let link = format!("<tr><td><a href=\"./{}\">", entry.code());
            let row = html
                .split(&link)
                .nth(1)
                .and_then(|rest| rest.split("</tr>").next())
                .unwrap_or_else(|| panic!("{} is not listed in {language}", entry.code()));
            assert!(
                row.contains(&format!("<td class=\"status\">{}</td>", entry.status())),
                "{row}"
            );
            let title = localizer
                .format(
                    &chain,
                    entry.message_id(),
                    Some("title"),
                    &terror_core::Args::new(),
                )
                .map_or_else(
                    || {
                        entry.example(&localizer, &chain)["title"]
                            .as_str()
                            .unwrap()
                            .to_owned()
                    },
                    |f| f.text,
                );
            assert!(
                row.contains(&format!("<td>{}</td>", escaped(&title))),
                "{row}"
            );
        }
    }
    let html = page("/errors/", "ru").await.raw;
    assert!(html.contains("<h1>Каталог ошибок</h1>"));
    assert!(html.contains("<td>Том не найден</td>"));
    assert!(html.contains("<td>Система хранения недоступна</td>"));
}

#[tokio::test]
async fn a_code_page_in_russian() {
    let reply = page("/errors/volume.in_use", "ru").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-language"], "ru");
    let html = &reply.raw;
    for expected in [
        "<html lang=\"ru\">",
        "<h1>Том используется</h1>",
        "<p class=\"code\"><code>volume.in_use</code></p>",
        "<dd>409 Конфликт</dd>",
        "<dd><code>/errors/volume.in_use</code></dd>",
        "<p>The volume is attached to hosts, so it cannot be deleted.</p>",
        "<dt>Код gRPC</dt>\n<dd><code>ABORTED</code></dd>",
        "<dd><code>VOLUME_IN_USE</code></dd>",
        "<tr><td><code>name</code></td><td><code>String</code></td><td><code>name</code></td></tr>",
        "<tr><td><code>hosts</code></td><td><code>u32</code></td><td><code>hosts</code></td></tr>",
        // The message in every locale, as a client reads it.
        "<h3 lang=\"en-US\">English</h3>",
        "<dd><span lang=\"en-US\">Volume &lt;name&gt; cannot be deleted: it is attached to 1 host.</span></dd>",
        "<h3 lang=\"de\">Deutsch</h3>",
        "<dd><span lang=\"de\">Das Volume &lt;name&gt; kann nicht gelöscht werden: Es ist mit einem Host verbunden.</span></dd>",
        "<h3 lang=\"ru\">Русский</h3>",
        "<dd>Том &lt;name&gt; нельзя удалить: к нему подключён 1 хост.</dd>",
        // The example body.
        "  &quot;detail&quot;: &quot;Том &lt;name&gt; нельзя удалить: к нему подключён 1 хост.&quot;,",
        "  &quot;args&quot;: {\n    &quot;name&quot;: &quot;&lt;name&gt;&quot;,\n    &quot;hosts&quot;: 1\n  },",
        // The language switch.
        r#"<a href="?lang=de" hreflang="de" lang="de">Deutsch</a>"#,
        r#"<a href="?lang=en-US" hreflang="en-US" lang="en-US">English</a>"#,
        r#"<strong aria-current="page" lang="ru">Русский</strong>"#,
        "<nav><a href=\"./\">Все ошибки</a></nav>",
    ] {
        assert!(html.contains(expected), "no {expected:?} in\n{html}");
    }
    let retry = page("/errors/storage.backend_unavailable", "ru").await.raw;
    assert!(retry.contains("<h1>Система хранения недоступна</h1>"));
    assert!(retry.contains("повторить его через 30 секунд."));
    assert!(retry.contains("Скрыты: клиенты видят только общий текст"));
}

#[tokio::test]
async fn an_unknown_code_is_a_404_page_linking_to_the_index() {
    let reply = page("/errors/volume.lost", "ru").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.headers["content-language"], "ru");
    assert!(reply.raw.contains("<h1>Неизвестный код ошибки</h1>"));
    assert!(reply
        .raw
        .contains("У этого API нет ошибки с кодом volume.lost."));
    assert!(reply.raw.contains("<a href=\"./\">Все ошибки</a></p>"));
}

/// The type of every code the API can send, rendered as the API renders
/// it, resolved against a request's URL, opens that code's page.
#[tokio::test]
async fn every_type_the_api_sends_opens_its_page() {
    let localizer = localizer();
    let request_url = "http://127.0.0.1:3000/volumes/db-02";
    let chain = localizer.negotiate(None, Some("de"));
    for entry in Catalog::collect().entries() {
        let problem = entry.example(&localizer, &chain);
        let type_uri = problem["type"].as_str().unwrap();
        let url = resolve(type_uri, request_url);
        let reply = page(path_on_this_server(&url), "de").await;
        assert_eq!(reply.status, StatusCode::OK, "{url}");
        assert!(
            reply.raw.contains(&format!(
                "<p class=\"code\"><code>{}</code></p>",
                entry.code()
            )),
            "{url}"
        );
    }
    // And what real requests get: handlers' errors, the layer's and the
    // router's, a redacted panic.
    let requests: [(&str, &str, Option<Value>); 6] = [
        ("GET", "/volumes/nope", None),
        ("DELETE", "/volumes/db-01", None),
        ("GET", "/nowhere", None),
        ("PATCH", "/volumes", None),
        ("GET", "/volumes/scratch/usage", None),
        (
            "POST",
            "/volumes",
            Some(serde_json::json!({ "name": "Bad Name!" })),
        ),
    ];
    for (method, uri, body) in requests {
        let reply = send(method, uri, &[("accept-language", "ru")], body).await;
        assert!(reply.status.is_client_error() || reply.status.is_server_error());
        let mut types = vec![reply.body["type"].as_str().unwrap().to_owned()];
        if let Some(errors) = reply.body["errors"].as_array() {
            for error in errors {
                let code = error["code"].as_str().unwrap();
                types.push(localizer.problem_type(code));
            }
        }
        for type_uri in types {
            let url = resolve(&type_uri, &format!("http://127.0.0.1:3000{uri}"));
            let page = page(path_on_this_server(&url), "ru").await;
            assert_eq!(page.status, StatusCode::OK, "{method} {uri}: {url}");
            assert_eq!(page.headers["content-language"], "ru");
        }
    }
}

#[test]
fn types_resolve_as_rfc_3986_says() {
    let base = "http://127.0.0.1:3000/volumes/db-02";
    assert_eq!(
        resolve("/errors/volume.not_found", base),
        "http://127.0.0.1:3000/errors/volume.not_found"
    );
    assert_eq!(
        resolve("errors/x", base),
        "http://127.0.0.1:3000/volumes/errors/x"
    );
    assert_eq!(
        resolve("https://docs.example.com/errors/x", base),
        "https://docs.example.com/errors/x"
    );
}

/// The pages are for people: the OpenAPI document, which clients and
/// schemathesis read, does not list them.
#[tokio::test]
async fn the_openapi_document_does_not_list_the_pages() {
    let reply = send("GET", "/openapi.json", &[], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let paths = reply.body["paths"].as_object().unwrap();
    assert!(paths.contains_key("/volumes"));
    assert!(
        paths.keys().all(|path| !path.starts_with("/errors")),
        "{:?}",
        paths.keys().collect::<Vec<_>>()
    );
}
