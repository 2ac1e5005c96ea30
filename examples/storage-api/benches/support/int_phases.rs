//! Where the integer case's render spends its time: each step of
//! `int_args::terror` timed alone, beside `format!` of the same detail,
//! and the whole without the two steps the hand-written body has no part
//! of, making the error and negotiating the header
//! (`RENDER_INT_PHASES=1`). Each figure is the best of seven runs of
//! 200,000 calls, so a loaded machine inflates it less than a mean would.

use std::hint::black_box;
use std::time::Instant;

use terror_core::{Localizer, RequestInfo, Terror};

use super::bodies::ACCEPT_LANGUAGE_EN;
use super::int_args::{self, DiskError};

fn best_of_seven(name: &str, mut step: impl FnMut() -> usize) {
    const CALLS: u32 = 200_000;
    let mut best = f64::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        let mut sink = 0;
        for _ in 0..CALLS {
            sink += step();
        }
        black_box(sink);
        best = best.min(start.elapsed().as_secs_f64() * 1e9 / f64::from(CALLS));
    }
    println!("{name:<54} {best:>7.1} ns");
}

fn error() -> DiskError {
    DiskError::Full {
        disk: black_box("d1").to_owned(),
        free_gb: black_box(12),
    }
}

/// Prints the time of each step.
pub(crate) fn run(localizer: &Localizer) {
    let chain = localizer.negotiate(None, Some(ACCEPT_LANGUAGE_EN));
    let request = RequestInfo {
        instance: None,
        request_id: Some("7f3c9a"),
        trace_id: None,
    };
    best_of_seven("by hand: the whole body", || {
        int_args::handwritten(black_box("d1"), black_box(12)).len()
    });
    best_of_seven("by hand: format! of the detail", || {
        format!(
            "Disk {} has only {} GB free.",
            black_box("d1"),
            black_box(12_u64)
        )
        .len()
    });
    best_of_seven("terror: the whole body", || {
        int_args::terror(localizer, black_box(ACCEPT_LANGUAGE_EN), "d1", 12).len()
    });
    best_of_seven("terror: negotiate the header", || {
        localizer
            .negotiate(None, Some(black_box(ACCEPT_LANGUAGE_EN)))
            .locales()
            .len()
    });
    best_of_seven("terror: make and drop the error", || {
        let error = error();
        black_box(&error);
        1
    });
    best_of_seven("terror: the error's args", || {
        black_box(&error()).args().len()
    });
    let error = error();
    let args = error.args();
    best_of_seven("terror: look up and render the detail", || {
        localizer
            .format(&chain, black_box("disk-full"), None, &args)
            .map_or(0, |f| f.text.len())
    });
    best_of_seven("terror: render the problem (make, drop error)", || {
        let error = self::error();
        localizer
            .render_request(&error, &chain, request)
            .detail()
            .len()
    });
    let problem = localizer.render_request(&error, &chain, request);
    best_of_seven("terror: write the problem's JSON", || {
        black_box(&problem).to_json().len()
    });
    // The whole body less what the hand-written side never does: making
    // the error (its `String`) and negotiating a raw header.
    best_of_seven("terror: render and write (error made once)", || {
        localizer
            .render_request(black_box(&error), &chain, request)
            .to_json()
            .len()
    });
    // The whole body less making the error alone: what a service pays to
    // answer an error it already has, from the raw header.
    best_of_seven(
        "terror: negotiate, render and write (error made once)",
        || int_args::answer(localizer, black_box(ACCEPT_LANGUAGE_EN), black_box(&error)).len(),
    );
    best_of_seven("terror: make the error, render and write", || {
        let error = self::error();
        localizer
            .render_request(&error, &chain, request)
            .to_json()
            .len()
    });
}
