use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[error("point out of range")]
#[terror(code = "plot.out_of_range", status = 400)]
struct OutOfRange {
    x: i64,
    max_x: i64,
}

fn main() {}
