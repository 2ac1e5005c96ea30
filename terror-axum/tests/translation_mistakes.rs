//! Translation mistakes at run time: a service that ships a misspelled
//! variable, a missing plural variant or a missing message learns of each
//! from one log line, written by the first request that meets it (with its
//! request id), not one per request.

mod support;

use std::fmt::Write as _;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Path;
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use support::{send, with_logs};
use terror_axum::ProblemLayer;
use terror_core::{Localizer, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "order")]
enum OrderError {
    #[error("order {id} not found")]
    #[terror(status = 404)]
    NotFound { id: String },
    #[error("{count} items out of stock")]
    #[terror(status = 409)]
    OutOfStock { count: u32 },
    #[error("order {id} was cancelled")]
    #[terror(status = 410)]
    Cancelled { id: String },
}

const EN: &str = "\
order-not-found = Order { $id } was not found.
order-out-of-stock = { $count ->
        [one] { $count } item is
       *[other] { $count } items are
    } out of stock.
order-cancelled = Order { $id } was cancelled.
";

/// Three mistakes a careless translator makes: `$idd` for `$id`, no
/// `[few]` (so 3 takes the default `[many]` form), and no
/// `order-cancelled` at all.
const RU: &str = "\
order-not-found = Заказ { $idd } не найден.
order-out-of-stock = { $count ->
        [one] Нет { $count } товара
       *[many] Нет { $count } товаров
    }.
";

fn app() -> Router {
    app_with(RU)
}

/// The service, its Russian messages `ru`.
fn app_with(ru: &str) -> Router {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .source("en-US", "locales/en-US/orders.ftl", EN)
        .source("ru", "locales/ru/orders.ftl", ru)
        .build()
        .unwrap();
    let routes = Router::new()
        .route(
            "/orders/{id}",
            get(|Path(id): Path<String>| async move { Err::<(), _>(OrderError::NotFound { id }) }),
        )
        .route(
            "/stock/{count}",
            get(|Path(count): Path<u32>| async move { Err::<(), _>(OrderError::OutOfStock { count }) }),
        )
        .route(
            "/cancelled/{id}",
            get(|Path(id): Path<String>| async move { Err::<(), _>(OrderError::Cancelled { id }) }),
        );
    Router::new()
        .merge(routes)
        .layer(ProblemLayer::new(Arc::new(localizer)))
}

fn get_ru(uri: &str, request_id: &str) -> Request<Body> {
    Request::get(uri)
        .header("accept-language", "ru")
        .header("x-request-id", request_id)
        .body(Body::empty())
        .unwrap()
}

/// The details the service answers `uris` with in Russian, the n-th
/// request with the id `req-n`, and the log lines written meanwhile.
fn details_in_russian(app: &Router, uris: &[&str]) -> (Vec<String>, String) {
    with_logs(async {
        let mut details = Vec::new();
        for (n, uri) in uris.iter().enumerate() {
            let reply = send(app.clone(), get_ru(uri, &format!("req-{n}"))).await;
            details.push(reply.json()["detail"].as_str().unwrap().to_owned());
        }
        details
    })
}

/// The warning lines about translations, without their timestamps.
fn warnings(logs: &str) -> Vec<&str> {
    logs.lines()
        .filter(|l| l.contains(" WARN ") && l.contains("locale=ru"))
        .map(|l| &l[l.find("WARN").unwrap()..])
        .collect()
}

#[test]
fn each_mistake_is_logged_once_with_the_request_that_met_it() {
    let (details, logs) = details_in_russian(
        &app(),
        &[
            "/orders/o-1",
            "/orders/o-2",
            "/stock/3",
            "/stock/4",
            "/cancelled/o-3",
            "/cancelled/o-4",
        ],
    );
    // What clients got: the mistakes are visible, and nothing failed.
    assert_eq!(
        details,
        [
            "Заказ … не найден.",
            "Заказ … не найден.",
            "Нет 3 товаров.",
            "Нет 4 товаров.",
            "Order o-3 was cancelled.",
            "Order o-4 was cancelled.",
        ]
    );
    // What the operator reads: one line per mistake, from the first
    // request that met it.
    assert_eq!(
        warnings(&logs),
        [
            "WARN terror_core::localizer::mistakes: terror: a message uses variables the error \
             does not have; they render as `…` (logged once per message and locale) \
             locale=ru message_id=\"order-not-found\" request_id=\"req-0\" variables=[\"idd\"]",
            "WARN terror_core::localizer::mistakes: terror: a plural select has no variant for \
             this category; its default variant was used (logged once per message and locale) \
             locale=ru message_id=\"order-out-of-stock\" request_id=\"req-2\" variable=\"count\" \
             category=\"few\"",
            "WARN terror_core::localizer::mistakes: terror: a locale lacks a message; a later \
             locale of the request's chain served it (logged once per message and locale) \
             locale=ru message_id=\"order-cancelled\" request_id=\"req-4\" served_by=en-US",
        ],
        "{logs}"
    );
}

/// A message whose path resolves more placeables than a render may (here
/// a select whose `[one]` refers to one message four times, and that one
/// to another four times, three levels deep) is served by the next locale
/// on that path, logged once with the limit; its other path renders.
#[test]
fn a_message_past_the_placeable_limit_is_served_by_the_next_locale_and_logged() {
    let mut ru = String::from("level0 = { $count }\n");
    for level in 1..=3 {
        let below = format!("{{ level{} }}", level - 1);
        writeln!(ru, "level{level} = {below}{below}{below}{below}").unwrap();
    }
    ru.push_str(
        "order-out-of-stock = { $count ->\n        [one] { level3 }\n       *[many] Нет { $count } товаров\n    }.\n",
    );
    let (details, logs) = details_in_russian(&app_with(&ru), &["/stock/1", "/stock/5", "/stock/1"]);
    assert_eq!(
        details,
        [
            "1 item is out of stock.",
            "Нет 5 товаров.",
            "1 item is out of stock."
        ]
    );
    assert_eq!(
        warnings(&logs),
        [
            "WARN terror_core::localizer::mistakes: terror: a message resolves too many \
          placeables; falling back to the next locale (logged once per message and locale) \
          locale=ru message_id=\"order-out-of-stock\" request_id=\"req-0\" limit=100"
        ],
        "{logs}"
    );
}
