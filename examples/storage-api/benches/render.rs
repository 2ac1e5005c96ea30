//! Rendering one localized error from a raw `Accept-Language` header, beside
//! a hand-written English-only baseline that builds the same body with
//! `format!`, a `#[derive(Serialize)]` struct and `serde_json::to_vec`, and
//! beside two peers building the same English body: problem_details and
//! http-api-problem (neither localizes).
//!
//! Criterion measures each case on its own, one after another, so on a
//! shared machine a case measured while something else runs looks slower
//! than it is, and the ratios of two cases move by a third from run to
//! run. So the benchmark ends with paired rounds: every round runs each
//! case for a few milliseconds, in an order that turns from round to
//! round, and the ratio of each case to the baseline is taken within the
//! round; what else the machine is doing then slows both sides of a ratio
//! alike. It prints each case's median time per render and the median (and
//! range) of its per-round ratios.
//!
//! Run with: `cargo bench -p storage-api --bench render` (`-- paired` runs
//! the paired rounds alone; `RENDER_ROUNDS`, 41 unless set, and
//! `RENDER_ROUND_MS`, 5 unless set, change their number and length).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use storage_api::errors::{PoolError, VolumeError};

#[path = "support/bodies.rs"]
mod bodies;
#[path = "support/paired.rs"]
mod paired;
#[path = "support/stats.rs"]
mod stats;

use paired::{batched, Case};
use stats::env_number;

use bodies::{ACCEPT_LANGUAGE_DE, ACCEPT_LANGUAGE_EN, ACCEPT_LANGUAGE_RU};

fn render(c: &mut Criterion) {
    let localizer = storage_api::localizer().unwrap();

    // The same body on every side, in English.
    let ours: serde_json::Value =
        serde_json::from_slice(&bodies::terror(&localizer, ACCEPT_LANGUAGE_EN)).unwrap();
    for theirs in [
        bodies::baseline("db-02"),
        bodies::peer_problem_details("db-02"),
        bodies::peer_http_api_problem("db-02"),
    ] {
        let theirs: serde_json::Value = serde_json::from_slice(&theirs).unwrap();
        assert_eq!(ours, theirs);
    }
    let german: serde_json::Value =
        serde_json::from_slice(&bodies::terror(&localizer, ACCEPT_LANGUAGE_DE)).unwrap();
    assert_eq!(german["title"], "Volume nicht gefunden", "{german}");

    let mut group = c.benchmark_group("render_error");
    group.bench_function("baseline_format_serialize_en", |b| {
        b.iter(|| bodies::baseline(black_box("db-02")));
    });
    group.bench_function("peer_problem_details_en", |b| {
        b.iter(|| bodies::peer_problem_details(black_box("db-02")));
    });
    group.bench_function("peer_http_api_problem_en", |b| {
        b.iter(|| bodies::peer_http_api_problem(black_box("db-02")));
    });
    for (name, header) in [
        ("terror_accept_language_de", ACCEPT_LANGUAGE_DE),
        ("terror_accept_language_en", ACCEPT_LANGUAGE_EN),
        ("terror_accept_language_ru", ACCEPT_LANGUAGE_RU),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| bodies::terror(&localizer, black_box(header)));
        });
    }
    // Headers no cache has seen, then the render: with a language nobody
    // offers (parsed, then left out), and with a variant of an offered one
    // (parsed and weighed by fluent-langneg in full).
    let headers = bodies::unseen_headers(1 << 16, false);
    let mut next = 0;
    group.bench_function("terror_unseen_header", |b| {
        b.iter(|| {
            next = (next + 1) % headers.len();
            bodies::terror(&localizer, black_box(&headers[next]))
        });
    });
    let offered = bodies::unseen_headers(1 << 16, true);
    let mut next = 0;
    group.bench_function("terror_unseen_header_offered_language", |b| {
        b.iter(|| {
            next = (next + 1) % offered.len();
            bodies::terror(&localizer, black_box(&offered[next]))
        });
    });
    group.finish();

    // The parts, for finding where time goes.
    let mut parts = c.benchmark_group("render_parts");
    parts.bench_function("negotiate_cached", |b| {
        b.iter(|| localizer.negotiate(None, black_box(Some(ACCEPT_LANGUAGE_RU))));
    });
    let mut next = 0;
    parts.bench_function("negotiate_uncached", |b| {
        b.iter(|| {
            next = (next + 1) % headers.len();
            localizer.negotiate(None, black_box(Some(offered[next].as_str())))
        });
    });
    let in_use = VolumeError::InUse {
        name: "db-01".into(),
        hosts: 3,
    };
    let capacity = PoolError::CapacityExceeded {
        pool: "fast".into(),
        requested_gb: 900,
        available_gb: 850,
    };
    let chain = localizer.negotiate(None, Some(ACCEPT_LANGUAGE_RU));
    parts.bench_function("render_plural_ru", |b| {
        b.iter(|| localizer.render(black_box(&in_use), &chain).to_json());
    });
    parts.bench_function("render_three_args_ru", |b| {
        b.iter(|| localizer.render(black_box(&capacity), &chain).to_json());
    });
    parts.finish();
}

/// Whether the paired rounds run: unless a filter that does not name them
/// was given (criterion's own cases then run alone).
fn paired_wanted() -> bool {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    filter.is_none_or(|f| "paired".contains(f.as_str()))
}

/// The paired rounds (see the top of this file).
fn paired(_: &mut Criterion) {
    if !paired_wanted() {
        return;
    }
    let rounds = env_number("RENDER_ROUNDS", 41).max(1);
    let round = Duration::from_millis(env_number("RENDER_ROUND_MS", 5).max(1));
    let localizer = storage_api::localizer().unwrap();
    let headers = bodies::unseen_headers(1 << 16, false);
    let offered = bodies::unseen_headers(1 << 16, true);
    let (mut next, mut next_offered) = (0, 0);
    let mut cases: Vec<Case<'_>> = vec![
        batched("baseline_format_serialize_en", || {
            bodies::baseline(black_box("db-02")).len()
        }),
        batched("peer_problem_details_en", || {
            bodies::peer_problem_details(black_box("db-02")).len()
        }),
        batched("peer_http_api_problem_en", || {
            bodies::peer_http_api_problem(black_box("db-02")).len()
        }),
        batched("terror_accept_language_de", || {
            bodies::terror(&localizer, black_box(ACCEPT_LANGUAGE_DE)).len()
        }),
        batched("terror_accept_language_en", || {
            bodies::terror(&localizer, black_box(ACCEPT_LANGUAGE_EN)).len()
        }),
        batched("terror_unseen_header", || {
            next = (next + 1) % headers.len();
            bodies::terror(&localizer, black_box(&headers[next])).len()
        }),
        batched("terror_unseen_header_offered_language", || {
            next_offered = (next_offered + 1) % offered.len();
            bodies::terror(&localizer, black_box(&offered[next_offered])).len()
        }),
    ];
    paired::run(&mut cases, rounds, round);
}

criterion_group!(benches, render, paired);
criterion_main!(benches);
