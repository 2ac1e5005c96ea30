use super::*;

#[test]
fn accept_language_lines_combine() {
    let mut headers = HeaderMap::new();
    assert_eq!(accept_language(&headers), None);
    headers.append(header::ACCEPT_LANGUAGE, "fr".parse().unwrap());
    assert_eq!(accept_language(&headers).as_deref(), Some("fr"));
    headers.append(header::ACCEPT_LANGUAGE, "de;q=0.5".parse().unwrap());
    assert_eq!(accept_language(&headers).as_deref(), Some("fr, de;q=0.5"));
    for _ in 0..10_000 {
        headers.append(header::ACCEPT_LANGUAGE, "xx".parse().unwrap());
    }
    assert!(accept_language(&headers).unwrap().len() <= MAX_HEADER_LEN + 4);
}

#[test]
fn query_values_are_found_and_decoded() {
    assert_eq!(query_value("a=1&lang=ru", "lang").as_deref(), Some("ru"));
    assert_eq!(
        query_value("lang=de%2Cru", "lang").as_deref(),
        Some("de,ru")
    );
    assert_eq!(query_value("lang", "lang").as_deref(), Some(""));
    assert_eq!(query_value("language=ru", "lang"), None);
    assert_eq!(query_value("lang=%zz%", "lang").as_deref(), Some("%zz%"));
    assert_eq!(query_value("lang=%", "lang").as_deref(), Some("%"));
    assert_eq!(query_value("lang=%4", "lang").as_deref(), Some("%4"));
    assert_eq!(query_value("lang=%ff", "lang").as_deref(), Some("\u{fffd}"));
    // A sign is not a hex digit: `%+9` is not a tab.
    assert_eq!(query_value("lang=%+9de", "lang").as_deref(), Some("% 9de"));
    assert_eq!(query_value("l%61ng=ru", "lang").as_deref(), Some("ru"));
}

/// A layer whose localizer has `en-US` (its default), `de` and `ru`.
fn languages_layer() -> crate::layer::ProblemLayer {
    let mut builder = Localizer::builder().default_locale("en-US");
    for locale in ["en-US", "de", "ru"] {
        builder = builder.source(locale, format!("{locale}/test.ftl"), "hello = hello");
    }
    crate::layer::ProblemLayer::new(Arc::new(builder.build().unwrap()))
}

/// The scope of a request for `target` with the headers given.
fn scope_for(
    layer: &crate::layer::ProblemLayer,
    target: &str,
    headers: &[(&str, &[u8])],
) -> Arc<Scope> {
    let mut request = http::Request::get(target);
    for (name, value) in headers {
        request = request.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    let request = request.body(()).unwrap();
    Scope::shared(
        &layer.config,
        request.uri(),
        request.method(),
        request.headers(),
    )
}

/// The language a request negotiates.
fn negotiated(accept: &[u8]) -> String {
    let layer = languages_layer();
    let scope = scope_for(&layer, "/", &[("accept-language", accept)]);
    scope.chain().primary().to_string()
}

#[test]
fn accept_language_is_negotiated() {
    assert_eq!(negotiated(b"ru"), "ru");
    assert_eq!(negotiated(b" \tde;q=0.9, ru;q=0.1 "), "de");
    // Not visible ASCII: as if none was sent, short or long.
    assert_eq!(negotiated(b"ru, d\xe9"), "en-US");
    let mut long = b"ru, ".to_vec();
    long.extend(b"xx;q=0.1, ".repeat(200));
    assert_eq!(negotiated(&long), "ru");
    long.push(0xe9);
    assert_eq!(negotiated(&long), "en-US");
    // Negotiation trims the whitespace first: a long run of it before
    // the ranges leaves them read.
    let mut spaced = b" ".repeat(3 * MAX_HEADER_LEN);
    spaced.extend(b"de");
    assert_eq!(negotiated(&spaced), "de");
    // Past what negotiation reads, nothing is read.
    let mut late = b"xx, ".repeat(MAX_HEADER_LEN / 4);
    late.extend(b"de");
    assert_eq!(negotiated(&late), "en-US");
}

#[test]
fn the_target_is_kept_as_path_and_query() {
    let layer = languages_layer();
    let scope = scope_for(
        &layer,
        "/volumes/db-01?lang=ru&x=%3F",
        &[("accept-language", b"de")],
    );
    assert_eq!(scope.path(), "/volumes/db-01");
    assert_eq!(scope.query(), Some("lang=ru&x=%3F"));
    assert_eq!(scope.accept_language(), Some("de"));
    assert_eq!(scope.chain().primary().to_string(), "ru");
    let scope = scope_for(&layer, "/volumes?", &[]);
    assert_eq!((scope.path(), scope.query()), ("/volumes", Some("")));
    assert_eq!(scope.accept_language(), None);
    let scope = scope_for(&layer, "http://example.com", &[]);
    assert_eq!((scope.path(), scope.query()), ("/", None));
    let scope = scope_for(&layer, "*", &[]);
    assert_eq!((scope.path(), scope.query()), ("*", None));
}

/// Whatever is sent, no more of `Accept-Language` is kept than
/// negotiation reads.
#[test]
fn a_long_accept_language_is_cut_to_what_negotiation_reads() {
    let layer = languages_layer();
    let mut spaced = b" ".repeat(3 * MAX_HEADER_LEN);
    spaced.extend(b"de");
    let scope = scope_for(&layer, "/", &[("accept-language", &spaced)]);
    assert_eq!(
        scope.accept_language(),
        Some("de"),
        "the whitespace was kept"
    );
    let late = b"xx, ".repeat(MAX_HEADER_LEN);
    let scope = scope_for(&layer, "/", &[("accept-language", &late)]);
    assert_eq!(scope.accept_language().unwrap().len(), MAX_HEADER_LEN);
    let scope = scope_for(&layer, "/", &[("accept-language", b"ru, d\xe9")]);
    assert_eq!(scope.accept_language(), None, "not visible ASCII");
}

/// A target and header longer than the inline buffer move to the heap,
/// whole.
#[test]
fn long_texts_are_kept_whole() {
    let layer = languages_layer();
    let path = format!("/{}", "p".repeat(Kept::INLINE));
    let target = format!("{path}?lang=de");
    let scope = scope_for(&layer, &target, &[("accept-language", b"ru")]);
    assert_eq!(scope.path(), path);
    assert_eq!(scope.query(), Some("lang=de"));
    assert_eq!(scope.accept_language(), Some("ru"));
    let accept = format!("ru, {}", "xx;q=0.1, ".repeat(Kept::INLINE / 10));
    let scope = scope_for(&layer, "/v?a=b", &[("accept-language", accept.as_bytes())]);
    assert_eq!((scope.path(), scope.query()), ("/v", Some("a=b")));
    assert_eq!(scope.accept_language(), Some(accept.as_str()));
}

#[test]
fn headers_are_read() {
    let layer = languages_layer();
    // Both sides of the threshold, so both ways of reading.
    for padding in [0, SCAN_AT_MOST] {
        let names: Vec<String> = (0..padding).map(|n| format!("x-padding-{n}")).collect();
        let mut headers: Vec<(&str, &[u8])> =
            names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let scope = scope_for(&layer, "/", &headers);
        assert_eq!((scope.accept_language(), scope.id_if_any()), (None, None));
        headers.extend([
            ("accept-language", &b"fr"[..]),
            ("x-request-id", b"a b"),
            ("x-request-id", b"second"),
        ]);
        let scope = scope_for(&layer, "/", &headers);
        assert_eq!(scope.accept_language(), Some("fr"));
        assert_eq!(
            scope.id_if_any(),
            None,
            "the first id is the one read, and it is not sane"
        );
        headers.retain(|(name, _)| *name != "x-request-id");
        headers.extend([
            ("accept-language", &b"de;q=0.5"[..]),
            ("x-request-id", b"req-1"),
        ]);
        let scope = scope_for(&layer, "/", &headers);
        assert_eq!(scope.accept_language(), Some("fr, de;q=0.5"));
        assert_eq!(scope.id_if_any(), Some("req-1"));
    }
}

#[test]
fn a_sane_request_id_is_kept_and_another_replaced() {
    let layer = languages_layer();
    let sent = scope_for(&layer, "/", &[("x-request-id", b"req-1")]);
    assert_eq!(sent.id_if_any(), Some("req-1"));
    assert_eq!(sent.echoed_id().unwrap(), "req-1");
    for insane in [&b"a b"[..], b"caf\xc3\xa9", &[b'x'; 129]] {
        let scope = scope_for(&layer, "/", &[("x-request-id", insane)]);
        assert_eq!(scope.id_if_any(), None, "{insane:?}");
        assert_eq!(scope.echoed_id(), None);
        assert_eq!(scope.request_id().len(), 16);
    }
}
