//! The README's complete example is this crate: each of its files is a
//! block of the README, byte for byte, and the server they make answers as
//! the README says. (CI also builds the blocks as printed, Cargo.toml
//! included, in a new crate outside the repository: `.ci/outside/check`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

/// The fenced blocks of the README's section `title`, as (info string,
/// text), up to the next `## ` heading outside a block.
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
            blocks.push((info.to_owned(), body.join("\n") + "\n"));
        }
    }
    blocks
}

#[test]
fn every_file_of_the_example_is_a_readme_block() {
    let blocks = readme_blocks("A complete example");
    let files: Vec<&str> = blocks
        .iter()
        .filter_map(|(info, _)| info.split_once(' ').map(|(_, file)| file))
        .collect();
    assert_eq!(
        files,
        [
            "Cargo.toml",
            "src/main.rs",
            "locales/en-US/volumes.ftl",
            "locales/ru/volumes.ftl",
            "build.rs"
        ]
    );
    for (info, text) in &blocks {
        let Some((_, file)) = info.split_once(' ') else {
            continue;
        };
        // The crate's own manifest takes its versions from the workspace;
        // the README's is built as printed by CI, outside the repository.
        if file == "Cargo.toml" {
            continue;
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let ours = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            *text, ours,
            "the README's block for {file} differs from examples/quickstart/{file}"
        );
    }
}

#[test]
fn the_readme_manifest_names_every_dependency_of_the_example() {
    let blocks = readme_blocks("A complete example");
    let (_, manifest) = blocks.iter().find(|(i, _)| i == "toml Cargo.toml").unwrap();
    let names = |text: &str| -> Vec<String> {
        let mut names: Vec<String> = text
            .lines()
            .skip_while(|l| *l != "[dependencies]")
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .filter_map(|l| l.split(['=', '.']).next())
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty() && !name.starts_with('#'))
            .collect();
        names.sort();
        names
    };
    let ours = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    assert_eq!(names(manifest), names(&ours.unwrap()));
}

/// The example's server, on a port of its own, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start() -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_quickstart"))
            .env("ADDR", &addr)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line, format!("listening on http://{addr}\n"));
        Server { child, addr }
    }

    /// Sends one request and returns the status, the headers (lowercase
    /// names) and the body.
    fn send(
        &self,
        method: &str,
        path: &str,
        language: &str,
    ) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nhost: {}\r\naccept-language: {language}\r\nconnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap()[9..12].parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
            .collect();
        (status, headers, body.to_owned())
    }

    fn problem(&self, method: &str, path: &str, language: &str) -> (u16, Value) {
        let (status, headers, body) = self.send(method, path, language);
        let content_type = headers.iter().find(|(n, _)| n == "content-type");
        assert_eq!(content_type.unwrap().1, "application/problem+json");
        (status, serde_json::from_str(&body).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The generated request id, which differs from run to run.
fn without_request_id(mut problem: Value) -> Value {
    let id = problem.as_object_mut().unwrap().remove("request_id");
    assert!(id.unwrap().as_str().is_some_and(|id| id.len() == 16));
    problem
}

#[test]
fn the_example_answers_in_each_language() {
    let server = Server::start();
    let (status, problem) = server.problem("GET", "/volumes/db-02", "ru");
    assert_eq!(status, 404);
    assert_eq!(
        without_request_id(problem),
        json!({
            "type": "/errors/volume.not_found",
            "title": "Том не найден",
            "status": 404,
            "detail": "Том db-02 не найден.",
            "instance": "/volumes/db-02",
            "code": "volume.not_found",
            "args": {"name": "db-02"},
            "hint": "Список томов можно получить запросом GET /volumes.",
        })
    );
    let (_, problem) = server.problem("GET", "/volumes/db-02", "en");
    assert_eq!(problem["detail"], "Volume db-02 was not found.");

    let (status, problem) = server.problem("DELETE", "/volumes/db-01", "ru");
    assert_eq!(status, 409);
    assert_eq!(
        problem["detail"],
        "Том db-01 нельзя удалить: к нему подключены 3 хоста."
    );
    let (_, problem) = server.problem("DELETE", "/volumes/db-01", "en");
    assert_eq!(
        problem["detail"],
        "Volume db-01 cannot be deleted: it is attached to 3 hosts."
    );

    // What the router answers itself, through the layer around it.
    let (status, problem) = server.problem("PUT", "/volumes/db-01", "en");
    assert_eq!(status, 405);
    assert_eq!(
        problem["args"],
        json!({"method": "PUT", "allowed": "GET,HEAD,DELETE"})
    );
    let (status, problem) = server.problem("GET", "/disks", "ru");
    assert_eq!((status, &problem["title"]), (404, &json!("Не найдено")));

    // The page a problem's `type` points at.
    let (status, headers, page) = server.send("GET", "/errors/volume.not_found", "ru");
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(n, v)| n == "content-language" && v == "ru"));
    assert!(page.contains("volume.not_found"), "{page}");

    let (status, _, body) = server.send("GET", "/volumes/db-01", "en");
    assert_eq!(status, 200);
    let volume: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(volume, json!({"name": "db-01", "size_gb": 100, "hosts": 3}));
}
