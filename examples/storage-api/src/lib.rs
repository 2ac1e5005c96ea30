//! A block-storage API in the spirit of TATLIN, in memory: the flagship
//! example of terror. Every failure is a localized RFC 9457 problem document
//! that says exactly what went wrong, with the values involved.
//!
//! Run with: `cargo run -p storage-api`

pub mod errors;
pub mod store;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use terror_axum::{AnyError, LanguageLayer};
use terror_core::{LoadError, Localizer, SubError};

use errors::{BackendError, PoolError, StorageError, ValidationError, VolumeError};
use store::{Snapshot, Store, Volume};

/// The longest volume name, in characters.
pub const MAX_NAME_LEN: u32 = 63;
/// The smallest volume, in GB.
pub const MIN_SIZE_GB: i64 = 1;
/// The largest volume, in GB.
pub const MAX_SIZE_GB: i64 = 65_536;
/// The characters a volume name may use, as shown to people.
pub const NAME_CHARS: &str = "a-z, 0-9, -";

/// The base of every problem `type` URI: the error catalog.
pub const PROBLEM_TYPE_BASE: &str = "https://storage.example.com/errors/";

/// The API's messages in every locale, with en-US as the default.
pub fn localizer() -> Result<Localizer, LoadError> {
    Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("locales"))
        .problem_type_base(PROBLEM_TYPE_BASE)
        .build()
}

type Shared = Arc<Mutex<Store>>;

/// The API's routes over a freshly seeded store, rendering errors with
/// `localizer`.
pub fn app(localizer: Arc<Localizer>) -> Router {
    let store: Shared = Arc::new(Mutex::new(Store::seeded()));
    Router::new()
        .route("/volumes", get(list_volumes).post(create_volume))
        .route("/volumes/{name}", get(get_volume).delete(delete_volume))
        .route("/volumes/{name}/snapshots", post(create_snapshot))
        .with_state(store)
        .layer(LanguageLayer::new(localizer))
}

fn lock(store: &Shared) -> MutexGuard<'_, Store> {
    // A panic while holding the lock leaves plain data behind: keep serving.
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

async fn list_volumes(State(store): State<Shared>) -> Json<Vec<Volume>> {
    Json(lock(&store).volumes.values().cloned().collect())
}

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
#[derive(Debug, Deserialize)]
pub struct CreateVolume {
    /// The new volume's name.
    pub name: Option<String>,
    /// The pool to create it in.
    pub pool: Option<String>,
    /// Its size in GB.
    pub size_gb: Option<i64>,
}

async fn create_volume(
    State(store): State<Shared>,
    Json(request): Json<CreateVolume>,
) -> Result<(StatusCode, Json<Volume>), AnyError> {
    let (name, pool, size_gb) = validate(request)?;
    let mut store = lock(&store);
    if store.volumes.contains_key(&name) {
        return Err(VolumeError::AlreadyExists { name }.into());
    }
    let Some(capacity_gb) = store.pools.get(&pool).map(|p| p.capacity_gb) else {
        return Err(PoolError::NotFound { pool }.into());
    };
    let available_gb = capacity_gb.saturating_sub(store.used_gb(&pool));
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
    Ok((StatusCode::CREATED, Json(volume)))
}

/// Checks every field and reports all violations at once.
fn validate(request: CreateVolume) -> Result<(String, String, u64), VolumeError> {
    let mut errors = Vec::new();
    match &request.name {
        None => errors.push(SubError::new(ValidationError::Required).at_pointer("/name")),
        Some(name) if name.chars().count() > MAX_NAME_LEN as usize => errors.push(
            SubError::new(ValidationError::TooLong { max: MAX_NAME_LEN }).at_pointer("/name"),
        ),
        Some(name)
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            errors.push(
                SubError::new(ValidationError::InvalidChars {
                    allowed: NAME_CHARS,
                })
                .at_pointer("/name"),
            );
        }
        Some(_) => {}
    }
    if request.pool.is_none() {
        errors.push(SubError::new(ValidationError::Required).at_pointer("/pool"));
    }
    let size_gb = match request.size_gb {
        None => {
            errors.push(SubError::new(ValidationError::Required).at_pointer("/size_gb"));
            None
        }
        Some(size) => match u64::try_from(size) {
            Ok(size_gb) if (MIN_SIZE_GB..=MAX_SIZE_GB).contains(&size) => Some(size_gb),
            _ => {
                errors.push(
                    SubError::new(ValidationError::OutOfRange {
                        min: MIN_SIZE_GB,
                        max: MAX_SIZE_GB,
                    })
                    .at_pointer("/size_gb"),
                );
                None
            }
        },
    };
    match (request.name, request.pool, size_gb) {
        (Some(name), Some(pool), Some(size_gb)) if errors.is_empty() => Ok((name, pool, size_gb)),
        _ => Err(VolumeError::Invalid { errors }),
    }
}

async fn delete_volume(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<StatusCode, VolumeError> {
    let mut store = lock(&store);
    let Some(volume) = store.volumes.get(&name) else {
        return Err(VolumeError::NotFound { name });
    };
    if !volume.hosts.is_empty() {
        let hosts = u32::try_from(volume.hosts.len()).unwrap_or(u32::MAX);
        return Err(VolumeError::InUse { name, hosts });
    }
    store.volumes.remove(&name);
    Ok(StatusCode::NO_CONTENT)
}

async fn create_snapshot(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<(StatusCode, Json<Snapshot>), AnyError> {
    let mut store = lock(&store);
    let Some(volume) = store.volumes.get(&name) else {
        return Err(VolumeError::NotFound { name }.into());
    };
    let pool = volume.pool.clone();
    if !store.pools.get(&pool).is_some_and(|p| p.online) {
        // The simulated backend of an offline pool fails the way a real one
        // does: with internal details that must stay in the logs.
        return Err(StorageError::BackendUnavailable {
            pool,
            source: BackendError {
                address: "10.20.0.7:7400".to_owned(),
                user: "svc-backup".to_owned(),
                password: "hunter2-s3cr3t".to_owned(),
            },
        }
        .into());
    }
    let count = store.snapshot_counts.entry(name.clone()).or_insert(0);
    *count += 1;
    let snapshot = Snapshot {
        name: format!("{name}-snap-{count}"),
        volume: name,
    };
    Ok((StatusCode::CREATED, Json(snapshot)))
}
