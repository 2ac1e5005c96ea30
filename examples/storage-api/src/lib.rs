//! A block-storage API in the spirit of TATLIN, in memory: the flagship
//! example of terror. Every failure is a localized RFC 9457 problem document
//! that says exactly what went wrong, with the values involved.
//!
//! Run with: `cargo run -p storage-api`

pub mod both;
pub mod errors;
pub mod grpc;
pub mod store;
pub mod telemetry;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use serde::{Deserialize, Serialize};
use terror_axum::openapi::RequestErrors;
use terror_axum::{AnyError, CatalogPages, Json, Path, ProblemLayer, ProblemService};
use terror_core::openapi::Errors;
use terror_core::{LoadError, Localizer, Violations};
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::{OpenApi, ToSchema};
use validator::Validate;

use errors::{PoolError, SnapshotError, StorageError, ValidationError, VolumeError};
use store::{Snapshot, Store, Volume};

/// The longest volume name, in characters.
pub const MAX_NAME_LEN: u32 = 63;
/// The smallest volume, in GB.
pub const MIN_SIZE_GB: i64 = 1;
/// The largest volume, in GB.
pub const MAX_SIZE_GB: i64 = 65_536;
/// The characters a volume name may use, as shown to people.
pub const NAME_CHARS: &str = "a-z, 0-9, -";

/// The base of every problem `type` URI: the error catalog's pages, which
/// [`app`] serves on the same server (`/errors/` is the index,
/// `/errors/volume.not_found` a code's page).
///
/// It is a relative reference, as RFC 9457 allows: a client resolves it
/// against the URI of the request that got the problem, so the `type` of a
/// problem from `http://127.0.0.1:3000/volumes/x` opens
/// `http://127.0.0.1:3000/errors/volume.not_found`, wherever the service
/// runs. A service whose catalog is published elsewhere sets an absolute
/// base instead (`https://docs.example.com/errors/`).
pub const PROBLEM_TYPE_BASE: &str = "/errors/";

/// The largest request body the API reads, in bytes.
pub const BODY_LIMIT: u64 = 16 * 1024;

/// The API's messages in every locale, with en-US as the default.
pub fn localizer() -> Result<Localizer, LoadError> {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("locales"))
        .problem_type_base(PROBLEM_TYPE_BASE)
        .build()
}

/// The store, shared by the HTTP and the gRPC API.
pub type Shared = Arc<Mutex<Store>>;

/// A freshly seeded store.
pub fn seeded_store() -> Shared {
    Arc::new(Mutex::new(Store::seeded()))
}

/// The API's routes over a freshly seeded store, its OpenAPI document at
/// `GET /openapi.json`, and the error catalog as localized HTML pages at
/// `GET /errors/` (where every problem's `type` points, see
/// [`PROBLEM_TYPE_BASE`]), inside terror's layer rendering errors with
/// `localizer`. The pages are for people, not part of the API: the
/// OpenAPI document does not list them.
///
/// The layer wraps the router rather than going in with `Router::layer`:
/// applied once, not to each route (which axum boxes again on every
/// request). Serve it with `axum::ServiceExt::into_make_service`.
///
/// `localizer` becomes the global one: the document's examples are
/// rendered with it.
pub fn app(localizer: Arc<Localizer>) -> ProblemService<Router> {
    app_over(localizer, seeded_store())
}

/// [`app`] over `store`, which the gRPC API may share.
pub fn app_over(localizer: Arc<Localizer>, store: Shared) -> ProblemService<Router> {
    Localizer::set_global(Arc::clone(&localizer));
    let document = Arc::new(ApiDoc::openapi());
    let router = routes_over(store)
        .route(
            "/openapi.json",
            get(move || {
                let document = Arc::clone(&document);
                async move { axum::Json((*document).clone()) }
            }),
        )
        .route("/metrics", get(telemetry::metrics))
        .merge(CatalogPages::new(Arc::clone(&localizer)));
    ProblemLayer::new(localizer)
        .body_limit(BODY_LIMIT)
        .layer(router)
}

/// The API's OpenAPI document: every error of every operation comes from
/// the error types the handlers name, and terror's request errors are
/// added to every operation.
#[derive(OpenApi)]
#[openapi(
    info(title = "storage-api", description = "A block-storage API whose every error is a localized problem document."),
    paths(
        list_volumes,
        get_volume,
        create_volume,
        delete_volume,
        resize_volume,
        set_labels,
        volume_usage,
        create_snapshot,
        get_snapshot
    ),
    components(schemas(Volume, Snapshot, CreateVolume, Resize, Labels, Usage)),
    modifiers(&RequestErrors)
)]
pub struct ApiDoc;

/// The same routes without terror's language layer: errors still render,
/// in the default locale of `Localizer::global()`, and axum's own failures
/// (unknown routes, wrong methods) stay as axum sends them. For comparing.
pub fn routes() -> Router {
    routes_over(seeded_store())
}

/// [`routes`] over `store`.
fn routes_over(store: Shared) -> Router {
    Router::new()
        .route("/volumes", get(list_volumes).post(create_volume))
        .route("/volumes/{name}", get(get_volume).delete(delete_volume))
        .route("/volumes/{name}/resize", post(resize_volume))
        .route("/volumes/{name}/labels", put(set_labels))
        .route("/volumes/{name}/usage", get(volume_usage))
        .route("/volumes/{name}/snapshots", post(create_snapshot))
        .route("/volumes/{name}/snapshots/{number}", get(get_snapshot))
        .with_state(store)
        // A panicking handler becomes a redacted 500 problem here, logged
        // once with the request id and the panic's message.
        .layer(CatchPanicLayer::custom(terror_axum::panic_response))
}

pub(crate) fn lock(store: &Shared) -> MutexGuard<'_, Store> {
    // A panic while holding the lock leaves plain data behind: keep serving.
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Every volume.
#[utoipa::path(get, path = "/volumes", responses((status = 200, description = "The volumes", body = [Volume])))]
async fn list_volumes(State(store): State<Shared>) -> Json<Vec<Volume>> {
    Json(lock(&store).volumes.values().cloned().collect())
}

/// One volume.
#[utoipa::path(
    get,
    path = "/volumes/{name}",
    params(("name" = String, Path, description = "The volume's name")),
    responses((status = 200, description = "The volume", body = Volume), VolumeError)
)]
async fn get_volume(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<Json<Volume>, VolumeError> {
    lock(&store)
        .volumes
        .get(&name)
        .cloned()
        .map(Json)
        .ok_or(VolumeError::NotFound { name })
}

/// The body of `POST /volumes`. Every field is optional here so that a
/// missing one is reported with the others, as a field violation.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateVolume {
    /// The new volume's name.
    #[schema(required = true, value_type = String, min_length = 1, max_length = 63, pattern = "^[a-z0-9-]+$")]
    pub name: Option<String>,
    /// The pool to create it in.
    #[schema(required = true, value_type = String, min_length = 1)]
    pub pool: Option<String>,
    /// Its size in GB.
    #[schema(required = true, value_type = i64, minimum = 1, maximum = 65536)]
    pub size_gb: Option<i64>,
}

/// Creates a volume in a pool.
#[utoipa::path(
    post,
    path = "/volumes",
    request_body = CreateVolume,
    responses((status = 201, description = "The new volume", body = Volume), Errors<(VolumeError, PoolError)>)
)]
async fn create_volume(
    State(store): State<Shared>,
    Json(request): Json<CreateVolume>,
) -> Result<(StatusCode, Json<Volume>), AnyError> {
    let volume = create(&store, request)?;
    Ok((StatusCode::CREATED, Json(volume)))
}

/// Creates a volume, as both APIs do: every field checked, all violations
/// reported at once, then the store's own rules.
pub(crate) fn create(store: &Shared, request: CreateVolume) -> Result<Volume, AnyError> {
    let (name, pool, size_gb) = validate(request)?;
    let mut store = lock(store);
    if store.volumes.contains_key(&name) {
        return Err(VolumeError::AlreadyExists { name }.into());
    }
    let Some(available_gb) = store.available_gb(&pool) else {
        return Err(PoolError::NotFound { pool }.into());
    };
    if size_gb > available_gb {
        return Err(PoolError::CapacityExceeded {
            pool,
            requested_gb: size_gb,
            available_gb,
        }
        .into());
    }
    let volume = Volume {
        name: name.clone(),
        pool,
        size_gb,
        hosts: Vec::new(),
    };
    store.volumes.insert(name, volume.clone());
    Ok(volume)
}

/// Checks every field and reports all violations at once.
fn validate(request: CreateVolume) -> Result<(String, String, u64), VolumeError> {
    let mut violations = Violations::new();
    match &request.name {
        None => violations.field("name", ValidationError::Required),
        Some(name) if name.chars().count() > MAX_NAME_LEN as usize => {
            violations.field("name", ValidationError::TooLong { max: MAX_NAME_LEN })
        }
        Some(name)
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            violations.field(
                "name",
                ValidationError::InvalidChars {
                    allowed: NAME_CHARS.into(),
                },
            )
        }
        Some(_) => &mut violations,
    };
    violations.check(request.pool.is_some(), "/pool", || {
        ValidationError::Required
    });
    let size_gb = match request.size_gb {
        None => {
            violations.field("size_gb", ValidationError::Required);
            None
        }
        Some(size) => match u64::try_from(size) {
            Ok(size_gb) if (MIN_SIZE_GB..=MAX_SIZE_GB).contains(&size) => Some(size_gb),
            _ => {
                violations.field(
                    "size_gb",
                    ValidationError::OutOfRange {
                        min: MIN_SIZE_GB,
                        max: MAX_SIZE_GB,
                    },
                );
                None
            }
        },
    };
    match (request.name, request.pool, size_gb) {
        (Some(name), Some(pool), Some(size_gb)) if violations.is_empty() => {
            Ok((name, pool, size_gb))
        }
        _ => Err(VolumeError::Invalid {
            errors: violations.into_errors(),
        }),
    }
}

/// The body of `POST /volumes/{name}/resize`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Resize {
    /// The new size in GB; volumes only grow.
    #[schema(minimum = 1, maximum = 65536)]
    pub size_gb: u64,
}

/// Grows a volume.
#[utoipa::path(
    post,
    path = "/volumes/{name}/resize",
    params(("name" = String, Path, description = "The volume's name")),
    request_body = Resize,
    responses((status = 200, description = "The resized volume", body = Volume), Errors<(VolumeError, PoolError)>)
)]
async fn resize_volume(
    State(store): State<Shared>,
    Path(name): Path<String>,
    Json(request): Json<Resize>,
) -> Result<Json<Volume>, AnyError> {
    let mut store = lock(&store);
    let Some(volume) = store.volumes.get(&name).cloned() else {
        return Err(VolumeError::NotFound { name }.into());
    };
    if request.size_gb < volume.size_gb {
        return Err(VolumeError::ShrinkNotAllowed {
            name,
            current_gb: volume.size_gb,
            requested_gb: request.size_gb,
        }
        .into());
    }
    let available_gb = store.available_gb(&volume.pool).unwrap_or(0);
    let growth_gb = request.size_gb - volume.size_gb;
    if growth_gb > available_gb {
        return Err(PoolError::CapacityExceeded {
            pool: volume.pool,
            requested_gb: growth_gb,
            available_gb,
        }
        .into());
    }
    let volume = store.volumes.entry(name).or_insert(volume);
    volume.size_gb = request.size_gb;
    Ok(Json(volume.clone()))
}

/// The body of `PUT /volumes/{name}/labels`, checked with `validator`.
#[derive(Debug, Clone, Deserialize, Serialize, Validate, ToSchema)]
pub struct Labels {
    /// Who owns the volume.
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32)]
    pub owner: String,
    /// Where to write about it.
    #[validate(email)]
    #[schema(format = Email)]
    pub contact: String,
    /// How many copies the owner wants kept.
    #[validate(range(min = 1, max = 5))]
    #[schema(minimum = 1, maximum = 5)]
    pub copies: u8,
}

/// Sets a volume's labels.
#[utoipa::path(
    put,
    path = "/volumes/{name}/labels",
    params(("name" = String, Path, description = "The volume's name")),
    request_body = Labels,
    responses((status = 200, description = "The labels", body = Labels), VolumeError)
)]
async fn set_labels(
    State(store): State<Shared>,
    Path(name): Path<String>,
    Json(labels): Json<Labels>,
) -> Result<Json<Labels>, VolumeError> {
    if let Err(errors) = labels.validate() {
        return Err(VolumeError::Invalid {
            errors: Violations::from(&errors).into_errors(),
        });
    }
    let mut store = lock(&store);
    if !store.volumes.contains_key(&name) {
        return Err(VolumeError::NotFound { name });
    }
    store.labels.insert(name, labels.clone());
    Ok(Json(labels))
}

/// How much of a volume each attached host has.
#[derive(Debug, Serialize, ToSchema)]
pub struct Usage {
    /// The volume.
    pub volume: String,
    /// Its size split evenly across its hosts, in GB.
    pub gb_per_host: u64,
}

/// A simulated bug, kept on purpose to show a caught panic: a volume with no
/// hosts divides by zero, the handler panics, and the client receives a
/// redacted 500 problem with the request id, never the panic message.
#[utoipa::path(
    get,
    path = "/volumes/{name}/usage",
    params(("name" = String, Path, description = "The volume's name")),
    responses((status = 200, description = "The volume's usage per host", body = Usage), VolumeError)
)]
async fn volume_usage(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<Json<Usage>, VolumeError> {
    let (size_gb, hosts) = {
        let store = lock(&store);
        let Some(volume) = store.volumes.get(&name) else {
            return Err(VolumeError::NotFound { name });
        };
        (
            volume.size_gb,
            u64::try_from(volume.hosts.len()).unwrap_or(u64::MAX),
        )
    };
    Ok(Json(Usage {
        volume: name,
        gb_per_host: size_gb / hosts,
    }))
}

/// The path of `GET /volumes/{name}/snapshots/{number}`: named, so a
/// parameter that does not parse is reported by its name.
#[derive(Debug, Deserialize)]
pub struct SnapshotPath {
    /// The volume.
    pub name: String,
    /// The snapshot number, from 1.
    pub number: u32,
}

/// One snapshot of a volume.
#[utoipa::path(
    get,
    path = "/volumes/{name}/snapshots/{number}",
    params(
        ("name" = String, Path, description = "The volume's name"),
        ("number" = u32, Path, description = "The snapshot number, from 1")
    ),
    responses((status = 200, description = "The snapshot", body = Snapshot), Errors<(VolumeError, SnapshotError)>)
)]
async fn get_snapshot(
    State(store): State<Shared>,
    Path(SnapshotPath { name, number }): Path<SnapshotPath>,
) -> Result<Json<Snapshot>, AnyError> {
    let store = lock(&store);
    if !store.volumes.contains_key(&name) {
        return Err(VolumeError::NotFound { name }.into());
    }
    let count = store.snapshot_counts.get(&name).copied().unwrap_or(0);
    if number == 0 || number > count {
        return Err(SnapshotError::NotFound {
            volume: name,
            number,
            count,
        }
        .into());
    }
    Ok(Json(Snapshot {
        name: format!("{name}-snap-{number}"),
        volume: name,
    }))
}

/// Deletes a volume that no host uses.
#[utoipa::path(
    delete,
    path = "/volumes/{name}",
    params(("name" = String, Path, description = "The volume's name")),
    responses((status = 204, description = "Deleted"), VolumeError)
)]
async fn delete_volume(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<StatusCode, VolumeError> {
    delete(&store, name)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a volume no host uses, as both APIs do.
pub(crate) fn delete(store: &Shared, name: String) -> Result<(), VolumeError> {
    let mut store = lock(store);
    let Some(volume) = store.volumes.get(&name) else {
        return Err(VolumeError::NotFound { name });
    };
    if !volume.hosts.is_empty() {
        let hosts = u32::try_from(volume.hosts.len()).unwrap_or(u32::MAX);
        return Err(VolumeError::InUse { name, hosts });
    }
    store.volumes.remove(&name);
    Ok(())
}

/// Takes a snapshot of a volume.
#[utoipa::path(
    post,
    path = "/volumes/{name}/snapshots",
    params(("name" = String, Path, description = "The volume's name")),
    responses((status = 201, description = "The new snapshot", body = Snapshot), Errors<(VolumeError, StorageError)>)
)]
async fn create_snapshot(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<(StatusCode, Json<Snapshot>), AnyError> {
    Ok((StatusCode::CREATED, Json(snapshot(&store, name)?)))
}

/// Takes a snapshot of a volume, as both APIs do.
pub(crate) fn snapshot(store: &Shared, name: String) -> Result<Snapshot, AnyError> {
    let mut store = lock(store);
    let Some(volume) = store.volumes.get(&name) else {
        return Err(VolumeError::NotFound { name }.into());
    };
    let pool = volume.pool.clone();
    // The simulated backend of an offline pool fails the way a real one
    // does: with internal details that must stay in the logs.
    if let Err(source) = store.connect(&pool) {
        return Err(StorageError::BackendUnavailable { pool, source }.into());
    }
    let count = store.snapshot_counts.entry(name.clone()).or_insert(0);
    *count += 1;
    Ok(Snapshot {
        name: format!("{name}-snap-{count}"),
        volume: name,
    })
}
