//! Capturing the log lines a test's requests write. Shared by terror-axum's
//! tests and storage-api's.

thread_local! {
    /// The log lines of the test running on this thread, while it captures.
    static CAPTURED: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// Writes log lines to the capturing test's buffer, if any.
struct ThreadWriter;

impl std::io::Write for ThreadWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED.with(|c| {
            if let Some(lines) = c.borrow_mut().as_mut() {
                lines.extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `future` on this thread and returns what it logged, at every level.
///
/// One global subscriber writes for every test; each test reads only its
/// own thread's lines. (A subscriber per test, with `with_default`, races
/// with other threads over tracing's cached callsite interest.)
pub fn with_logs<T>(future: impl std::future::Future<Output = T>) -> (T, String) {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| ThreadWriter)
            .try_init();
    });
    CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let result = runtime.block_on(future);
    drop(runtime);
    let lines = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (result, String::from_utf8(lines).unwrap())
}
