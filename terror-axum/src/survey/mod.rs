//! Every value of the wrong kind in a JSON body, not only the first.
//!
//! serde stops at the first error, so a body with three fields of the wrong
//! kind would be answered one field at a time. When the first reading of a
//! body fails with a value of the wrong kind, [`every_type_error`] reads it
//! once more, through a deserializer ([`record::Recorder`]) that stands
//! between the target type and serde_json's. Wherever serde_json itself
//! would refuse a value because of its kind (a string where the type asks
//! for a number), the recorder notes a `request.wrong_type` at the value's
//! pointer, skips the value and gives the type a neutral one of the kind it
//! asked for ([`neutral`]: `0`, `""`, `false`, `null`, an empty array, an
//! object whose fields are all neutral), so that reading goes on to the
//! next value. Everything else (the visitor's own verdict on a value of the
//! right kind, enum variants, `deserialize_any`) goes through unchanged.
//!
//! The second reading ends like the first: when the type is built, or at
//! the first error the recorder does not judge (the terminal error). That
//! error is reported only when no neutral value can have caused it:
//! when its pointer is neither a substituted value's pointer, nor inside
//! one (a field of a neutral object), nor above one (an object whose own
//! check saw a neutral field). The rule assumes what serde's derived impls
//! and the types of serde and std do: that how a value is read depends on
//! that value and what it contains. A hand-written `Deserialize` that reads
//! one field to decide how to read a sibling can see a neutral value there
//! and report the sibling.
//!
//! The work is bounded: one more reading of a body that is already limited
//! in size, at most [`MAX_SUB_ERRORS`] recorded values (the reading stops
//! at the next one: a problem would not show it), and a budget of neutral
//! values.

mod key;
mod neutral;
mod record;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use serde::de::DeserializeOwned;
use terror_core::{json_pointer, SubError, MAX_SUB_ERRORS};

use crate::errors::RequestError;
use crate::recognize::{self, strip_position, value_error, value_pointer, Reason};

/// The neutral values one survey may make, nested ones included: a type
/// whose neutral value is huge (a tuple of a thousand tuples) ends the
/// survey instead of the server's memory.
const NEUTRAL_BUDGET: usize = 4096;

/// How deep neutral values nest (a struct whose field is a struct...); a
/// type that nests deeper, such as one that contains itself, ends the
/// survey.
const NEUTRAL_DEPTH: usize = 32;

/// The text of the error that ends a survey which recorded all a problem
/// can show; never shown, never logged.
const ENOUGH: &str = "terror: enough values of the wrong kind recorded";

/// Reads `bytes`, which failed to deserialize into `T` with a value of the
/// wrong kind, once more, and returns the problem listing every value of
/// the wrong kind and the terminal error when it stands (see the module's
/// documentation). `None` when the second reading substituted nothing: the
/// first reading's error is then the whole story.
pub(crate) fn every_type_error<T: DeserializeOwned>(bytes: &[u8]) -> Option<RequestError> {
    let state = State::default();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let result = T::deserialize(record::Recorder::new(
        &mut deserializer,
        &state,
        &Path::Root,
    ))
    .and_then(|_| deserializer.end());
    let State {
        mismatches,
        failed_at,
        stopped,
        ..
    } = state;
    let mismatches = mismatches.into_inner();
    if mismatches.is_empty() {
        return None;
    }
    let mut errors: Vec<SubError> = mismatches
        .iter()
        .map(|m| {
            let reason = Reason::WrongType {
                expected: m.expected,
                found: m.found,
            };
            value_error(reason, "", &m.pointer)
        })
        .collect();
    match result {
        Err(_) if stopped.get() => {}
        Err(error) if error.classify() != serde_json::error::Category::Data => {
            // A body that stops being JSON after its first wrong value.
            return Some(RequestError::MalformedJson {
                line: error.line(),
                column: error.column(),
            });
        }
        Err(error) => {
            let message = strip_position(&error.to_string());
            let reason = recognize::message(&message);
            let raised_at = failed_at.into_inner().unwrap_or_default();
            let shown_at = value_pointer(&reason, &raised_at);
            if mismatches.iter().any(|m| related(&m.pointer, &shown_at)) {
                tracing::debug!(
                    pointer = %shown_at,
                    "terror: an error after a substituted value is left out; it may be its consequence"
                );
            } else {
                errors.push(value_error(reason, &message, &raised_at));
            }
        }
        Ok(()) => {}
    }
    Some(RequestError::InvalidBody { errors })
}

/// Whether one pointer is the other or inside it, segment by segment.
fn related(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    within(a, b) || within(b, a)
}

/// A value of the wrong kind, and where.
struct Mismatch {
    pointer: String,
    expected: &'static str,
    found: &'static str,
}

/// What a survey has found so far, shared by every level of the recorder.
#[derive(Default)]
struct State {
    mismatches: RefCell<Vec<Mismatch>>,
    /// Where the error now travelling up was raised; cleared when a level
    /// returns a value (the error was caught below it).
    failed_at: RefCell<Option<String>>,
    /// Set when the recorder ended the survey with [`ENOUGH`].
    stopped: Cell<bool>,
    /// Neutral values made so far.
    neutral_made: Cell<usize>,
}

impl State {
    /// Notes a value of the wrong kind; `false` (and the survey ends) when
    /// a problem could not show one more.
    fn record(&self, path: &Path<'_>, expected: &'static str, found: &'static str) -> bool {
        let mut mismatches = self.mismatches.borrow_mut();
        if mismatches.len() >= MAX_SUB_ERRORS {
            self.stopped.set(true);
            return false;
        }
        mismatches.push(Mismatch {
            pointer: path.pointer(),
            expected,
            found,
        });
        true
    }

    /// Notes where an error was raised, unless a level below already did.
    fn failed(&self, path: &Path<'_>) {
        let mut failed_at = self.failed_at.borrow_mut();
        if failed_at.is_none() {
            *failed_at = Some(path.pointer());
        }
    }

    /// The result of reading the value at `path`, noting where it failed.
    fn settle<T, E>(&self, path: &Path<'_>, result: Result<T, E>) -> Result<T, E> {
        match &result {
            Ok(_) => {
                let mut failed_at = self.failed_at.borrow_mut();
                if failed_at.is_some() {
                    *failed_at = None;
                }
            }
            Err(_) => self.failed(path),
        }
        result
    }
}

/// Where the recorder is in the body: a chain from the value being read up
/// to the root, built on the stack as the reading descends. It follows
/// serde_path_to_error's segments, which the first reading's pointers come
/// from: an enum's variant adds none.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The RFC 6901 pointer to the value.
    fn pointer(&self) -> String {
        let mut segments: Vec<Cow<'_, str>> = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    segments.push(Cow::Borrowed(key));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    segments.push(Cow::Owned(index.to_string()));
                    at = parent;
                }
            }
        }
        json_pointer(segments.iter().rev())
    }
}

#[cfg(test)]
mod tests;
