//! Run with: `cargo run -p storage-api --example grpc_call -- db-02 ru`
//!
//! Calls `storage.v1.Storage/GetVolume` on a running storage-api
//! (`http://127.0.0.1:3000`, or `$TERROR_GRPC_URL`) in the given language,
//! and prints the rich status it gets, detail by detail.

use storage_api::grpc::v1::storage_client::StorageClient;
use storage_api::grpc::v1::GetVolumeRequest;
use tonic_types::StatusExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "db-02".to_owned());
    let language = args.next().unwrap_or_else(|| "en".to_owned());
    let url =
        std::env::var("TERROR_GRPC_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".to_owned());
    let mut client = StorageClient::connect(url).await?;
    let mut request = tonic::Request::new(GetVolumeRequest { name });
    request
        .metadata_mut()
        .insert("accept-language", language.parse()?);
    let status = match client.get_volume(request).await {
        Ok(volume) => {
            println!("{:?}", volume.into_inner());
            return Ok(());
        }
        Err(status) => status,
    };
    println!("code: {:?}", status.code());
    println!("message: {}", status.message());
    let details = status.get_error_details();
    if let Some(info) = details.error_info() {
        let mut metadata: Vec<_> = info.metadata.iter().collect();
        metadata.sort();
        println!(
            "ErrorInfo: reason {}, domain {}, metadata {metadata:?}",
            info.reason, info.domain
        );
    }
    if let Some(localized) = details.localized_message() {
        println!(
            "LocalizedMessage ({}): {}",
            localized.locale, localized.message
        );
    }
    if let Some(help) = details.help() {
        for link in &help.links {
            println!("Help: {} <{}>", link.description, link.url);
        }
    }
    if let Some(request) = details.request_info() {
        println!("RequestInfo: {}", request.request_id);
    }
    Ok(())
}
