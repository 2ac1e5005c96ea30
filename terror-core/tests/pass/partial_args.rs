use terror_core::{ArgValue, StatusCode, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "lock", status = 409, locales = "locales")]
enum LockError {
    /// The message shows only `$name`; `owner` and `attempts` are args too.
    #[error("volume {name} is locked by {owner} after {attempts} attempts")]
    Conflict {
        name: String,
        owner: String,
        attempts: u32,
    },
    /// The message shows no arg at all.
    #[error("lock timeout after {0} ms")]
    #[terror(status = 503)]
    Timeout(u64),
}

fn main() {
    let error = LockError::Conflict {
        name: "db-01".into(),
        owner: "backup".into(),
        attempts: 3,
    };
    assert_eq!(error.code(), "lock.conflict");
    assert_eq!(error.status(), StatusCode::CONFLICT);
    let args = error.args();
    let names: Vec<&str> = args.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["name", "owner", "attempts"]);
    assert_eq!(args.get("owner"), Some(&ArgValue::Str("backup".into())));
    assert_eq!(args.get("attempts"), Some(&ArgValue::Int(3)));

    let timeout = LockError::Timeout(1500);
    assert_eq!(timeout.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(timeout.args().get("arg0"), Some(&ArgValue::Int(1500)));
}
