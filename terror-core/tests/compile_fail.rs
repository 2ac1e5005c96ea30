//! Mistakes in `#[derive(Terror)]` attributes and the errors they produce.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
