//! Capturing what a test's requests tell `tracing`: each event's fields,
//! and each span's fields as they were when it closed. Shared by
//! terror-axum's tests and terror-tonic's.

#![allow(unreachable_pub)] // Included as a module of each test crate.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// A span or an event: its name (an event's is its level) and fields, each
/// as `Debug` shows it (a string in quotes, a number without).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub name: String,
    pub fields: BTreeMap<String, String>,
}

impl Seen {
    /// A field, as `Debug` showed it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// Asserts that each field was seen with its value.
    pub fn assert_fields(&self, expected: &[(&str, &str)]) {
        for (field, value) in expected {
            assert_eq!(self.get(field), Some(*value), "{field} of {self:#?}");
        }
    }
}

/// What one test saw.
#[derive(Debug, Default)]
pub struct Captured {
    pub events: Vec<Seen>,
    pub spans: Vec<Seen>,
}

impl Captured {
    /// The one span named `name`; fails the test if there is none or more.
    pub fn span(&self, name: &str) -> &Seen {
        let spans: Vec<&Seen> = self.spans.iter().filter(|s| s.name == name).collect();
        assert_eq!(spans.len(), 1, "one `{name}` span in {self:#?}");
        spans[0]
    }

    /// The events terror reported an error with (those with a `code`).
    pub fn terror_events(&self) -> Vec<&Seen> {
        self.events
            .iter()
            .filter(|e| e.get("code").is_some())
            .collect()
    }
}

thread_local! {
    static CAPTURED: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Runs `future` on this thread and returns what it told `tracing`.
///
/// One global subscriber captures for every test; each test reads only its
/// own thread's.
pub fn capture<T>(future: impl std::future::Future<Output = T>) -> (T, Captured) {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        let subscriber = tracing_subscriber::registry()
            .with(Capture)
            .with(tracing_subscriber::filter::LevelFilter::TRACE);
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
    CAPTURED.with(|c| *c.borrow_mut() = Some(Captured::default()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let result = runtime.block_on(future);
    drop(runtime);
    let captured = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (result, captured)
}

struct Capture;

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        if let Some(span) = context.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        if let Some(span) = context.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(fields);
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, _context: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let seen = Seen {
            name: event.metadata().level().to_string(),
            fields: fields.0,
        };
        CAPTURED.with(|c| {
            if let Some(captured) = c.borrow_mut().as_mut() {
                captured.events.push(seen);
            }
        });
    }

    fn on_close(&self, id: Id, context: Context<'_, S>) {
        let Some(span) = context.span(&id) else {
            return;
        };
        let fields = span.extensions_mut().remove::<Fields>().unwrap_or_default();
        let seen = Seen {
            name: span.name().to_owned(),
            fields: fields.0,
        };
        CAPTURED.with(|c| {
            if let Some(captured) = c.borrow_mut().as_mut() {
                captured.spans.push(seen);
            }
        });
    }
}
