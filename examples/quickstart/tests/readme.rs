//! The README's complete example is this crate: its code blocks appear here
//! line for line, and the service they make answers as the README says.

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The fenced blocks (info string, text) of the README's section `title`,
/// up to the next `## ` heading outside a block.
fn readme_blocks(title: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let heading = format!("## {title}");
    let mut lines = readme.lines().skip_while(|l| *l != heading);
    assert!(lines.next().is_some(), "README has no section `{title}`");
    let mut blocks = Vec::new();
    while let Some(line) = lines.next() {
        if line.starts_with("## ") {
            break;
        }
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((info.to_owned(), body.join("\n")));
        }
    }
    blocks
}

/// Non-empty lines with their indentation removed.
fn normalized(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn crate_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn every_rust_block_of_the_readme_example_is_compiled_here() {
    let blocks = readme_blocks("A complete example");
    let code: Vec<String> = ["src/lib.rs", "build.rs"]
        .iter()
        .flat_map(|f| normalized(&crate_file(f)))
        .collect();
    let rust: Vec<&String> = blocks
        .iter()
        .filter(|(info, _)| info == "rust")
        .map(|(_, body)| body)
        .collect();
    assert!(
        rust.len() >= 3,
        "expected the README's error, router and build script: {blocks:?}"
    );
    for block in rust {
        let lines = normalized(block);
        assert!(
            code.windows(lines.len()).any(|w| w == lines.as_slice()),
            "this README block is not in examples/quickstart:\n{block}"
        );
    }
}

#[test]
fn the_readme_messages_are_the_example_messages() {
    let blocks = readme_blocks("A complete example");
    let ftl: Vec<&String> = blocks
        .iter()
        .filter(|(info, _)| info == "ftl")
        .map(|(_, body)| body)
        .collect();
    assert_eq!(ftl.len(), 1, "{blocks:?}");
    assert_eq!(
        normalized(ftl[0]),
        normalized(&crate_file("locales/en-US/volumes.ftl"))
    );
}

async fn get(uri: &str, language: &str) -> (StatusCode, Option<String>, Value) {
    let request = Request::get(uri)
        .header("accept-language", language)
        .body(Body::empty())
        .unwrap();
    let response = quickstart::app().unwrap().oneshot(request).await.unwrap();
    let status = response.status();
    let language = response
        .headers()
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, language, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn the_example_answers_in_russian() {
    let (status, language, body) = get("/volumes/db-02", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(language.as_deref(), Some("ru"));
    assert_eq!(body["detail"], "Том db-02 не найден.");
    assert_eq!(body["title"], "Том не найден");
    assert_eq!(
        body["hint"],
        "Список томов можно получить запросом GET /volumes."
    );
    assert_eq!(body["code"], "volume.not_found");
    assert_eq!(body["args"]["name"], "db-02");
    assert_eq!(
        body["type"],
        "https://storage.example.com/errors/volume.not_found"
    );
    assert_eq!(body["instance"], "/volumes/db-02");

    // The framework's messages come with terror-axum, in Russian too.
    let (status, _, body) = get("/disks", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "request.not_found");
    assert_eq!(body["title"], "Не найдено");
}

#[tokio::test]
async fn the_example_serves_what_exists() {
    let (status, _, body) = get("/volumes/db-01", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["size_gb"], 100);
}
