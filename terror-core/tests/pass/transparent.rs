use terror_core::{ArgValue, StatusCode, Terror};

/// The disk has no room left.
#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "disk", locales = "locales")]
enum DiskError {
    /// No space left on the disk.
    #[error("disk {id} is full")]
    #[terror(status = 507, retry_after = 120)]
    Full { id: u32 },
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "api", locales = "locales")]
enum ApiError {
    #[error(transparent)]
    #[terror(transparent)]
    Disk(#[from] DiskError),
    #[error("unauthorized")]
    #[terror(status = 401)]
    Unauthorized,
}

fn main() {
    let error = ApiError::from(DiskError::Full { id: 4 });
    assert_eq!(error.code(), "disk.full");
    assert_eq!(error.message_id(), "disk-full");
    assert_eq!(error.status(), StatusCode::INSUFFICIENT_STORAGE);
    assert_eq!(error.args().get("id"), Some(&ArgValue::Int(4)));
    assert_eq!(
        error.retry_after(),
        Some(std::time::Duration::from_secs(120))
    );
    assert_eq!(error.description(), Some("No space left on the disk."));
    assert_eq!(error.to_string(), "disk 4 is full");

    let own = ApiError::Unauthorized;
    assert_eq!(own.code(), "api.unauthorized");
    assert_eq!(own.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(own.retry_after(), None);
}
