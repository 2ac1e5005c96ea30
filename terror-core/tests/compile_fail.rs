//! Mistakes in `#[derive(Terror)]` attributes and the errors they produce,
//! and derives that must compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.compile_fail("tests/ui/ftl/*.rs");
    t.compile_fail("tests/ui/grpc/*.rs");
    t.compile_fail("tests/ui/deprecated/*.rs");
    t.pass("tests/pass/*.rs");
}
