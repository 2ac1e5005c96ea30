//! The layer renders the status a handler returned for its request, as a
//! tonic server sends it: in the response's headers (a trailers-only
//! response), with the status in the response's extensions.

use std::convert::Infallible;

use http::{Request, Response};
use terror_tonic::{into_status, GrpcLayer};
use tonic_types::StatusExt;
use tower::{Layer as _, ServiceExt as _};

mod support;

use support::{grpc, VolumeError};

fn layer() -> GrpcLayer {
    GrpcLayer::new(grpc())
}

/// A handler that fails as a tonic service's does: tonic turns the status
/// it returns into a response with `Status::into_http`.
async fn failing(_: Request<()>) -> Result<Response<()>, Infallible> {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    Ok(into_status(error).into_http())
}

/// Calls `GetVolume` with `headers` on `service`, as tonic's server would.
async fn send<S>(service: S, headers: &[(&str, &str)]) -> Response<()>
where
    S: tower::Service<Request<()>, Response = Response<()>, Error = Infallible>,
{
    let mut request = Request::post("/storage.v1.Storage/GetVolume");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    service.oneshot(request.body(()).unwrap()).await.unwrap()
}

async fn call(headers: &[(&str, &str)]) -> Response<()> {
    send(layer().layer(tower::service_fn(failing)), headers).await
}

#[tokio::test]
async fn a_status_is_rendered_for_the_request() {
    let response = call(&[("accept-language", "ru"), ("x-request-id", "req-9")]).await;
    assert_eq!(response.headers()["x-request-id"], "req-9");
    assert_eq!(response.headers()["grpc-status"], "5");
    // What a client reads: the status from the headers.
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Volume db-02 was not found.");
    let details = status.get_error_details();
    let localized = details.localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("ru", "Том db-02 не найден.")
    );
    assert_eq!(details.error_info().unwrap().reason, "VOLUME_NOT_FOUND");
    assert_eq!(details.request_info().unwrap().request_id, "req-9");
    // Outer layers see the same status.
    let kept = response.extensions().get::<tonic::Status>().unwrap();
    assert_eq!(kept.details(), status.details());
}

#[tokio::test]
async fn bad_metadata_gets_a_clean_answer() {
    let enormous = "ru,".repeat(10_000);
    let long_id = "x".repeat(10 * 1024);
    let response = call(&[("accept-language", &enormous), ("x-request-id", &long_id)]).await;
    // The id is not echoed: one is generated.
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 16);
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    let details = status.get_error_details();
    // The header was too long to read: the default locale.
    assert_eq!(details.localized_message().unwrap().locale, "en-US");
    assert_eq!(details.request_info().unwrap().request_id, id);
}

#[tokio::test]
async fn only_the_first_of_repeated_metadata_counts() {
    // As with HTTP headers: a second value does not stand in for a first
    // the layer could not use.
    let response = call(&[
        ("accept-language", &"de,".repeat(10_000)),
        ("accept-language", "ru"),
        ("x-request-id", "a b"),
        ("x-request-id", "req-2"),
    ])
    .await;
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_ne!(id, "req-2");
    assert_eq!(id.len(), 16);
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    let details = status.get_error_details();
    assert_eq!(details.localized_message().unwrap().locale, "en-US");

    let response = call(&[
        ("accept-language", "ru"),
        ("accept-language", "de"),
        ("x-request-id", "req-1"),
        ("x-request-id", "req-2"),
    ])
    .await;
    assert_eq!(response.headers()["x-request-id"], "req-1");
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    let details = status.get_error_details();
    assert_eq!(details.localized_message().unwrap().locale, "ru");
}

#[tokio::test]
async fn without_the_layer_a_status_has_its_code_and_the_default_text() {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let status = into_status(error);
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Volume db-02 was not found.");
}

/// Calls a service that answers as tonic itself does, through the layer,
/// asking for Russian, and reads the status a client reads.
async fn tonic_answers(status: fn() -> tonic::Status) -> (tonic::Status, Response<()>) {
    let service = layer().layer(tower::service_fn(move |_: Request<()>| async move {
        Ok::<_, Infallible>(status().into_http())
    }));
    let request = Request::post("/storage.v1.Storage/Resize")
        .header("accept-language", "ru")
        .body(())
        .unwrap();
    let response = service.oneshot(request).await.unwrap();
    (
        tonic::Status::from_header_map(response.headers()).unwrap(),
        response,
    )
}

#[tokio::test]
async fn tonics_own_failures_are_localized() {
    // The router's answer to a method no service has.
    let (status, _) = tonic_answers(|| tonic::Status::unimplemented("")).await;
    assert_eq!(status.code(), tonic::Code::Unimplemented);
    let details = status.get_error_details();
    assert_eq!(details.error_info().unwrap().reason, "RPC_UNIMPLEMENTED");
    assert_eq!(
        details.localized_message().unwrap().message,
        "На этом сервере нет метода /storage.v1.Storage/Resize."
    );

    // A message that does not decode: none of prost's text reaches the client.
    let (status, _) = tonic_answers(|| {
        tonic::Status::internal("failed to decode Protobuf message: invalid wire type")
    })
    .await;
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    assert!(
        !status.message().contains("wire type"),
        "{}",
        status.message()
    );
    assert_eq!(
        status.get_error_details().error_info().unwrap().reason,
        "RPC_INVALID_MESSAGE"
    );

    let (status, _) = tonic_answers(|| {
        tonic::Status::out_of_range(
            "Error, decoded message length too large: found 9000000 bytes, the limit is: 4194304 bytes",
        )
    })
    .await;
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);

    // A handler's own status passes as it is.
    let (status, response) = tonic_answers(|| tonic::Status::not_found("nothing here")).await;
    assert_eq!(
        (status.code(), status.message()),
        (tonic::Code::NotFound, "nothing here")
    );
    assert!(response.headers().get("x-request-id").is_none());
}

#[tokio::test]
async fn a_panicking_handler_gets_a_redacted_internal_status() {
    fn corrupt() -> Response<()> {
        panic!("the volume map at 10.1.1.1 is corrupt")
    }
    let service = layer().layer(tower::service_fn(|_: Request<()>| async {
        Ok::<Response<()>, Infallible>(corrupt())
    }));
    let response = send(service, &[("x-request-id", "req-panic")]).await;
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(status.code(), tonic::Code::Internal);
    let details = status.get_error_details();
    assert_eq!(details.error_info().unwrap().reason, "RPC_PANICKED");
    assert!(details.error_info().unwrap().metadata.is_empty());
    let everything = format!("{status:?} {details:?}");
    assert!(!everything.contains("10.1.1.1"), "{everything}");
    assert_eq!(details.request_info().unwrap().request_id, "req-panic");
}

#[tokio::test]
async fn a_call_past_the_layers_deadline_gets_a_localized_deadline_exceeded() {
    let service = layer()
        .timeout(std::time::Duration::from_millis(20))
        .layer(tower::service_fn(|_: Request<()>| async {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            Ok::<Response<()>, Infallible>(Response::new(()))
        }));
    let response = send(service, &[("accept-language", "ru")]).await;
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(status.code(), tonic::Code::DeadlineExceeded);
    let details = status.get_error_details();
    assert_eq!(
        details.error_info().unwrap().reason,
        "RPC_DEADLINE_EXCEEDED"
    );
    assert_eq!(
        details.localized_message().unwrap().message,
        "Вызов длился дольше, чем позволяет его срок."
    );
}

#[tokio::test]
async fn garbage_and_binary_metadata_get_the_default_locale() {
    let mut request = Request::post("/storage.v1.Storage/GetVolume");
    let headers = request.headers_mut().unwrap();
    headers.insert(
        "accept-language",
        http::HeaderValue::from_bytes(b"\xff\xfe;q=9,ru").unwrap(),
    );
    headers.insert(
        "accept-language-bin",
        http::HeaderValue::from_static("cnU="),
    );
    headers.insert(
        "x-request-id",
        http::HeaderValue::from_bytes(b"id\xffwith-bytes").unwrap(),
    );
    let service = layer().layer(tower::service_fn(failing));
    let response = service.oneshot(request.body(()).unwrap()).await.unwrap();
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    let details = status.get_error_details();
    assert_eq!(details.localized_message().unwrap().locale, "en-US");
    // The unreadable id is not echoed: one is generated.
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 16);
    assert_eq!(details.request_info().unwrap().request_id, id);
}

#[tokio::test]
async fn question_mark_in_a_handler_gives_the_same_status() {
    // Every derived error converts into a status, so `?` returns it.
    fn get_volume(name: &str) -> Result<(), tonic::Status> {
        Err(VolumeError::NotFound { name: name.into() })?;
        Ok(())
    }
    let service = layer().layer(tower::service_fn(|_: Request<()>| async {
        let status = get_volume("db-02").unwrap_err();
        Ok::<_, Infallible>(status.into_http::<()>())
    }));
    let response = send(service, &[("accept-language", "ru")]).await;
    let status = tonic::Status::from_header_map(response.headers()).unwrap();
    assert_eq!(
        status
            .get_error_details()
            .localized_message()
            .unwrap()
            .message,
        "Том db-02 не найден."
    );
}
