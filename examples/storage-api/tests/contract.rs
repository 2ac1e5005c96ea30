//! The error contract: the codes, statuses, gRPC codes and args clients
//! rely on match `errors.lock.json`. A change fails this test with every
//! change classified (breaking, additive, cosmetic); when it is meant,
//! `TERROR_LOCK=accept cargo test -p storage-api --test contract` writes
//! the lock anew (a breaking change only with a new major version), and
//! the lock is committed with the change.

#[test]
fn the_error_contract_is_the_locked_one() {
    let localizer = storage_api::localizer().unwrap();
    terror_core::assert_lock!(&localizer, "errors.lock.json");
}
