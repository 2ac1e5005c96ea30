use terror_core::Terror;

#[derive(Debug, thiserror::Error, Terror)]
#[terror(prefix = "order", status = 402, locales = "locales")]
enum OrderError {
    /// The card issuer declined the payment.
    #[error("payment declined")]
    PaymentDeclined {
        /// The amount charged, in euros.
        amount: f64,
        /// how many times the client has tried
        attempts: Option<u32>,
        #[terror(rename = "card_brand")]
        brand: &'static str,
        retryable: bool,
        #[terror(skip)]
        token: String,
    },
}

fn main() {}
