//! The error counter: one increment per reported error, labelled by code,
//! status and transport, and never with a code the program did not
//! declare.
#![cfg(feature = "metrics")]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use metrics::{
    Counter, CounterFn, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit,
};
use terror_core::observe::{report, Answered, KnownCodes, Reporting};
use terror_core::{GrpcCode, StatusCode, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk")]
enum DiskError {
    #[error("disk {name} missing")]
    #[terror(status = 404)]
    Missing { name: String },
    #[error("disk broken")]
    #[terror(status = 503)]
    Broken,
}

/// An error written by hand, its code whatever it is given.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct HandWritten(String);

impl Terror for HandWritten {
    fn code(&self) -> &str {
        &self.0
    }
    fn status(&self) -> StatusCode {
        StatusCode::UNAUTHORIZED
    }
}

terror_core::__private::inventory::submit! {
    KnownCodes(&["legacy.token_expired"])
}

/// Counts increments by the counter's name and labels.
#[derive(Default)]
struct Counts(Mutex<BTreeMap<String, Arc<Count>>>);

#[derive(Default)]
struct Count(AtomicU64);

impl CounterFn for Count {
    fn increment(&self, value: u64) {
        self.0.fetch_add(value, Ordering::Relaxed);
    }
    fn absolute(&self, value: u64) {
        self.0.fetch_max(value, Ordering::Relaxed);
    }
}

impl Recorder for Counts {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        let labels: Vec<String> = key
            .labels()
            .map(|l| format!("{}={}", l.key(), l.value()))
            .collect();
        let name = format!("{}{{{}}}", key.name(), labels.join(","));
        let count = Arc::clone(self.0.lock().unwrap().entry(name).or_default());
        Counter::from_arc(count)
    }
    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }
    fn register_histogram(&self, _: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::noop()
    }
}

impl Counts {
    fn snapshot(&self) -> BTreeMap<String, u64> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(|(name, count)| (name.clone(), count.0.load(Ordering::Relaxed)))
            .collect()
    }
}

#[test]
fn each_reported_error_is_counted_once_under_bounded_labels() {
    let counts = Counts::default();
    let over_grpc = |code| Answered {
        grpc_code: Some(code),
        ..Answered::default()
    };
    metrics::with_local_recorder(&counts, || {
        let missing = DiskError::Missing {
            name: "db-02\n{evil}".into(),
        };
        for _ in 0..3 {
            report(&missing, Answered::default(), Reporting::default());
        }
        report(
            &DiskError::Broken,
            Answered::default(),
            Reporting::default(),
        );
        report(
            &missing,
            over_grpc(GrpcCode::NOT_FOUND),
            Reporting::default(),
        );
        report(
            &DiskError::Broken,
            over_grpc(GrpcCode::UNAVAILABLE),
            Reporting::default(),
        );
        // A hand-written error's code counts under its name only when the
        // program registered it; free text never becomes a label.
        report(
            &HandWritten("legacy.token_expired".into()),
            Answered::default(),
            Reporting::default(),
        );
        for text in ["free text 1", "free text 2", "<script>"] {
            report(
                &HandWritten(text.into()),
                Answered::default(),
                Reporting::default(),
            );
        }
    });
    let expected: BTreeMap<String, u64> = [
        (
            "terror_errors_total{code=disk.missing,status=404,transport=http}",
            3,
        ),
        (
            "terror_errors_total{code=disk.broken,status=503,transport=http}",
            1,
        ),
        (
            "terror_errors_total{code=disk.missing,status=404,transport=grpc,grpc_code=NOT_FOUND}",
            1,
        ),
        (
            "terror_errors_total{code=disk.broken,status=503,transport=grpc,grpc_code=UNAVAILABLE}",
            1,
        ),
        (
            "terror_errors_total{code=legacy.token_expired,status=401,transport=http}",
            1,
        ),
        (
            "terror_errors_total{code=unregistered,status=401,transport=http}",
            3,
        ),
    ]
    .into_iter()
    .map(|(name, count)| (name.to_owned(), count))
    .collect();
    assert_eq!(counts.snapshot(), expected);
}
