//! Name conversions: Rust names to codes, and checks of codes and ids.
//! (Message ids and "did you mean" hints come from terror-ftl.)

/// `CapacityExceeded` -> `capacity_exceeded`, `HTTPError` -> `http_error`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.trim_start_matches("r#").chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A dotted code: segments of `[a-z][a-z0-9_]*` joined by `.`.
pub(crate) fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.split('.').all(|segment| {
            let mut bytes = segment.bytes();
            bytes.next().is_some_and(|b| b.is_ascii_lowercase())
                && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// A Fluent message identifier: `[a-zA-Z][a-zA-Z0-9_-]*`.
pub(crate) fn is_fluent_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases() {
        assert_eq!(snake_case("NotFound"), "not_found");
        assert_eq!(snake_case("CapacityExceeded"), "capacity_exceeded");
        assert_eq!(snake_case("HTTPError"), "http_error");
        assert_eq!(snake_case("Io"), "io");
        assert_eq!(snake_case("Utf8Error"), "utf8_error");
        assert_eq!(snake_case("Already_Exists"), "already_exists");
    }

    #[test]
    fn codes_and_ids() {
        assert!(is_code("volume.not_found"));
        assert!(is_code("a.b2.c_d"));
        assert!(!is_code("Volume.x"));
        assert!(!is_code("volume..x"));
        assert!(!is_code("volume-x"));
        assert!(is_fluent_id("volume-not-found"));
        assert!(!is_fluent_id("-term"));
    }
}
