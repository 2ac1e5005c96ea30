//! The framework's own errors in OpenAPI documents, behind the `utoipa`
//! feature.

use terror_core::__private::{ArgInfo, ArgSchemaMap, ArgSchemas, CatalogEntry, Entries};
use utoipa::openapi::path::Operation;
use utoipa::openapi::OpenApi;

use crate::errors::RequestError;

/// The codes a request can fail with before any handler runs, as the
/// top-level problem.
const TOP_LEVEL: &[&str] = &[
    "request.malformed_json",
    "request.invalid_body",
    "request.missing_content_type",
    "request.unsupported_media_type",
    "request.body_too_large",
    "request.unreadable_body",
    "request.invalid_parameters",
    "request.not_found",
    "request.method_not_allowed",
];

/// The codes inside `errors` of the problems that have children.
const CHILDREN: &[(&str, &[&str])] = &[
    (
        "request.invalid_body",
        &[
            "request.wrong_type",
            "request.missing_field",
            "request.unknown_field",
            "request.duplicate_field",
            "request.unknown_variant",
            "request.out_of_range",
            "request.invalid_value",
        ],
    ),
    (
        "request.invalid_parameters",
        &[
            "request.invalid_parameter",
            "request.missing_parameter",
            "request.unknown_parameter",
            "request.unknown_variant",
            "request.out_of_range",
            "request.invalid_value",
        ],
    ),
];

/// A caught panic or other server failure outside any handler.
static SERVER_ERROR: CatalogEntry = CatalogEntry::__new(
    "http.internal_server_error",
    500,
    "http-error",
    &[ArgInfo::__new("status", "u16")],
    Some("A failure outside any handler, such as a panic caught by a catch-panic layer; clients see only the generic text and the request id."),
    true,
    None,
    "terror_axum::HttpError",
    "",
);

/// A `utoipa::Modify` that adds to every operation of a document the
/// responses any request can get from terror's layer and extractors:
/// malformed or invalid bodies, wrong media types, bodies over the limit,
/// invalid parameters, unknown routes, wrong methods and caught panics. It
/// also adds the `Problem` and `SubError` schemas, and moves every
/// code's typed schema into `components/schemas` as `Problem.<code>` (and
/// `SubError.<code>` for child errors), so generated clients name them
/// (see [`terror_core::openapi::typed`]).
///
/// ```ignore
/// #[derive(utoipa::OpenApi)]
/// #[openapi(paths(get_volume), modifiers(&terror_axum::openapi::RequestErrors))]
/// struct ApiDoc;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestErrors;

impl utoipa::Modify for RequestErrors {
    fn modify(&self, openapi: &mut OpenApi) {
        terror_core::openapi::add_schemas(openapi);
        let all = <RequestError as Entries>::entries();
        let find = |code: &str| all.iter().find(|e| e.code() == code);
        let mut top: Vec<&'static CatalogEntry> =
            TOP_LEVEL.iter().filter_map(|c| find(c)).collect();
        top.push(&SERVER_ERROR);
        let children: Vec<(&str, Vec<&'static CatalogEntry>)> = CHILDREN
            .iter()
            .map(|(parent, kids)| (*parent, kids.iter().filter_map(|c| find(c)).collect()))
            .collect();
        let mut schemas = ArgSchemaMap::new();
        <RequestError as ArgSchemas>::arg_schemas(&mut schemas);
        let responses = terror_core::openapi::responses(&top, &children, &schemas);
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                add(operation, &responses);
            }
        }
        terror_core::openapi::typed::extract_components(openapi);
    }
}

fn add(
    operation: &mut Operation,
    responses: &std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::Response>,
    >,
) {
    terror_core::openapi::merge_responses(&mut operation.responses, responses.clone());
}
