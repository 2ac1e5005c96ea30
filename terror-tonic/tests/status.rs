//! Each error as a `tonic::Status` with AIP-193's details, read back as a
//! client reads them (tonic-types' `StatusExt`).

use std::sync::Arc;
use std::time::Duration;

use terror_core::{Localizer, SubError, Terror};
use terror_tonic::Grpc;
use tonic::Code;
use tonic_types::StatusExt;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "tests/locales")]
enum VolumeError {
    #[error("volume {name} not found")]
    #[terror(status = NOT_FOUND)]
    NotFound { name: String },

    #[error("pool {pool} has {available_gb} GB")]
    #[terror(status = CONFLICT)]
    NoSpace {
        pool: String,
        requested_gb: u64,
        available_gb: u64,
    },

    #[error("invalid volume")]
    #[terror(status = UNPROCESSABLE_ENTITY)]
    Invalid {
        #[terror(errors(FieldError))]
        errors: Vec<SubError>,
    },

    #[error("snapshots down")]
    #[terror(status = SERVICE_UNAVAILABLE, retry_after = 30)]
    SnapshotsUnavailable {
        #[source]
        source: std::io::Error,
    },
}

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "tests/locales", status = UNPROCESSABLE_ENTITY)]
enum FieldError {
    #[error("name too long")]
    NameTooLong { max: u32 },
}

fn grpc() -> Grpc {
    let localizer = Localizer::builder()
        .default_locale("en-US")
        .embedded(terror_core::embed_locales!("tests/locales"))
        .problem_type_base("/errors/")
        .build()
        .unwrap();
    Grpc::new(Arc::new(localizer), "storage.example.com").page_base("https://storage.example.com/")
}

fn status_in(error: &dyn Terror, language: &str) -> tonic::Status {
    let grpc = grpc();
    let chain = grpc.localizer().negotiate(None, Some(language));
    grpc.status(error, &chain, Some("req-7"))
}

#[test]
fn a_not_found_carries_every_detail_in_the_requests_language() {
    let error = VolumeError::NotFound {
        name: "db-02".into(),
    };
    let status = status_in(&error, "ru");
    assert_eq!(status.code(), Code::NotFound);
    // For developers: the default locale, as AIP-193 says.
    assert_eq!(status.message(), "Volume db-02 was not found.");
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("VOLUME_NOT_FOUND", "storage.example.com")
    );
    assert_eq!(info.metadata.len(), 1);
    assert_eq!(info.metadata["name"], "db-02");
    let localized = details.localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("ru", "Том db-02 не найден.")
    );
    let help = details.help().unwrap();
    assert_eq!(help.links.len(), 1);
    assert_eq!(help.links[0].description, "Том не найден");
    assert_eq!(
        help.links[0].url,
        "https://storage.example.com/errors/volume.not_found"
    );
    assert_eq!(details.request_info().unwrap().request_id, "req-7");
    assert!(details.bad_request().is_none());
    assert!(details.retry_info().is_none());
    assert!(details.debug_info().is_none());
}

#[test]
fn metadata_keys_are_lower_camel_case_and_values_text() {
    let error = VolumeError::NoSpace {
        pool: "fast".into(),
        requested_gb: 500,
        available_gb: 10,
    };
    let status = status_in(&error, "en");
    assert_eq!(status.code(), Code::Aborted);
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    let mut metadata: Vec<(&str, &str)> = info
        .metadata
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    metadata.sort_unstable();
    assert_eq!(
        metadata,
        [
            ("availableGb", "10"),
            ("pool", "fast"),
            ("requestedGb", "500")
        ]
    );
}

#[test]
fn sub_errors_are_field_violations_of_a_bad_request() {
    let error = VolumeError::Invalid {
        errors: vec![SubError::new(FieldError::NameTooLong { max: 63 }).at_pointer("/disks/0/name")],
    };
    let status = status_in(&error, "ru");
    assert_eq!(status.code(), Code::InvalidArgument);
    let details = status.get_error_details();
    let violations = &details.bad_request().unwrap().field_violations;
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].field, "disks[0].name");
    assert_eq!(violations[0].reason, "VOLUME_NAME_TOO_LONG");
    assert_eq!(violations[0].description, "Не более 63 символов.");
    let localized = violations[0].localized_message.as_ref().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("ru", "Не более 63 символов.")
    );
}

#[test]
fn a_redacted_error_says_nothing_internal() {
    let error = VolumeError::SnapshotsUnavailable {
        source: std::io::Error::other("controller at 10.1.1.1 timed out"),
    };
    let status = status_in(&error, "ru");
    assert_eq!(status.code(), Code::Unavailable);
    let details = status.get_error_details();
    assert!(details.error_info().unwrap().metadata.is_empty());
    assert_eq!(
        details.retry_info().unwrap().retry_delay,
        Some(Duration::from_secs(30))
    );
    let everything = format!("{status:?} {details:?}");
    assert!(!everything.contains("10.1.1.1"), "{everything}");
    assert!(!everything.contains("timed out"), "{everything}");
    assert!(details.debug_info().is_none());
}

/// A client rebuilds the server's enum from the status, in any language.
#[test]
fn a_client_decodes_the_status_back_into_the_enum() {
    for language in ["en", "ru"] {
        let error = VolumeError::NoSpace {
            pool: "fast".into(),
            requested_gb: 500,
            available_gb: 10,
        };
        let status = status_in(&error, language);
        match terror_tonic::decode::<VolumeError>(&status) {
            Ok(VolumeError::NoSpace {
                pool,
                requested_gb,
                available_gb,
            }) => assert_eq!(
                (pool.as_str(), requested_gb, available_gb),
                ("fast", 500, 10)
            ),
            other => panic!("{other:?}"),
        }
        let missing = VolumeError::NotFound { name: "500".into() };
        let decoded = terror_tonic::decode::<VolumeError>(&status_in(&missing, language));
        assert!(matches!(decoded, Ok(VolumeError::NotFound { name }) if name == "500"));
    }
}

/// What a status's trailers take as sent: every header tonic writes for
/// it, counted as HTTP/2 counts a header list (name, value and 32 bytes
/// each), which gRPC's C core limits to 8 KiB unless told otherwise.
fn sent_bytes(status: &tonic::Status) -> usize {
    let mut headers = http::HeaderMap::new();
    status.add_header(&mut headers).unwrap();
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 32)
        .sum()
}

/// A hundred sub-errors do not fit a client's trailers: as many field
/// violations as fit are sent, the first ones, with everything else whole.
#[test]
fn a_status_with_more_violations_than_fit_keeps_the_first() {
    let errors: Vec<SubError> = (0..100)
        .map(|max| {
            SubError::new(FieldError::NameTooLong { max }).at_pointer(format!("/disks/{max}/name"))
        })
        .collect();
    let status = status_in(&VolumeError::Invalid { errors }, "ru");
    assert!(sent_bytes(&status) <= 8192, "{}", sent_bytes(&status));
    let details = status.get_error_details();
    let violations = &details.bad_request().unwrap().field_violations;
    assert!(
        (20..100).contains(&violations.len()),
        "{}",
        violations.len()
    );
    for (i, violation) in violations.iter().enumerate() {
        assert_eq!(violation.field, format!("disks[{i}].name"));
        assert_eq!(violation.description, format!("Не более {i} символов."));
    }
    assert_eq!(details.error_info().unwrap().reason, "VOLUME_INVALID");
    assert_eq!(
        details.localized_message().unwrap().message,
        "Том задан неверно."
    );
    assert_eq!(status.message(), "The volume is not valid.");
}

/// An arg holding a long text a client sent (here 20,000 bytes) is left
/// out of the metadata, and the texts that show it are cut: the status
/// still reaches the client, and decoding it says what is missing.
#[test]
fn a_status_with_an_arg_too_long_to_send_is_cut_to_fit() {
    let name = "я".repeat(10_000);
    let status = status_in(&VolumeError::NotFound { name }, "ru");
    assert!(sent_bytes(&status) <= 8192, "{}", sent_bytes(&status));
    assert!(
        status.message().starts_with("Volume яя"),
        "{}",
        status.message()
    );
    assert!(status.message().ends_with('…') && status.message().len() <= 256);
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    assert_eq!(info.reason, "VOLUME_NOT_FOUND");
    assert!(info.metadata.is_empty(), "{:?}", info.metadata);
    let localized = details.localized_message().unwrap();
    assert!(localized.message.starts_with("Том яя") && localized.message.ends_with('…'));
    assert!(localized.message.len() <= 1024);
    assert_eq!(details.request_info().unwrap().request_id, "req-7");
    assert_eq!(
        terror_tonic::decode::<VolumeError>(&status)
            .unwrap_err()
            .to_string(),
        "`volume.not_found` has no arg `name`"
    );
    // A shorter one that fits is sent whole.
    let name = "я".repeat(500);
    let status = status_in(&VolumeError::NotFound { name: name.clone() }, "ru");
    let decoded = terror_tonic::decode::<VolumeError>(&status).unwrap();
    assert!(matches!(decoded, VolumeError::NotFound { name: back } if back == name));
}

/// An error converted without the layer (`?` in a stream after its first
/// message) keeps its developers' text short enough to send.
#[test]
fn a_converted_status_keeps_its_text_short_enough_to_send() {
    let status = terror_tonic::into_status(VolumeError::NotFound {
        name: "я".repeat(10_000),
    });
    assert!(
        status.message().starts_with("Volume яя"),
        "{}",
        status.message()
    );
    assert!(status.message().ends_with('…'));
    assert!(status.message().len() <= 2048);
    assert!(sent_bytes(&status) <= 8192, "{}", sent_bytes(&status));
}

/// How a tagged volume is stored: an enum arg, sent as its name or its
/// object.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Tier {
    Fast,
    Archive { days: u32 },
}

/// Args of every kind a metadata value must carry back as it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Terror)]
#[terror(prefix = "volume", locales = "tests/locales")]
enum TagError {
    #[error("volume {name} tagged")]
    #[terror(status = CONFLICT)]
    Tagged {
        name: String,
        tags: Vec<String>,
        label: Option<String>,
        count: Option<u32>,
        ratio: f64,
        pinned: bool,
        tier: Tier,
    },
}

fn round_trip(error: &TagError) -> Result<TagError, terror_tonic::StatusDecodeError> {
    terror_tonic::decode::<TagError>(&status_in(error, "ru"))
}

/// A string is sent as itself and anything else as its JSON, so text
/// that looks like JSON stays a string, a list keeps items with commas,
/// and `None` (left out) stays apart from `Some("")`.
#[test]
fn every_kind_of_arg_comes_back_as_it_was_sent() {
    let tagged = |name: &str, tags: &[&str], label: Option<&str>| TagError::Tagged {
        name: name.to_owned(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        label: label.map(str::to_owned),
        count: None,
        ratio: 0.5,
        pinned: false,
        tier: Tier::Fast,
    };
    let cases = [
        tagged("db-02", &["x", "y, z"], Some("gold")),
        tagged("42", &[], Some("null")),
        tagged("true", &["1", "[2]"], Some("42")),
        tagged("", &[""], Some("")),
        tagged("null", &["null"], None),
        TagError::Tagged {
            name: "{\"a\":1}".into(),
            tags: vec!["ü".into()],
            label: Some("[1]".into()),
            count: Some(7),
            ratio: f64::INFINITY,
            pinned: true,
            tier: Tier::Archive { days: 30 },
        },
    ];
    for error in cases {
        assert_eq!(round_trip(&error).unwrap(), error);
    }
    let details = status_in(&tagged("db-02", &["x", "y, z"], None), "en").get_error_details();
    let metadata = &details.error_info().unwrap().metadata;
    assert_eq!(metadata["tags"], r#"["x","y, z"]"#);
    assert_eq!(metadata["name"], "db-02");
    assert_eq!(metadata["tier"], "fast");
    assert_eq!(metadata["pinned"], "false");
    assert!(!metadata.contains_key("label"), "{metadata:?}");
    assert!(!metadata.contains_key("count"), "{metadata:?}");
    // The message still shows the list as a reader would.
    assert_eq!(
        details.localized_message().unwrap().message,
        "Volume db-02 is tagged x, y, z."
    );
}

/// Text a field cannot hold names the arg and its type.
#[test]
fn a_metadata_value_its_field_cannot_hold_says_which() {
    let error = TagError::Tagged {
        name: "db-02".into(),
        tags: vec![],
        label: None,
        count: None,
        ratio: 1.0,
        pinned: false,
        tier: Tier::Fast,
    };
    let status = status_in(&error, "en");
    let tampered = |count: &str| {
        let mut details = status.get_error_details();
        let mut info = details.error_info().unwrap().clone();
        info.metadata.insert("count".into(), count.into());
        details.set_error_info(info.reason, info.domain, info.metadata);
        tonic::Status::with_error_details(status.code(), status.message(), details)
    };
    let error = terror_tonic::decode::<TagError>(&tampered("many")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the arg `count` of `volume.tagged` is not a `Option<u32>`: invalid type: string \"many\", expected u32"
    );
    // A hostile server's long value is quoted in part, whether it is text
    // or the JSON of a string.
    for count in ["x".repeat(100_000), format!("\"{}\"", "x".repeat(100_000))] {
        let error = terror_tonic::decode::<TagError>(&tampered(&count)).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the arg `count` of `volume.tagged` is not a `Option<u32>`: invalid type: string \"{}…{}\", expected u32",
                "x".repeat(42),
                "x".repeat(49)
            )
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any values of every kind come back equal.
    #[test]
    fn any_args_come_back_equal(
        name in ".*",
        tags in proptest::collection::vec(".*", 0..4),
        label in proptest::option::of(".*"),
        count in proptest::option::of(proptest::num::u32::ANY),
        ratio in proptest::num::f64::ANY,
        pinned in proptest::bool::ANY,
        days in proptest::option::of(proptest::num::u32::ANY),
    ) {
        // NaN is never equal to itself; it has its own case in terror-core.
        let ratio = if ratio.is_nan() { 0.0 } else { ratio };
        let tier = days.map_or(Tier::Fast, |days| Tier::Archive { days });
        let error = TagError::Tagged { name, tags, label, count, ratio, pinned, tier };
        proptest::prop_assert_eq!(round_trip(&error).unwrap(), error);
    }
}

#[test]
fn what_cannot_be_decoded_says_why() {
    use terror_tonic::StatusDecodeError;

    let bare = tonic::Status::not_found("no such volume");
    assert!(matches!(
        terror_tonic::decode::<VolumeError>(&bare),
        Err(StatusDecodeError::NoErrorInfo)
    ));
    let foreign = tonic::Status::with_error_details(
        Code::NotFound,
        "x",
        tonic_types::ErrorDetails::with_error_info("DISK_GONE", "other.example.com", []),
    );
    let error = terror_tonic::decode::<VolumeError>(&foreign).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no error known here has the reason `DISK_GONE`"
    );
    // A hostile server's reason of any length is kept whole, and quoted
    // in part.
    let long = "A".repeat(100_000);
    let status = tonic::Status::with_error_details(
        Code::NotFound,
        "x",
        tonic_types::ErrorDetails::with_error_info(long.clone(), "x", []),
    );
    let error = terror_tonic::decode::<VolumeError>(&status).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("no error known here has the reason `{}…`", "A".repeat(63))
    );
    assert!(matches!(error, StatusDecodeError::UnknownReason { reason } if reason == long));
    // A reason is the code as `grpc_reason` writes it, and only that.
    for near in [
        "volume_not_found",
        "VOLUME.NOT_FOUND",
        "VOLUME_NOT_FOUNDS",
        "",
    ] {
        let status = tonic::Status::with_error_details(
            Code::NotFound,
            "x",
            tonic_types::ErrorDetails::with_error_info(near, "storage.example.com", []),
        );
        assert!(
            matches!(
                terror_tonic::decode::<VolumeError>(&status),
                Err(StatusDecodeError::UnknownReason { reason }) if reason == near
            ),
            "{near}"
        );
    }
    // A redacted error sends no args: the variant cannot come back whole.
    let redacted = status_in(
        &VolumeError::SnapshotsUnavailable {
            source: std::io::Error::other("down"),
        },
        "en",
    );
    assert!(matches!(
        terror_tonic::decode::<VolumeError>(&redacted),
        Err(StatusDecodeError::Decode(_))
    ));
}
