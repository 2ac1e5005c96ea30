//! A service outside terror's repository, built only from terror's packaged
//! crates: it derives an error, embeds its own `locales/`, serves it
//! through terror's layer and checks that a Russian client gets its own
//! messages and the framework's. terror-core is renamed here (`terror`),
//! so the derive is told where it is.

use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use terror::Terror;
use terror_axum::{Path, ProblemLayer};
use tower::ServiceExt;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(crate = "terror", prefix = "order")]
enum OrderError {
    /// No order has this number.
    #[error("order {id} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound { id: u64 },
}

async fn order(Path(id): Path<u64>) -> Result<String, OrderError> {
    Err(OrderError::NotFound { id })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let localizer = terror::Localizer::builder()
        .embedded(terror::embed_locales!("locales"))
        .build()
        .expect("the locales load");
    let app = Router::new()
        .route("/orders/{id}", get(order))
        .layer(ProblemLayer::new(Arc::new(localizer)));
    let expected = [
        ("/orders/42", 404, "order.not_found", "Заказ 42 не найден."),
        ("/nowhere", 404, "request.not_found", "По адресу /nowhere ничего нет."),
        ("/orders/abc", 400, "request.invalid_parameters", "Некоторые параметры запроса неверны."),
    ];
    let mut failed = false;
    for (uri, status, code, detail) in expected {
        let request = Request::get(uri)
            .header("accept-language", "ru")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let got_status = response.status().as_u16();
        let language = response.headers().get("content-language").cloned();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        println!(
            "GET {uri} (Accept-Language: ru) -> {got_status} {language:?} {}",
            String::from_utf8_lossy(&body)
        );
        let ok = got_status == status
            && language.as_ref().is_some_and(|l| l == "ru")
            && json["code"] == code
            && json["detail"] == detail;
        if !ok {
            println!("  expected {status} ru {code}: {detail}");
            failed = true;
        }
    }
    // Without any setup, outside the layer, the error has its own message.
    let problem = terror::Localizer::global();
    let rendered = problem.render(&OrderError::NotFound { id: 7 }, &problem.default_chain());
    println!("without setup: {}", rendered.detail());
    failed |= rendered.detail() != "Order 7 was not found.";
    if failed {
        println!("FAILED");
        ExitCode::FAILURE
    } else {
        println!("ok");
        ExitCode::SUCCESS
    }
}
