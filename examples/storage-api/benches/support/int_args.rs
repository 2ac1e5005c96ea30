//! The render benchmark's integer case: an error with a string and an
//! integer arg, a title and neither hint nor instance, rendered by terror
//! and written by hand with `format!` and a `#[derive(Serialize)]` struct.

use serde::Serialize;
use terror_core::{Localizer, RequestInfo, Terror};

/// The error, with messages of its own (`benches/locales`).
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk", locales = "benches/locales")]
pub(crate) enum DiskError {
    #[error("disk {disk} has {free_gb} GB free")]
    #[terror(status = CONFLICT)]
    Full { disk: String, free_gb: u64 },
}

const REQUEST_ID: &str = "7f3c9a";

/// A localizer of the case's messages.
pub(crate) fn localizer() -> Localizer {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("benches/locales"))
        .problem_type_base("/errors/")
        .build()
        .unwrap()
}

/// terror: negotiates the raw header and renders the error to JSON.
pub(crate) fn terror(
    localizer: &Localizer,
    accept_language: &str,
    disk: &str,
    free_gb: u64,
) -> Vec<u8> {
    let error = DiskError::Full {
        disk: disk.to_owned(),
        free_gb,
    };
    answer(localizer, accept_language, &error)
}

/// terror, for an error the service already has: negotiates the raw
/// header and renders the error to JSON.
pub(crate) fn answer(localizer: &Localizer, accept_language: &str, error: &DiskError) -> Vec<u8> {
    let chain = localizer.negotiate(None, Some(accept_language));
    let request = RequestInfo {
        instance: None,
        request_id: Some(REQUEST_ID),
        trace_id: None,
    };
    localizer.render_request(error, &chain, request).to_json()
}

#[derive(Serialize)]
struct Args<'a> {
    disk: &'a str,
    free_gb: u64,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_uri: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    code: &'static str,
    args: Args<'a>,
    request_id: &'a str,
}

/// The same body in English, by hand.
pub(crate) fn handwritten(disk: &str, free_gb: u64) -> Vec<u8> {
    let body = Body {
        type_uri: "/errors/disk.full",
        title: "Disk full",
        status: 409,
        detail: format!("Disk {disk} has only {free_gb} GB free."),
        code: "disk.full",
        args: Args { disk, free_gb },
        request_id: REQUEST_ID,
    };
    serde_json::to_vec(&body).unwrap()
}
