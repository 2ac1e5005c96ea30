//! End to end in a real browser: a Russian client gets a problem from the
//! API served on loopback, and headless Chromium, asking for Russian too,
//! opens the problem's `type` and shows the code's page in Russian.
//!
//! Ignored by `cargo test`, since a fresh clone may have no Chromium;
//! `.ci/run` installs it and runs this test with `--ignored`. `CHROMIUM`
//! names another binary. The screenshot (a phone-sized viewport) is left
//! at `target/tmp/catalog-page-ru.png`.

mod common;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The flags every run of Chromium gets: no sandbox (CI runs as root), no
/// GPU, and nothing that would reach the network on its own.
const CHROMIUM_FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// How long one run of Chromium may take.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

#[test]
#[ignore = "needs chromium: run by .ci/run"]
fn a_russian_problem_type_opens_its_page_in_chromium() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = storage_api::app(common::localizer());
    runtime.spawn(async move { axum::serve(listener, app.into_make_service()).await });

    let (head, body) = http_get(addr, "/volumes/nope", "ru");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["title"], "Том не найден");
    // A relative reference: resolved against the request's URL.
    let type_uri = problem["type"].as_str().unwrap();
    assert_eq!(type_uri, "/errors/volume.not_found");
    let url = format!("http://{addr}{type_uri}");

    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("chromium");
    let dom = chromium(&work, &["--accept-lang=ru", "--dump-dom", &url]);
    for expected in [
        "<html lang=\"ru\">",
        "<h1>Том не найден</h1>",
        "<dd>404 Не найдено</dd>",
        "<dd>Том &lt;name&gt; не найден.</dd>",
        r#"<a href="?lang=de" hreflang="de" lang="de">Deutsch</a>"#,
        "<nav><a href=\"./\">Все ошибки</a></nav>",
    ] {
        assert!(dom.contains(expected), "no {expected:?} in the DOM:\n{dom}");
    }

    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("catalog-page-ru.png");
    let _ = std::fs::remove_file(&screenshot);
    chromium(
        &work,
        &[
            "--accept-lang=ru",
            "--hide-scrollbars",
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=390,844",
            &url,
        ],
    );
    let png = std::fs::read(&screenshot).expect("no screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (390, 844), "a phone-sized viewport");
    assert!(
        png.len() > 10_000,
        "a blank screenshot: {} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", screenshot.display());
}

/// A GET on loopback with `Accept-Language`: the response's head and body.
fn http_get(addr: SocketAddr, path: &str, language: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Language: {language}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.to_owned(), body.to_owned())
}

/// Runs Chromium with `args` (and a profile of its own under `work`),
/// within [`CHROMIUM_TIMEOUT`]; its standard output.
fn chromium(work: &Path, args: &[&str]) -> String {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
    let mut child = Command::new(&binary)
        .args(CHROMIUM_FLAGS)
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {binary}: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{binary} {args:?}: {status}");
            break;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{binary} {args:?} took more than {CHROMIUM_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}
