use terror_core::Terror;

#[derive(Terror)]
union Error {
    code: u32,
    status: u16,
}

fn main() {}
