use std::fmt::{Debug, Display};

use serde::Serialize;
use serde_json::json;
use terror_core::{ArgValue, StatusCode, Terror};

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "wrapped", status = 400, locales = "locales")]
enum Wrapped<T: Serialize + Debug + Display> {
    #[error("bad value {value}")]
    BadValue { value: T },
    #[error("missing")]
    #[terror(status = 422)]
    Missing,
}

#[derive(Debug, Serialize)]
struct Point {
    x: i32,
    y: i32,
}

impl Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn code_of(error: &dyn Terror) -> &str {
    error.code()
}

fn main() {
    let number = Wrapped::BadValue { value: 7_u32 };
    assert_eq!(number.code(), "wrapped.bad_value");
    assert_eq!(number.status(), StatusCode::BAD_REQUEST);
    assert_eq!(number.args().get("value"), Some(&ArgValue::Int(7)));

    let text = Wrapped::BadValue {
        value: String::from("seven"),
    };
    assert_eq!(
        text.args().get("value"),
        Some(&ArgValue::Str("seven".into()))
    );

    let point = Wrapped::BadValue {
        value: Point { x: 1, y: -2 },
    };
    assert_eq!(
        point.args().get("value"),
        Some(&ArgValue::Json(json!({"x": 1, "y": -2})))
    );
    assert_eq!(point.to_string(), "bad value (1, -2)");

    let missing: Wrapped<u8> = Wrapped::Missing;
    assert_eq!(code_of(&missing), "wrapped.missing");
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.args().is_empty());
}
