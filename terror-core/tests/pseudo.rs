//! A pseudo-locale of the application pseudo-localizes the framework's
//! messages too, so that in `en-XA` text not in brackets is text nobody
//! translated.

use terror_core::{Localizer, StatusCode, Terror};

// A library's messages join the framework's, as terror-axum's `request.*`
// do; this one has a method, a path and a URL in it.
terror_core::register_locales!("tests/pseudo_locales");

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "orders")]
enum OrderError {
    #[error("order {id} not found")]
    #[terror(status = 404)]
    NotFound { id: u64 },
    #[error("orders moved")]
    #[terror(status = 410)]
    Moved,
    #[error("orders database at 10.0.0.7 is down")]
    #[terror(status = 503)]
    Down,
}

fn localizer() -> Localizer {
    Localizer::builder()
        .default_locale("en-US")
        .source("en-US", "locales/en-US/orders.ftl", "orders-not-found = Order { $id } was not found.\n")
        // What `terror pseudo` writes from en-US.
        .source("en-XA", "locales/en-XA/orders.ftl", "orders-not-found = [Ořḓeeř { $id } ẇaaş ƞooŧ ƒoouuƞḓ.]\n")
        .source("en-GB", "locales/en-GB/orders.ftl", "orders-not-found = Order { $id } could not be found.\n")
        .source("ar-XB", "locales/ar-XB/orders.ftl", "orders-not-found = [\u{202e}Oɹpǝɹ\u{202c} { $id } \u{202e}ʍɐs\u{202c} \u{202e}uoʇ\u{202c} \u{202e}ɟonup.\u{202c}]\n")
        .build()
        .unwrap()
}

/// The title, detail and language a client reads.
fn read(localizer: &Localizer, language: &str, error: &OrderError) -> (String, String, String) {
    let chain = localizer.negotiate(None, Some(language));
    let problem = localizer.render(error, &chain);
    (
        problem.title().to_owned(),
        problem.detail().to_owned(),
        problem.language().to_string(),
    )
}

#[test]
fn the_framework_speaks_the_pseudo_locale() {
    let localizer = localizer();
    let read = |error: &OrderError| read(&localizer, "en-XA", error);
    // The application's message, with the framework's status title.
    assert_eq!(
        read(&OrderError::NotFound { id: 7 }),
        (
            "[Ƞooŧ ƒoouuƞḓ]".into(),
            "[Ořḓeeř 7 ẇaaş ƞooŧ ƒoouuƞḓ.]".into(),
            "en-XA".into()
        )
    );
    // A redacted error: both texts are the framework's.
    assert_eq!(
        read(&OrderError::Down),
        (
            "[Şeeřṽiƈee uuƞaaṽaaiŀaaƀŀee]".into(),
            "[Ŧħee şeeřṽeeř ƈoouuŀḓ ƞooŧ ƈooḿƥŀeeŧee ŧħiş řeeɋuueeşŧ.]".into(),
            "en-XA".into()
        )
    );
    // A registered library's message: the method, path and URL stay usable.
    assert_eq!(
        read(&OrderError::Moved),
        (
            "[Ořḓeeřş ḿooṽeeḓ]".into(),
            "[Ŧħiş eeƞḓƥooiƞŧ ḿooṽeeḓ: şeeƞḓ GET /v2/orders iƞşŧeeaaḓ (şeeee https://docs.example.com/orders).]".into(),
            "en-XA".into()
        )
    );
    let chain = localizer.negotiate(None, Some("en-XA"));
    assert_eq!(
        localizer.status_title(&chain, StatusCode::HTTP_VERSION_NOT_SUPPORTED),
        "[HTTP ṽeeřşiooƞ ƞooŧ şuuƥƥoořŧeeḓ]"
    );
}

#[test]
fn a_locale_that_is_not_pseudo_gets_the_framework_as_written() {
    let localizer = localizer();
    let read = |error: &OrderError| read(&localizer, "en-GB", error);
    assert_eq!(
        read(&OrderError::Down),
        (
            "Service unavailable".into(),
            "The server could not complete this request.".into(),
            "en-GB".into()
        )
    );
    assert_eq!(
        read(&OrderError::Moved).1,
        "This endpoint moved: send GET /v2/orders instead (see https://docs.example.com/orders)."
    );
    assert_eq!(read(&OrderError::NotFound { id: 7 }).0, "Not found");
}

#[test]
fn a_right_to_left_pseudo_locale_mirrors_the_framework_english() {
    // The framework has no Arabic: ar-XB mirrors its en-US.
    let localizer = localizer();
    assert_eq!(
        read(&localizer, "ar-XB", &OrderError::NotFound { id: 7 }).0,
        "[\u{202e}Noʇ\u{202c} \u{202e}ɟonup\u{202c}]"
    );
    assert_eq!(
        read(&localizer, "ar-XB", &OrderError::Moved).1,
        "[\u{202e}⊥ɥıs\u{202c} \u{202e}ǝupdoıuʇ\u{202c} \u{202e}ɯoʌǝp:\u{202c} \u{202e}sǝup\u{202c} GET /v2/orders \u{202e}ıusʇǝɐp\u{202c} \u{202e}(sǝǝ\u{202c} https://docs.example.com/orders).]"
    );
}
