//! Rendering one localized error from a raw `Accept-Language` header, beside
//! a hand-written English-only baseline that builds the same body with
//! `format!`, a `#[derive(Serialize)]` struct and `serde_json::to_vec`, and
//! beside two peers building the same English body: problem_details and
//! http-api-problem (neither localizes).
//!
//! Run with: `cargo bench -p storage-api`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Serialize;
use storage_api::errors::{PoolError, VolumeError};
use terror_core::{Localizer, RequestInfo};

const ACCEPT_LANGUAGE: &str = "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7";
const ACCEPT_LANGUAGE_EN: &str = "en-US,en;q=0.9";

#[derive(Serialize)]
struct Args<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_uri: String,
    title: &'a str,
    status: u16,
    detail: String,
    instance: &'a str,
    code: &'a str,
    args: Args<'a>,
    hint: &'a str,
    request_id: &'a str,
}

/// What a service without terror writes by hand: English only.
fn baseline(name: &str) -> Vec<u8> {
    let body = Body {
        type_uri: format!("https://storage.example.com/errors/{}", "volume.not_found"),
        title: "Volume not found",
        status: 404,
        detail: format!("Volume {name} was not found."),
        instance: "/volumes/db-02",
        code: "volume.not_found",
        args: Args { name },
        hint: "List existing volumes with GET /volumes.",
        request_id: "7f3c9a",
    };
    serde_json::to_vec(&body).unwrap()
}

/// The extension members of the body, for the peers.
#[derive(Serialize)]
struct Extensions<'a> {
    code: &'a str,
    args: Args<'a>,
    hint: &'a str,
    request_id: &'a str,
}

/// The same body with problem_details.
fn peer_problem_details(name: &str) -> Vec<u8> {
    let type_uri: axum::http::Uri =
        format!("https://storage.example.com/errors/{}", "volume.not_found")
            .parse()
            .unwrap();
    let problem = problem_details::ProblemDetails::new()
        .with_type(type_uri)
        .with_title("Volume not found")
        .with_status(axum::http::StatusCode::NOT_FOUND)
        .with_detail(format!("Volume {name} was not found."))
        .with_instance(axum::http::Uri::from_static("/volumes/db-02"))
        .with_extensions(Extensions {
            code: "volume.not_found",
            args: Args { name },
            hint: "List existing volumes with GET /volumes.",
            request_id: "7f3c9a",
        });
    serde_json::to_vec(&problem).unwrap()
}

/// The same body with http-api-problem.
fn peer_http_api_problem(name: &str) -> Vec<u8> {
    http_api_problem::HttpApiProblem::new(axum::http::StatusCode::NOT_FOUND)
        .type_url(format!(
            "https://storage.example.com/errors/{}",
            "volume.not_found"
        ))
        .title("Volume not found")
        .detail(format!("Volume {name} was not found."))
        .instance("/volumes/db-02")
        .value("code", &"volume.not_found")
        .value("args", &Args { name })
        .value("hint", &"List existing volumes with GET /volumes.")
        .value("request_id", &"7f3c9a")
        .json_bytes()
}

fn terror(localizer: &Localizer, accept_language: &str, error: &VolumeError) -> Vec<u8> {
    let chain = localizer.negotiate(None, Some(accept_language));
    let request = RequestInfo {
        instance: Some("/volumes/db-02"),
        request_id: Some("7f3c9a"),
    };
    localizer.render_request(error, &chain, request).to_json()
}

fn render(c: &mut Criterion) {
    let localizer = storage_api::localizer().unwrap();
    let not_found = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let in_use = VolumeError::InUse {
        name: "db-01".into(),
        hosts: 3,
    };

    // Same logical body on both sides.
    let ours: serde_json::Value =
        serde_json::from_slice(&terror(&localizer, ACCEPT_LANGUAGE_EN, &not_found)).unwrap();
    let theirs: serde_json::Value = serde_json::from_slice(&baseline("db-02")).unwrap();
    assert_eq!(ours, theirs);
    for peer in [
        peer_problem_details("db-02"),
        peer_http_api_problem("db-02"),
    ] {
        let peer: serde_json::Value = serde_json::from_slice(&peer).unwrap();
        assert_eq!(ours, peer);
    }

    let mut group = c.benchmark_group("render_error");
    group.bench_function("baseline_format_serialize_en", |b| {
        b.iter(|| baseline(black_box("db-02")));
    });
    group.bench_function("peer_problem_details_en", |b| {
        b.iter(|| peer_problem_details(black_box("db-02")));
    });
    group.bench_function("peer_http_api_problem_en", |b| {
        b.iter(|| peer_http_api_problem(black_box("db-02")));
    });
    group.bench_function("terror_accept_language_ru", |b| {
        b.iter(|| {
            terror(
                &localizer,
                black_box(ACCEPT_LANGUAGE),
                black_box(&not_found),
            )
        });
    });
    group.bench_function("terror_accept_language_en", |b| {
        b.iter(|| {
            terror(
                &localizer,
                black_box(ACCEPT_LANGUAGE_EN),
                black_box(&not_found),
            )
        });
    });
    group.bench_function("terror_plural_ru", |b| {
        b.iter(|| terror(&localizer, black_box(ACCEPT_LANGUAGE), black_box(&in_use)));
    });
    group.finish();

    // The parts, for finding where time goes.
    let mut parts = c.benchmark_group("render_parts");
    parts.bench_function("negotiate_cached", |b| {
        b.iter(|| localizer.negotiate(None, black_box(Some(ACCEPT_LANGUAGE))));
    });
    // A header never seen before, with a well-formed tag of its own (so
    // that no cache level has it): parsing, fluent-langneg filtering and
    // the cache inserts. This is what the caches save on a repeated header.
    let headers: Vec<String> = (0..4096_u32)
        .map(|i| {
            let tag: String = (0..5)
                .map(|k| char::from(b'a' + u8::try_from((i >> (3 * k)) % 26).unwrap_or(0)))
                .collect();
            format!("ru-RU,ru;q=0.9,{tag};q=0.1")
        })
        .collect();
    let mut next = 0;
    parts.bench_function("negotiate_uncached", |b| {
        b.iter(|| {
            next = (next + 1) % headers.len();
            localizer.negotiate(None, black_box(Some(headers[next].as_str())))
        });
    });
    let capacity = PoolError::CapacityExceeded {
        pool: "fast".into(),
        requested_gb: 900,
        available_gb: 850,
    };
    let chain = localizer.negotiate(None, Some(ACCEPT_LANGUAGE));
    parts.bench_function("render_three_args_ru", |b| {
        b.iter(|| localizer.render(black_box(&capacity), &chain).to_json());
    });
    parts.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
