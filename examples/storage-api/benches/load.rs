//! A bounded load test on loopback: keep-alive HTTP/1.1 clients on
//! 127.0.0.1 against two sides served at the same time, each by a server
//! process of its own, so that each side's CPU time per request can be read
//! apart from the other's and from the clients'.
//!
//! Six comparisons, with the median over rounds of each side and of the
//! per-round ratios:
//! - a success (`GET /volumes/db-01`) from storage-api's routes without
//!   terror's layer and with it (around the router, and by
//!   `Router::layer`): what the layer costs a request that does not fail,
//!   and, for scale, what tower-http's `PropagateRequestIdLayer` costs it
//!   (it only echoes a sent `x-request-id`, the least a layer that echoes
//!   an id does) and what tower's `MapResponseLayer` with the identity
//!   costs it (the least any layer with a response future costs);
//! - a 404 (`GET /volumes/db-02`) from a hand-written axum handler that
//!   answers the English problem by hand, and from the same route whose
//!   handler returns storage-api's derived `VolumeError` through the layer:
//!   the same body (the benchmark checks it) and the same headers;
//! - over gRPC, a successful `GetVolume` from storage-api's gRPC service
//!   without terror-tonic's layer and with it, each client on an HTTP/2
//!   connection of its own: what that layer costs a call that does not
//!   fail, and for scale what tower's `MapResponseLayer` with the
//!   identity costs it in tonic's server.
//!
//! Both server processes run the same binary, one worker thread each, and
//! share one core (`taskset`); the clients run on the other. Both sides are
//! loaded at once, so whatever else the machine is doing (this one is
//! shared) slows both alike, and the processes swap sides from round to
//! round, so neither's luck (memory layout, say) favours a side.
//!
//! Run with: `cargo bench -p storage-api --bench load`
//! (`LOAD_SECONDS`, `LOAD_ROUNDS`, `LOAD_CONNECTIONS` (per side) and
//! `LOAD_SERVER_THREADS` change the length and width of a run; 2 s, 10
//! rounds, 8 connections and 1 server thread unless set; `LOAD_CASES`,
//! say `layer,propagate`, runs some of the comparisons: `layer`,
//! `route-layer`, `propagate`, `identity`, `404`, `grpc`, `grpc-identity`).

use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::Layer as _;
use tower_http::request_id::PropagateRequestIdLayer;

#[path = "support/bodies.rs"]
mod bodies;
#[path = "support/stats.rs"]
mod stats;

use stats::{env_number, median};

/// Set in the server process's environment.
const SERVER: &str = "TERROR_LOAD_SERVER";

/// Set to `ADDR N` to make this binary a gRPC client that makes N
/// `GetVolume` calls, one after another, on one connection to ADDR, and
/// exits (for `benches/instructions`, which counts what the server runs).
const GRPC_CALLS: &str = "TERROR_LOAD_GRPC_CALLS";

fn main() {
    if std::env::var_os(SERVER).is_some() {
        serve();
    } else if let Ok(calls) = std::env::var(GRPC_CALLS) {
        let (addr, n) = calls.split_once(' ').expect("ADDR N");
        let (addr, n) = (addr.parse().unwrap(), n.parse().unwrap());
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(grpc_client(
                addr,
                Arc::new(AtomicU64::new(0)),
                Limit::Calls(n),
            ));
    } else {
        drive();
    }
}

/// The server process: storage-api's routes without the layer, with it,
/// and the hand-written service, each on a port of its own, printed on one
/// line; serves until its standard input closes. Two more ports serve the
/// routes behind tower-http's `PropagateRequestIdLayer` and behind tower's
/// `MapResponseLayer` with the identity (the least any layer with a
/// response future costs, for `benches/instructions`).
fn serve() {
    // A service logs at info level: the layer's request span is enabled.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(std::io::sink)
        .init();
    let threads = usize::try_from(env_number("LOAD_SERVER_THREADS", 1)).unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let localizer = Arc::new(storage_api::localizer().unwrap());
        terror_core::Localizer::set_global(Arc::clone(&localizer));
        let layer = terror_axum::ProblemLayer::new(Arc::clone(&localizer));
        let mut ports = Vec::new();
        ports.push(listen(storage_api::routes()).await);
        ports.push(listen(layer.layer(storage_api::routes())).await);
        ports.push(listen(storage_api::routes().layer(layer.clone())).await);
        ports.push(listen(bodies::handwritten_routes()).await);
        ports.push(listen(layer.layer(bodies::terror_router())).await);
        ports.push(
            listen(PropagateRequestIdLayer::x_request_id().layer(storage_api::routes())).await,
        );
        ports.push(
            listen(
                tower::util::MapResponseLayer::new(|r: axum::response::Response| r)
                    .layer(storage_api::routes()),
            )
            .await,
        );
        ports.push(grpc_listen(GrpcSide::Plain).await);
        ports.push(grpc_listen(GrpcSide::Layer(Arc::clone(&localizer))).await);
        ports.push(grpc_listen(GrpcSide::Identity).await);
        println!("{}", ports.join(" "));
        std::io::stdout().flush().unwrap();
        tokio::task::spawn_blocking(|| {
            let mut rest = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut rest);
        })
        .await
        .unwrap();
    });
}

/// Serves `service` on a port of its own; returns the port.
async fn listen<S>(service: S) -> String
where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let service = axum::ServiceExt::<axum::extract::Request>::into_make_service(service);
    tokio::spawn(async move {
        axum::serve(listener, service).await.unwrap();
    });
    port
}

/// What a gRPC side serves the service in.
enum GrpcSide {
    Plain,
    /// terror-tonic's layer.
    Layer(Arc<terror_core::Localizer>),
    /// tower's `MapResponseLayer` with the identity: what any layer with a
    /// response future costs a call in tonic's server.
    Identity,
}

/// Serves storage-api's gRPC service on a port of its own, as `side`
/// says; returns the port.
async fn grpc_listen(side: GrpcSide) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    let service = storage_api::grpc::service(storage_api::seeded_store());
    tokio::spawn(async move {
        let mut server = tonic::transport::Server::builder();
        match side {
            GrpcSide::Layer(localizer) => server
                .layer(storage_api::grpc::layer(localizer, "http://127.0.0.1:3000"))
                .add_service(service)
                .serve_with_incoming(incoming)
                .await
                .unwrap(),
            GrpcSide::Identity => server
                .layer(tower::util::MapResponseLayer::new(
                    |r: http::Response<tonic::body::Body>| r,
                ))
                .add_service(service)
                .serve_with_incoming(incoming)
                .await
                .unwrap(),
            GrpcSide::Plain => server
                .add_service(service)
                .serve_with_incoming(incoming)
                .await
                .unwrap(),
        }
    });
    port
}

/// The server's CPU time so far, all threads, from the kernel's scheduler
/// statistics (nanoseconds).
fn cpu_nanos(server: &Child) -> u64 {
    let tasks = format!("/proc/{}/task", server.id());
    std::fs::read_dir(tasks)
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Reads one response; returns its status, head and body.
async fn read_response(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> std::io::Result<(u16, String, Vec<u8>)> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
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
            let body = buffer[end + 4..total].to_vec();
            buffer.drain(..total);
            return Ok((status, head, body));
        }
        let mut chunk = [0_u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

fn request(addr: SocketAddr, path: &str) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nhost: {addr}\r\naccept-language: {}\r\n\r\n",
        bodies::ACCEPT_LANGUAGE_EN
    )
}

/// One response, for comparing what the sides send.
async fn fetch(addr: SocketAddr, path: &str) -> (u16, String, serde_json::Value) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(request(addr, path).as_bytes())
        .await
        .unwrap();
    let (status, head, body) = read_response(&mut stream, &mut Vec::new()).await.unwrap();
    let mut body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    body["request_id"] = "…".into();
    let mut names: Vec<&str> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split(':').next())
        .filter(|name| *name != "date")
        .collect();
    names.sort_unstable();
    (status, names.join(","), body)
}

/// What the clients of a comparison send.
#[derive(Clone, Copy)]
enum Call<'a> {
    /// `GET path` over HTTP/1.1, answered with `expected`.
    Http { path: &'a str, expected: u16 },
    /// `storage.v1.Storage/GetVolume` of `db-01` over gRPC, which succeeds.
    GrpcGetVolume,
}

/// Loads one side for as long as `stop` is unset: `connections` keep-alive
/// clients, counting responses in `count`.
fn load(
    addr: SocketAddr,
    call: Call<'_>,
    connections: usize,
    count: &Arc<AtomicU64>,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let Call::Http { path, expected } = call else {
        return (0..connections)
            .map(|_| {
                let limit = Limit::Until(Arc::clone(stop));
                tokio::spawn(grpc_client(addr, Arc::clone(count), limit))
            })
            .collect();
    };
    let request = request(addr, path);
    (0..connections)
        .map(|_| {
            let (request, count, stop) = (request.clone(), Arc::clone(count), Arc::clone(stop));
            tokio::spawn(async move {
                let mut stream = TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let mut buffer = Vec::with_capacity(16 * 1024);
                while !stop.load(Ordering::Relaxed) {
                    stream.write_all(request.as_bytes()).await.unwrap();
                    let (status, _, _) = read_response(&mut stream, &mut buffer).await.unwrap();
                    assert_eq!(status, expected, "unexpected status from {addr}");
                    count.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect()
}

/// How long a gRPC client keeps calling.
enum Limit {
    /// Until the flag is set.
    Until(Arc<AtomicBool>),
    /// This many calls.
    Calls(u64),
}

/// One gRPC client on a connection of its own, calling `GetVolume` until
/// `limit` says to stop.
async fn grpc_client(addr: SocketAddr, count: Arc<AtomicU64>, limit: Limit) {
    use storage_api::grpc::v1::{storage_client::StorageClient, GetVolumeRequest};

    let channel = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut client = StorageClient::new(channel);
    let done = |count: &AtomicU64| match &limit {
        Limit::Until(stop) => stop.load(Ordering::Relaxed),
        Limit::Calls(n) => count.load(Ordering::Relaxed) >= *n,
    };
    while !done(&count) {
        let mut request = tonic::Request::new(GetVolumeRequest {
            name: "db-01".to_owned(),
        });
        let metadata = request.metadata_mut();
        metadata.insert(
            "accept-language",
            bodies::ACCEPT_LANGUAGE_EN.parse().unwrap(),
        );
        client.get_volume(request).await.unwrap();
        count.fetch_add(1, Ordering::Relaxed);
    }
}

/// One round: both sides at once, each on a server process of its own
/// (the two sharing one core), for `seconds`; per side, requests per
/// second and its server's CPU time per request.
async fn round(
    sides: [(&Child, SocketAddr); 2],
    call: Call<'_>,
    connections: usize,
    seconds: f64,
) -> [(f64, f64); 2] {
    let stop = Arc::new(AtomicBool::new(false));
    let counts = [(); 2].map(|()| Arc::new(AtomicU64::new(0)));
    let mut clients = Vec::new();
    for ((_, addr), count) in sides.iter().zip(&counts) {
        clients.extend(load(*addr, call, connections, count, &stop));
    }
    // Measure once every connection is up and busy.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let start = Instant::now();
    let before = [0, 1].map(|i| (counts[i].load(Ordering::Relaxed), cpu_nanos(sides[i].0)));
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    let after = [0, 1].map(|i| (counts[i].load(Ordering::Relaxed), cpu_nanos(sides[i].0)));
    let elapsed = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.await.unwrap();
    }
    [0, 1].map(|i| {
        let (done, cpu) = (after[i].0 - before[i].0, after[i].1 - before[i].1);
        #[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
        (done as f64 / elapsed, cpu as f64 / done as f64)
    })
}

impl Call<'_> {
    /// What the lines of a comparison call it.
    fn name(&self) -> String {
        match self {
            Call::Http { path, .. } => format!("GET {path}"),
            Call::GrpcGetVolume => "gRPC GetVolume".to_owned(),
        }
    }
}

/// How the sides are loaded: the two server processes, each serving every
/// port (the same index in each), and the length of a run.
struct Run<'a> {
    servers: &'a [(Child, Vec<SocketAddr>); 2],
    connections: usize,
    seconds: f64,
    rounds: u64,
}

impl Run<'_> {
    /// Loads side `a` (the service at port index `a.1`) and side `b` at
    /// once, each on one of the two server processes, which swap from
    /// round to round; prints the median of each side and the median of
    /// the per-round ratios b / a. Whatever else the machine does slows
    /// both sides alike.
    async fn compare(&self, label: &str, call: Call<'_>, a: (&str, usize), b: (&str, usize)) {
        let side =
            |server: usize, port: usize| (&self.servers[server].0, self.servers[server].1[port]);
        round([side(0, a.1), side(1, b.1)], call, self.connections, 1.0).await;
        let mut results: [Vec<(f64, f64)>; 2] = [Vec::new(), Vec::new()];
        for r in 0..self.rounds {
            let (x, y) = if r % 2 == 0 { (0, 1) } else { (1, 0) };
            let [measured_a, measured_b] = round(
                [side(x, a.1), side(y, b.1)],
                call,
                self.connections,
                self.seconds,
            )
            .await;
            results[0].push(measured_a);
            results[1].push(measured_b);
        }
        for (name, measured) in [a.0, b.0].iter().zip(&results) {
            let rate = median(measured.iter().map(|m| m.0).collect());
            let cpu = median(measured.iter().map(|m| m.1).collect());
            println!(
                "{:<44} {rate:>10.0} {:>14.2}",
                format!("{label} {} {name}", call.name()),
                cpu / 1000.0
            );
        }
        let ratios = |of: fn(&(f64, f64)) -> f64| {
            let each: Vec<f64> = results[0]
                .iter()
                .zip(&results[1])
                .map(|(a, b)| of(b) / of(a))
                .collect();
            let (low, high) = stats::range(&each);
            (median(each), low, high)
        };
        let (rate, rate_low, rate_high) = ratios(|m| m.0);
        let (cpu, cpu_low, cpu_high) = ratios(|m| m.1);
        println!(
            "{:<44} {rate:>9.3}x {cpu:>13.3}x   (rounds: {rate_low:.3}x to {rate_high:.3}x, {cpu_low:.3}x to {cpu_high:.3}x)",
            format!("  {} / {}", b.0, a.0),
        );
    }
}

/// Starts the two server processes, sharing a core of their own when they
/// can; returns them with their addresses, and whether they are pinned.
fn start_servers() -> ([(Child, Vec<SocketAddr>); 2], bool) {
    // The clients on the first core, the servers on the second, so the
    // clients take no time from the servers and each server's time is its
    // own.
    let pinned = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
        && Command::new("taskset")
            .args(["-a", "-p", "-c", "0", &std::process::id().to_string()])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
    let start = || {
        let exe = std::env::current_exe().unwrap();
        let mut command = if pinned {
            let mut command = Command::new("taskset");
            command.args(["-c", "1"]).arg(exe);
            command
        } else {
            Command::new(exe)
        };
        let mut server = command
            .env(SERVER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addrs = line
            .split_whitespace()
            .map(|port| format!("127.0.0.1:{port}").parse().unwrap())
            .collect();
        (server, addrs)
    };
    ([start(), start()], pinned)
}

/// Whether `LOAD_CASES` (a comma-separated list of `layer`, `route-layer`,
/// `propagate`, `identity` and `404`) names `case`; every case runs unless
/// it is set.
fn wanted(case: &str) -> bool {
    std::env::var("LOAD_CASES").map_or(true, |cases| cases.split(',').any(|c| c.trim() == case))
}

fn drive() {
    let seconds: f64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0);
    let rounds = env_number("LOAD_ROUNDS", 10);
    let connections = usize::try_from(env_number("LOAD_CONNECTIONS", 8)).unwrap_or(8);
    let (mut servers, pinned) = start_servers();
    // The ports each server prints, in this order.
    let (plain, wrapped, route_layer, handwritten, terror, propagate, identity) =
        (0, 1, 2, 3, 4, 5, 6);
    let (grpc_plain, grpc_layer, grpc_identity) = (7, 8, 9);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // The hand-written 404 is terror's, byte for byte but the id.
        let addrs = &servers[0].1;
        let ours = fetch(addrs[terror], "/volumes/db-02").await;
        let theirs = fetch(addrs[handwritten], "/volumes/db-02").await;
        assert_eq!(ours, theirs, "the two 404s differ");

        println!(
            "load on 127.0.0.1: both sides at once, {connections} keep-alive connections each, {rounds} rounds of {seconds} s, Accept-Language: {}",
            bodies::ACCEPT_LANGUAGE_EN
        );
        println!(
            "servers: two processes (swapping sides each round) of {} worker thread(s){}",
            env_number("LOAD_SERVER_THREADS", 1),
            if pinned { ", sharing a core of their own (clients on the other)" } else { ", cores shared with the clients" }
        );
        println!(
            "{:<44} {:>10} {:>14}",
            "median over rounds", "req/s", "server µs/req"
        );
        let run = Run {
            servers: &servers,
            connections,
            seconds,
            rounds,
        };
        let success = Call::Http {
            path: "/volumes/db-01",
            expected: 200,
        };
        let not_found = Call::Http {
            path: "/volumes/db-02",
            expected: 404,
        };
        if wanted("layer") {
            run.compare("success", success, ("no layer", plain), ("layer around the router", wrapped)).await;
        }
        if wanted("route-layer") {
            run.compare("success", success, ("no layer", plain), ("Router::layer", route_layer)).await;
        }
        if wanted("propagate") {
            run.compare("success", success, ("no layer", plain), ("tower-http PropagateRequestId", propagate)).await;
        }
        if wanted("identity") {
            run.compare("success", success, ("no layer", plain), ("identity MapResponseLayer", identity)).await;
        }
        if wanted("404") {
            run.compare("404", not_found, ("hand-written", handwritten), ("terror", terror)).await;
        }
        if wanted("grpc") {
            run.compare("success", Call::GrpcGetVolume, ("no layer", grpc_plain), ("GrpcLayer", grpc_layer)).await;
        }
        if wanted("grpc-identity") {
            run.compare("success", Call::GrpcGetVolume, ("no layer", grpc_plain), ("identity MapResponseLayer", grpc_identity)).await;
        }
    });
    for (server, _) in &mut servers {
        drop(server.stdin.take());
        let _ = server.wait();
    }
}
