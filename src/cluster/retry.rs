//! Retrying an API server that is busy or briefly away (429, 503, 504), within a bound a person
//! at the terminal can wait for. kube's own policy retries 15 times with a backoff that grows to
//! minutes, which turns an overloaded API server into a silent terminal; this one gives up after
//! a few attempts within [`BUDGET`], and the command then says what the server answered.

use std::time::Duration;

use http::{Request, Response, StatusCode};
use kube::client::Body;
use tokio::time::Instant;
use tower::retry::Policy;

/// The longest a request is retried, first attempt included.
pub(crate) const BUDGET: Duration = Duration::from_secs(12);
/// Retries after the first attempt.
const MAX_RETRIES: u32 = 4;
/// The first wait; each later one doubles (0.5 s, 1 s, 2 s, 4 s).
const FIRST_DELAY: Duration = Duration::from_millis(500);
/// A server's Retry-After is honoured up to this long.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// The policy of one request (tower clones it for each).
#[derive(Clone, Debug, Default)]
pub struct BoundedRetry {
    retries: u32,
    started: Option<Instant>,
}

impl BoundedRetry {
    /// How long to wait before the next attempt, or `None` to give up: `status` is what the
    /// server answered, `retry_after` its Retry-After in seconds, `elapsed` the time since the
    /// first attempt.
    fn next_wait(
        &self,
        status: StatusCode,
        retry_after: Option<u64>,
        elapsed: Duration,
    ) -> Option<Duration> {
        let busy = matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        );
        if !busy || self.retries >= MAX_RETRIES {
            return None;
        }
        let backoff = FIRST_DELAY * 2u32.pow(self.retries);
        let asked = retry_after.map_or(Duration::ZERO, |s| {
            Duration::from_secs(s).min(MAX_RETRY_AFTER)
        });
        let wait = backoff.max(asked);
        (elapsed + wait <= BUDGET).then_some(wait)
    }
}

impl<Res, E> Policy<Request<Body>, Response<Res>, E> for BoundedRetry {
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        _request: &mut Request<Body>,
        result: &mut Result<Response<Res>, E>,
    ) -> Option<Self::Future> {
        let Ok(response) = result else {
            return None;
        };
        let started = *self.started.get_or_insert_with(Instant::now);
        let retry_after = response
            .headers()
            .get(http::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let wait = self.next_wait(response.status(), retry_after, started.elapsed())?;
        self.retries += 1;
        Some(tokio::time::sleep(wait))
    }

    fn clone_request(&mut self, request: &Request<Body>) -> Option<Request<Body>> {
        // The first attempt starts the clock (`retry` runs only after it).
        self.started.get_or_insert_with(Instant::now);
        let body = request.body().try_clone()?;
        let mut copy = Request::builder()
            .method(request.method().clone())
            .uri(request.uri().clone())
            .version(request.version())
            .body(body)
            .ok()?;
        *copy.headers_mut() = request.headers().clone();
        *copy.extensions_mut() = request.extensions().clone();
        Some(copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_answers_are_retried_a_few_times_within_the_budget() {
        let s = |code: u16| StatusCode::from_u16(code).unwrap();
        let ms = Duration::from_millis;
        let at = |retries: u32| BoundedRetry {
            retries,
            started: None,
        };
        // (retries so far, status, Retry-After, elapsed, wait)
        type Case = (u32, u16, Option<u64>, Duration, Option<Duration>);
        let cases: &[Case] = &[
            (0, 503, None, ms(0), Some(ms(500))),
            (1, 429, None, ms(600), Some(ms(1000))),
            (3, 504, None, ms(4000), Some(ms(4000))),
            (4, 503, None, ms(8000), None),
            // Retry-After wins when longer, but never beyond 5 s.
            (0, 429, Some(3), ms(0), Some(ms(3000))),
            (0, 429, Some(600), ms(0), Some(ms(5000))),
            // Never beyond the budget.
            (2, 503, None, ms(10_500), None),
            // Other answers are final.
            (0, 500, None, ms(0), None),
            (0, 403, None, ms(0), None),
            (0, 200, None, ms(0), None),
        ];
        for &(retries, code, retry_after, elapsed, want) in cases {
            assert_eq!(
                at(retries).next_wait(s(code), retry_after, elapsed),
                want,
                "retry {retries}, {code}, Retry-After {retry_after:?}, after {elapsed:?}"
            );
        }
    }
}
