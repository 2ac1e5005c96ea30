//! Runs one case of the benchmarks a given number of times, for counting
//! instructions per request with callgrind, where wall-clock noise on a
//! shared machine hides a difference of 1%: `benches/instructions` runs
//! every case twice (two counts of iterations) under
//! `valgrind --tool=callgrind` and prints the difference per iteration, so
//! what a run does once (loading the locales, starting a runtime) cancels
//! out.
//!
//! Run with: `examples/storage-api/benches/instructions`
//! (or `cargo bench -p storage-api --bench count -- CASE ITERATIONS`).

use std::convert::Infallible;
use std::hint::black_box;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, Uri};
use bytes::BytesMut;
use tower::{Service, ServiceExt};

#[path = "support/bodies.rs"]
mod bodies;

use bodies::{ACCEPT_LANGUAGE_DE, ACCEPT_LANGUAGE_RU};

/// Headers the cache has never seen: one per iteration, made before the
/// count starts whatever the number of iterations, so both runs make the
/// same ones.
const UNCACHED: u64 = 20_000;

/// A request as hyper makes one: the URI and header values are slices of
/// the buffer the head was read into, so cloning them copies nothing.
struct Head {
    uri: Uri,
    accept_language: HeaderValue,
    /// A W3C `traceparent`, as a traced client sends on every request.
    traceparent: Option<HeaderValue>,
}

impl Head {
    fn new(path: &str) -> Self {
        let mut buffer = BytesMut::from(format!("{path}{}", bodies::ACCEPT_LANGUAGE_EN).as_bytes());
        let path = buffer.split_to(path.len()).freeze();
        let accept_language = buffer.split().freeze();
        Head {
            uri: Uri::from_maybe_shared(path).unwrap(),
            accept_language: HeaderValue::from_maybe_shared(accept_language).unwrap(),
            traceparent: None,
        }
    }

    fn traced(mut self) -> Self {
        self.traceparent = Some(HeaderValue::from_static(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ));
        self
    }

    fn request(&self) -> Request<Body> {
        let mut request = Request::new(Body::empty());
        *request.uri_mut() = self.uri.clone();
        request
            .headers_mut()
            .insert(header::ACCEPT_LANGUAGE, self.accept_language.clone());
        if let Some(traceparent) = &self.traceparent {
            request
                .headers_mut()
                .insert("traceparent", traceparent.clone());
        }
        request
    }
}

fn call<S>(runtime: &tokio::runtime::Runtime, router: &mut S, head: &Head) -> usize
where
    S: Service<Request<Body>, Response = axum::response::Response, Error = Infallible>,
{
    runtime.block_on(async {
        let request = head.request();
        let service = ServiceExt::<Request<Body>>::ready(router).await.unwrap();
        let response = service.call(request).await.unwrap();
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .len()
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (case, iterations) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [case, n, ..] if n.parse::<usize>().is_ok() => (case.to_owned(), n.parse().unwrap_or(0)),
        // `cargo bench` passes `--bench`: run every case a little.
        _ => {
            for case in bodies::CASES {
                run(case, 10);
            }
            println!("every case ran; count one with: count CASE ITERATIONS");
            return;
        }
    };
    run(&case, iterations);
}

/// What a service that operators watch installs: a subscriber that keeps
/// spans and writes log lines (to nowhere: the cost of formatting is the
/// subscriber's, and a 404 writes none), and the Prometheus recorder.
fn observe() {
    use tracing_subscriber::layer::SubscriberExt as _;
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::sink))
        .with(tracing_subscriber::filter::LevelFilter::INFO);
    tracing::subscriber::set_global_default(subscriber).unwrap();
    storage_api::telemetry::install_metrics().unwrap();
}

fn run(case: &str, iterations: usize) {
    let localizer = Arc::new(storage_api::localizer().unwrap());
    terror_core::Localizer::set_global(Arc::clone(&localizer));
    let headers = bodies::unseen_headers(UNCACHED, false);
    let offered = bodies::unseen_headers(UNCACHED, true);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut routes = storage_api::routes();
    let mut identity = storage_api::routes().layer(tower::layer::util::Identity::new());
    let mut layered =
        storage_api::routes().layer(terror_axum::ProblemLayer::new(Arc::clone(&localizer)));
    let mut wrapped =
        terror_axum::ProblemLayer::new(Arc::clone(&localizer)).layer(storage_api::routes());
    let mut handwritten = bodies::handwritten_routes();
    let mut terror = bodies::terror_routes(Arc::clone(&localizer));
    let mut terror_wrapped =
        terror_axum::ProblemLayer::new(Arc::clone(&localizer)).layer(bodies::terror_router());
    let (found, missing) = (Head::new("/volumes/db-01"), Head::new("/volumes/db-02"));
    let (found_traced, missing_traced) = (
        Head::new("/volumes/db-01").traced(),
        Head::new("/volumes/db-02").traced(),
    );
    if case == "error_terror_observed" {
        observe();
    }
    let mut total = 0_usize;
    for i in 0..iterations {
        total += match case {
            "render_baseline" => bodies::baseline(black_box("db-02")).len(),
            "render_terror_de" => bodies::terror(&localizer, black_box(ACCEPT_LANGUAGE_DE)).len(),
            "render_terror_ru" => bodies::terror(&localizer, black_box(ACCEPT_LANGUAGE_RU)).len(),
            "render_terror_en" => {
                bodies::terror(&localizer, black_box(bodies::ACCEPT_LANGUAGE_EN)).len()
            }
            "render_terror_unseen" => bodies::terror(&localizer, &headers[i % headers.len()]).len(),
            "render_terror_unseen_offered" => {
                bodies::terror(&localizer, &offered[i % offered.len()]).len()
            }
            "render_problem_details" => bodies::peer_problem_details(black_box("db-02")).len(),
            "render_http_api_problem" => bodies::peer_http_api_problem(black_box("db-02")).len(),
            "success_without_layer" => call(&runtime, &mut routes, &found),
            "success_identity_layer" => call(&runtime, &mut identity, &found),
            "success_with_layer" => call(&runtime, &mut layered, &found),
            "success_wrapped" => call(&runtime, &mut wrapped, &found),
            "success_wrapped_traced" => call(&runtime, &mut wrapped, &found_traced),
            "success_without_layer_traced" => call(&runtime, &mut routes, &found_traced),
            "error_handwritten" => call(&runtime, &mut handwritten, &missing),
            "error_terror" => call(&runtime, &mut terror, &missing),
            "error_terror_wrapped" => call(&runtime, &mut terror_wrapped, &missing),
            "error_terror_wrapped_traced" => call(&runtime, &mut terror_wrapped, &missing_traced),
            "error_terror_observed" => {
                // As a traced service answers: inside the request's span.
                let request = missing.request();
                let span = terror_axum::request_span(&request);
                let _entered = span.enter();
                call(&runtime, &mut terror_wrapped, &missing)
            }
            "error_storage_api" => call(&runtime, &mut layered, &missing),
            other => panic!("unknown case {other}; the cases: {:?}", bodies::CASES),
        };
    }
    black_box(total);
}
