//! The storage API over gRPC (`storage.v1.Storage`, from
//! `proto/storage/v1/storage.proto`): the same store and the same error
//! enums as the HTTP API, each error a localized rich status through
//! terror-tonic. A derived error converts into a `tonic::Status`, so `?`
//! and `.into()` return it as they return it to axum.

use std::sync::Arc;

use terror_core::Localizer;
use terror_tonic::{into_status_boxed, Grpc, GrpcLayer};
use tonic::{Request, Response, Status};

use crate::errors::VolumeError;
use crate::{lock, Shared};

/// The code `tonic-prost-build` generated from the `.proto`.
#[allow(
    missing_docs,
    unreachable_pub,
    unused_qualifications,
    clippy::all,
    clippy::pedantic
)]
pub mod v1 {
    tonic::include_proto!("storage.v1");
}

/// The `ErrorInfo.domain` of every error.
pub const DOMAIN: &str = "storage.example.com";

/// The service, over `store`.
#[derive(Debug, Clone)]
pub struct StorageService {
    store: Shared,
}

impl StorageService {
    pub(crate) fn new(store: Shared) -> Self {
        StorageService { store }
    }
}

#[tonic::async_trait]
impl v1::storage_server::Storage for StorageService {
    async fn get_volume(
        &self,
        request: Request<v1::GetVolumeRequest>,
    ) -> Result<Response<v1::Volume>, Status> {
        let name = request.into_inner().name;
        let store = lock(&self.store);
        let volume = store
            .volumes
            .get(&name)
            .ok_or(VolumeError::NotFound { name })?;
        Ok(Response::new(message(volume)))
    }

    async fn create_volume(
        &self,
        request: Request<v1::CreateVolumeRequest>,
    ) -> Result<Response<v1::Volume>, Status> {
        let request = request.into_inner();
        let request = crate::CreateVolume {
            name: request.name,
            pool: request.pool,
            size_gb: request.size_gb,
        };
        let volume = crate::create(&self.store, request)
            .map_err(|error| into_status_boxed(error.into_inner()))?;
        Ok(Response::new(message(&volume)))
    }

    async fn delete_volume(
        &self,
        request: Request<v1::DeleteVolumeRequest>,
    ) -> Result<Response<v1::DeleteVolumeResponse>, Status> {
        crate::delete(&self.store, request.into_inner().name)?;
        Ok(Response::new(v1::DeleteVolumeResponse {}))
    }

    async fn create_snapshot(
        &self,
        request: Request<v1::CreateSnapshotRequest>,
    ) -> Result<Response<v1::Snapshot>, Status> {
        let snapshot = crate::snapshot(&self.store, request.into_inner().volume)
            .map_err(|error| into_status_boxed(error.into_inner()))?;
        Ok(Response::new(v1::Snapshot {
            name: snapshot.name,
            volume: snapshot.volume,
        }))
    }
}

/// A volume as the API's message.
fn message(volume: &crate::store::Volume) -> v1::Volume {
    v1::Volume {
        name: volume.name.clone(),
        pool: volume.pool.clone(),
        size_gb: volume.size_gb,
        hosts: volume.hosts.clone(),
    }
}

/// The gRPC service over `store`, its errors rendered with `localizer`,
/// their `Help` links pointing at `page_base` (where the HTTP API serves
/// the catalog's pages, such as `http://127.0.0.1:3000`), inside
/// terror-tonic's layer.
pub fn layer(localizer: Arc<Localizer>, page_base: &str) -> GrpcLayer {
    GrpcLayer::new(Grpc::new(localizer, DOMAIN).page_base(page_base))
}

/// The `tonic` service of the API.
pub fn service(store: Shared) -> v1::storage_server::StorageServer<StorageService> {
    v1::storage_server::StorageServer::new(StorageService::new(store))
}
