//! Serves the README's example on http://127.0.0.1:3001 (or `$TERROR_ADDR`).

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = quickstart::app()?;
    let addr = std::env::var("TERROR_ADDR").unwrap_or_else(|_| "127.0.0.1:3001".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{addr}");
    axum::serve(listener, app).await?;
    Ok(())
}
