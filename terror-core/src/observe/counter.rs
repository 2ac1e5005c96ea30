//! The error counter, through the `metrics` facade: whatever recorder the
//! service installs (Prometheus, OpenTelemetry, StatsD) counts terror's
//! errors.

use std::sync::OnceLock;

use http::StatusCode;

use super::{Answered, KnownCodes};
use crate::catalog::Catalog;
use crate::terror::Terror;

/// The counter's name.
pub(crate) const NAME: &str = "terror_errors_total";

/// What a code not in the catalog is counted as.
const UNREGISTERED: &str = "unregistered";

/// Counts one error, under labels that never allocate.
pub(super) fn count(error: &(dyn Terror + '_), answered: &Answered<'_>) {
    let code = catalog_code(error.code());
    let status = status_text(error.status());
    match answered.grpc_code {
        None => metrics::counter!(NAME, "code" => code, "status" => status, "transport" => "http")
            .increment(1),
        Some(grpc) => metrics::counter!(
            NAME,
            "code" => code,
            "status" => status,
            "transport" => "grpc",
            "grpc_code" => grpc.name()
        )
        .increment(1),
    }
}

/// The program's own copy of `code`, or [`UNREGISTERED`]: only codes the
/// program declared (in the catalog, or as [`KnownCodes`]) ever become
/// label values.
pub(crate) fn catalog_code(code: &str) -> &'static str {
    // Every derived error and every `KnownCodes` is registered before
    // `main` runs; they are read once, on the first error counted.
    static CODES: OnceLock<Vec<&'static str>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let mut codes: Vec<&'static str> = Catalog::collect()
            .entries()
            .iter()
            .map(|entry| entry.code())
            .chain(
                inventory::iter::<KnownCodes>
                    .into_iter()
                    .flat_map(|known| known.0.iter().copied()),
            )
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    });
    codes
        .binary_search(&code)
        .map_or(UNREGISTERED, |at| codes[at])
}

/// A status's three digits, from a static table: `StatusCode::as_str`
/// borrows from the status, and a label value is `'static` or allocated.
fn status_text(status: StatusCode) -> &'static str {
    const FIRST: u16 = 100;
    const COUNT: usize = 900;
    const DIGIT: [u8; 10] = *b"0123456789";
    static DIGITS: [u8; 3 * COUNT] = {
        let mut digits = [0; 3 * COUNT];
        let mut i = 0;
        while i < COUNT {
            let n = FIRST as usize + i;
            digits[3 * i] = DIGIT[n / 100];
            digits[3 * i + 1] = DIGIT[n / 10 % 10];
            digits[3 * i + 2] = DIGIT[n % 10];
            i += 1;
        }
        digits
    };
    let at = 3 * usize::from(status.as_u16().saturating_sub(FIRST));
    DIGITS
        .get(at..at + 3)
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .unwrap_or("000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_their_digits() {
        for status in [100, 200, 404, 503, 599, 999] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(status_text(status), status.as_str());
        }
    }

    #[test]
    fn only_catalog_codes_are_labels() {
        assert_eq!(catalog_code("no.such_code"), UNREGISTERED);
        assert_eq!(catalog_code("volume.not_found\n{}"), UNREGISTERED);
    }
}
