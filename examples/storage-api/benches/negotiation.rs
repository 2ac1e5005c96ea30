//! Language negotiation under hostile traffic: every request carries an
//! `Accept-Language` header the cache has never seen, on one thread and on
//! two threads sharing one localizer. Throughput must not collapse when
//! the threads contend for the cache.
//!
//! Run with: `cargo bench -p storage-api --bench negotiation`

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use terror_core::Localizer;

#[path = "support/bodies.rs"]
mod bodies;

/// A header no earlier request sent: German with a unique, well-formed
/// variant subtag of five to eight letters (so that it parses, names a
/// language the service has, and negotiation cannot be skipped) among real
/// ones, as a flood of distinct headers looks.
fn unique_header(n: u64) -> String {
    format!("de-{}, de-CH;q=0.9, en;q=0.5", bodies::unique_tag(n))
}

/// Negotiates `per_thread` unique headers on each of `threads` threads at
/// once; returns the wall-clock time of the whole batch.
fn batch(localizer: &Localizer, next: &AtomicU64, threads: u64, per_thread: u64) -> Duration {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..per_thread {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let header = unique_header(n);
                    black_box(localizer.negotiate(None, Some(&header)));
                }
            });
        }
    });
    start.elapsed()
}

fn negotiation(c: &mut Criterion) {
    let localizer = storage_api::localizer().expect("the example's locales load");
    let next = AtomicU64::new(0);
    let mut group = c.benchmark_group("unique_headers");
    for threads in [1_u64, 2] {
        // Throughput is per negotiation: two threads should do about twice
        // as many per second as one, never fewer.
        group.throughput(Throughput::Elements(threads));
        group.bench_function(format!("threads_{threads}"), |b| {
            b.iter_custom(|iters| batch(&localizer, &next, threads, iters));
        });
    }
    group.finish();
}

criterion_group!(benches, negotiation);
criterion_main!(benches);
