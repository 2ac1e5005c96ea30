//! A bounded load test on loopback: the same router served with and without
//! terror's language layer, for a success and an error response, with
//! keep-alive HTTP/1.1 clients on 127.0.0.1. Reports requests per second and
//! the layer's cost in throughput.
//!
//! Run with: `cargo bench -p storage-api --bench load`
//! (`LOAD_SECONDS` and `LOAD_ROUNDS` change the length of a run, and
//! `LOAD_LANGUAGE` the `Accept-Language` sent; without the layer every
//! response is in English, so `en` compares the same bodies and `ru` adds
//! the cost of answering in Russian).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const CONNECTIONS: usize = 16;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn serve(app: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Reads one response; returns its status.
async fn read_response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<u16> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buffer[..end])
                .unwrap_or_default()
                .to_ascii_lowercase();
            let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            let total = end + 4 + length;
            while buffer.len() < total {
                let mut chunk = [0_u8; 8192];
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            buffer.drain(..total);
            return Ok(status);
        }
        let mut chunk = [0_u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// Requests per second over `seconds`, from `CONNECTIONS` keep-alive clients.
async fn measure(addr: SocketAddr, path: &str, language: &str, expected: u16, seconds: u64) -> f64 {
    let request =
        format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\naccept-language: {language}\r\n\r\n");
    let count = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for _ in 0..CONNECTIONS {
        let (request, count, stop) = (request.clone(), Arc::clone(&count), Arc::clone(&stop));
        clients.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let mut buffer = Vec::with_capacity(16 * 1024);
            while !stop.load(Ordering::Relaxed) {
                stream.write_all(request.as_bytes()).await.unwrap();
                let status = read_response(&mut stream, &mut buffer).await.unwrap();
                assert_eq!(status, expected, "unexpected status for {addr}");
                count.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let start = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let elapsed = start.elapsed().as_secs_f64();
    let done = count.load(Ordering::Relaxed);
    for client in clients {
        client.await.unwrap();
    }
    #[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
    let rate = done as f64 / elapsed;
    rate
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let seconds = env_number("LOAD_SECONDS", 2);
    let rounds = env_number("LOAD_ROUNDS", 5);
    let language =
        std::env::var("LOAD_LANGUAGE").unwrap_or_else(|_| "ru-RU,ru;q=0.9,en;q=0.5".to_owned());
    // A service logs at info level: the layer's request span is enabled.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(std::io::sink)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let localizer = Arc::new(storage_api::localizer().unwrap());
        // Without the layer, errors render with the global localizer.
        terror_core::Localizer::set_global(Arc::clone(&localizer));
        let without = serve(storage_api::routes()).await;
        let with = serve(storage_api::app(localizer)).await;
        println!(
            "load on 127.0.0.1: {CONNECTIONS} keep-alive connections, {rounds} alternating rounds of {seconds} s each, Accept-Language: {language}"
        );
        let mut worst: f64 = 0.0;
        for (label, path, status) in [
            ("success", "/volumes/db-01", 200),
            ("error  ", "/volumes/nope", 404),
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            // Warm up both servers.
            measure(without, path, &language, status, 1).await;
            measure(with, path, &language, status, 1).await;
            for _ in 0..rounds {
                a.push(measure(without, path, &language, status, seconds).await);
                b.push(measure(with, path, &language, status, seconds).await);
            }
            let (a, b) = (median(a), median(b));
            let cost = (1.0 - b / a) * 100.0;
            worst = worst.max(cost);
            println!(
                "{label} GET {path:<16} without layer {a:>9.0} req/s   with layer {b:>9.0} req/s   cost {cost:>5.1}%"
            );
        }
        let verdict = if worst < 10.0 { "under" } else { "NOT under" };
        println!("the layer's throughput cost is {verdict} 10% (worst {worst:.1}%)");
    });
}
