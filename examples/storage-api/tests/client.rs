//! A Rust client of the storage API rebuilds the very errors the server
//! declared from the problem documents it receives, in every locale.

mod common;

use std::borrow::Cow;

use proptest::prelude::*;
use proptest::strategy::LazyJust;
use storage_api::errors::{
    BackendError, PoolError, SnapshotError, StorageError, ValidationError, VolumeError,
};
use terror_core::client::{DecodeError, FromProblem, NotRebuildable, ReceivedProblem};
use terror_core::{SubError, Terror, ValidatorError};

/// What a client receives for `error` in each locale, parsed.
fn received_in_every_locale(error: &(dyn Terror + 'static)) -> Vec<ReceivedProblem> {
    let localizer = common::localizer();
    common::LOCALES
        .iter()
        .map(|locale| {
            let chain = localizer.negotiate(Some(locale), None);
            let problem = localizer.render(error, &chain);
            assert_eq!(problem.language().to_string(), *locale);
            serde_json::from_slice(&problem.to_json()).expect("a terror body parses")
        })
        .collect()
}

/// Rendered in every locale and rebuilt, `error` comes back equal.
fn round_trip<E>(error: &E) -> Result<(), TestCaseError>
where
    E: Terror + FromProblem + PartialEq + std::fmt::Debug + 'static,
{
    for received in received_in_every_locale(error) {
        let back = E::from_problem(&received);
        prop_assert_eq!(
            back.as_ref().map_err(ToString::to_string),
            Ok(error),
            "{:?}",
            received
        );
    }
    Ok(())
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

fn validation() -> impl Strategy<Value = ValidationError> {
    prop_oneof![
        LazyJust::new(|| ValidationError::Required),
        any::<u32>().prop_map(|max| ValidationError::TooLong { max }),
        text().prop_map(|allowed| ValidationError::InvalidChars {
            allowed: Cow::Owned(allowed)
        }),
        (any::<i64>(), any::<i64>())
            .prop_map(|(min, max)| ValidationError::OutOfRange { min, max }),
    ]
}

/// A `validator` rule broken, as storage-api's labels route reports it.
fn validator_rule() -> impl Strategy<Value = ValidatorError> {
    (1u64..100, 100u64..1000).prop_map(|(min, max)| {
        let mut error = validator::ValidationError::new("length");
        error.add_param(Cow::Borrowed("min"), &min);
        error.add_param(Cow::Borrowed("max"), &max);
        ValidatorError::new(&error)
    })
}

fn sub_errors() -> impl Strategy<Value = Vec<SubError>> {
    let child = prop_oneof![
        (validation(), "[a-z_]{1,8}")
            .prop_map(|(error, field)| SubError::new(error).at_pointer(format!("/{field}"))),
        (validator_rule(), "[a-z_]{1,8}")
            .prop_map(|(error, field)| SubError::new(error).at_pointer(format!("/{field}"))),
    ];
    prop::collection::vec(child, 0..5)
}

fn volume() -> impl Strategy<Value = VolumeError> {
    prop_oneof![
        text().prop_map(|name| VolumeError::NotFound { name }),
        text().prop_map(|name| VolumeError::AlreadyExists { name }),
        (text(), any::<u32>()).prop_map(|(name, hosts)| VolumeError::InUse { name, hosts }),
        (text(), any::<u64>(), any::<u64>()).prop_map(|(name, current_gb, requested_gb)| {
            VolumeError::ShrinkNotAllowed {
                name,
                current_gb,
                requested_gb,
            }
        }),
        sub_errors().prop_map(|errors| VolumeError::Invalid { errors }),
    ]
}

fn pool() -> impl Strategy<Value = PoolError> {
    prop_oneof![
        text().prop_map(|pool| PoolError::NotFound { pool }),
        (text(), any::<u64>(), any::<u64>()).prop_map(|(pool, requested_gb, available_gb)| {
            PoolError::CapacityExceeded {
                pool,
                requested_gb,
                available_gb,
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn volume_errors_come_back(error in volume()) {
        round_trip(&error)?;
    }

    #[test]
    fn pool_errors_come_back(error in pool()) {
        round_trip(&error)?;
    }

    #[test]
    fn snapshot_errors_come_back(volume in text(), number: u32, count: u32) {
        round_trip(&SnapshotError::NotFound { volume, number, count })?;
    }

    #[test]
    fn validation_errors_come_back(error in validation()) {
        round_trip(&error)?;
    }
}

#[test]
fn a_backend_failure_says_what_cannot_come_back() {
    let error = StorageError::BackendUnavailable {
        pool: "fast".into(),
        source: BackendError {
            address: "10.0.0.7:9000".into(),
            user: "svc-storage".into(),
        },
    };
    for received in received_in_every_locale(&error) {
        assert_eq!(
            received.decode::<StorageError>(),
            Err(DecodeError::NotRebuildable {
                code: "storage.backend_unavailable".into(),
                field: "source",
                reason: NotRebuildable::Source,
            })
        );
    }
}

#[tokio::test]
async fn a_client_matches_on_the_servers_enum() {
    let reply = common::send("GET", "/volumes/nope", &[("accept-language", "ru")], None).await;
    let received: ReceivedProblem = serde_json::from_str(&reply.raw).unwrap();
    assert_eq!(received.status, Some(404));
    match received.decode::<VolumeError>() {
        Ok(VolumeError::NotFound { name }) => assert_eq!(name, "nope"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        received.decode::<PoolError>(),
        Err(DecodeError::UnknownCode { .. })
    ));

    // Every broken field comes back typed, where it was.
    let reply = common::send(
        "POST",
        "/volumes",
        &[("accept-language", "de")],
        Some(serde_json::json!({"name": "BAD NAME", "size_gb": 0})),
    )
    .await;
    let received: ReceivedProblem = serde_json::from_str(&reply.raw).unwrap();
    let Ok(VolumeError::Invalid { errors }) = received.decode::<VolumeError>() else {
        panic!("{}", reply.raw);
    };
    let seen: Vec<(Option<&ValidationError>, String)> = errors
        .iter()
        .map(|e| {
            (
                e.downcast_ref::<ValidationError>(),
                format!("{:?}", e.location().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                Some(&ValidationError::InvalidChars {
                    allowed: "a-z, 0-9, -".into()
                }),
                r#"Pointer("/name")"#.to_owned()
            ),
            (
                Some(&ValidationError::Required),
                r#"Pointer("/pool")"#.to_owned()
            ),
            (
                Some(&ValidationError::OutOfRange {
                    min: 1,
                    max: 65_536
                }),
                r#"Pointer("/size_gb")"#.to_owned()
            ),
        ]
    );
}
