//! A small HTTPS GET for `--cert URL`: TLS verified against the system's roots (and
//! `SSL_CERT_FILE`), plain http refused, proxies from the environment not supported.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};

use crate::exit::{Classify, ExitCode};

/// The largest answer accepted: a certificate bundle is a few kilobytes.
const MAX_BYTES: usize = 1 << 20;
const TIMEOUT: Duration = Duration::from_secs(30);

/// A URL that could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum HttpsError {
    /// Not an https URL.
    #[error(
        "refusing {url}: only https URLs are fetched, so that nobody on the way can swap the certificate"
    )]
    NotHttps { url: String },
    /// Connection, TLS verification or protocol failure.
    #[error("cannot fetch {url}: {reason}")]
    Transport { url: String, reason: String },
    /// The server answered with an error status.
    #[error("cannot fetch {url}: {status}")]
    Status {
        url: String,
        status: http::StatusCode,
    },
    /// The answer is larger than any certificate.
    #[error("cannot fetch {url}: the answer is larger than 1 MiB")]
    TooLarge { url: String },
}

impl Classify for HttpsError {
    fn exit_code(&self) -> ExitCode {
        match self {
            HttpsError::NotHttps { .. } => ExitCode::InvalidInput,
            _ => ExitCode::Failure,
        }
    }
}

/// The body of `GET url`.
///
/// # Errors
/// When `url` is not https, TLS cannot be verified, the server answers other than 200, or the
/// answer is too large.
pub async fn get(url: &str) -> Result<Vec<u8>, HttpsError> {
    let transport = |reason: String| HttpsError::Transport {
        url: url.to_owned(),
        reason,
    };
    if !url.starts_with("https://") {
        return Err(HttpsError::NotHttps {
            url: url.to_owned(),
        });
    }
    let uri: http::Uri = url.parse().map_err(|e| transport(format!("{e}")))?;
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| transport(format!("no trusted root certificates: {e}")))?
        .https_only()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build::<_, Empty<Bytes>>(connector);
    let request = http::Request::get(uri)
        .header(http::header::ACCEPT, "application/x-pem-file, */*")
        .body(Empty::new())
        .map_err(|e| transport(e.to_string()))?;
    let response = tokio::time::timeout(TIMEOUT, client.request(request))
        .await
        .map_err(|_| transport("no answer within 30 s".to_owned()))?
        .map_err(|e| transport(error_chain(&e)))?;
    if response.status() != http::StatusCode::OK {
        return Err(HttpsError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let body = http_body_util::Limited::new(response.into_body(), MAX_BYTES)
        .collect()
        .await
        .map_err(|_| HttpsError::TooLarge {
            url: url.to_owned(),
        })?;
    Ok(body.to_bytes().to_vec())
}

/// hyper's errors say little at the top ("client error (Connect)"); the cause says what failed.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
