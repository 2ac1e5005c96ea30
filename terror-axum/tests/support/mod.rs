//! What terror-axum's tests share: the test localizer, and capturing log
//! lines.

#![allow(dead_code, unreachable_pub, unused_imports)] // Each test file uses part of this.

pub mod logs;

use std::sync::{Arc, OnceLock};

use terror_core::Localizer;

pub use logs::with_logs;

/// The localizer of `tests/locales`, built once.
pub fn localizer() -> Arc<Localizer> {
    static LOCALIZER: OnceLock<Arc<Localizer>> = OnceLock::new();
    LOCALIZER
        .get_or_init(|| {
            Arc::new(
                Localizer::builder()
                    .embedded(terror_core::embed_locales!("tests/locales"))
                    .build()
                    .unwrap(),
            )
        })
        .clone()
}
