//! `restarts` (the rolling-restart counters the chart renders as a pod-template annotation) and
//! what `scale` and `restart` accept: which components, how many pods. Kept in their own file so
//! the app spec grows additively.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AppSpec, MAX_REPLICAS};
use crate::exit::{Classify, ExitCode};

/// How many times each component was restarted by `ungleich-django restart`. A change rolls
/// the pods: the chart puts the number in an annotation of the pod template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Restarts {
    /// Restarts of the web pods.
    #[serde(default)]
    pub web: u64,
    /// Restarts of the worker pods.
    #[serde(default, rename = "async")]
    pub async_worker: u64,
}

impl Restarts {
    pub(super) fn is_default(&self) -> bool {
        *self == Restarts::default()
    }
}

/// A component a day-2 command changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Web,
    Async,
}

impl Component {
    /// Its key in `replicas` and `restarts`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Component::Web => "web",
            Component::Async => "async",
        }
    }
}

/// Why `scale` or `restart` refuses.
#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    /// Not `web=N` or `async=N`.
    #[error("`{arg}` is not web=N or async=N")]
    BadArgument { arg: String },
    /// The same component twice.
    #[error("{component} is given twice")]
    Repeated { component: &'static str },
    /// More pods than the limit.
    #[error("{component}={count} is more than the {limit} pods the chart allows")]
    TooMany {
        component: &'static str,
        count: u64,
        limit: u32,
    },
    /// More pods than the namespace's ResourceQuota leaves room for.
    #[error("{0}")]
    OverQuota(Box<OverQuota>),
    /// `async` asked for while app.yaml has no worker.
    #[error("app.yaml has no worker (`async` is off), so there are no async pods to {verb}")]
    NoWorker { verb: &'static str },
}

/// A count the namespace's ResourceQuota has no room for, and the most that fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverQuota {
    pub component: &'static str,
    pub count: u64,
    pub quota: String,
    /// The quota key, e.g. `limits.memory`.
    pub resource: String,
    /// What the app's pods would need of it, what it allows, and what other pods use.
    pub needed: String,
    pub hard: String,
    pub others: String,
    pub fits: u64,
}

impl std::fmt::Display for OverQuota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}={} does not fit the namespace's ResourceQuota {}: the app's pods would need {} of {}, which allows {}, and other pods use {} of it; at most {}={} fits",
            self.component,
            self.count,
            self.quota,
            self.needed,
            self.resource,
            self.hard,
            self.others,
            self.component,
            self.fits
        )
    }
}

impl Classify for ScaleError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }

    fn hint(&self) -> Option<String> {
        match self {
            ScaleError::BadArgument { .. } | ScaleError::Repeated { .. } => {
                Some("for example: ungleich-django scale web=3 async=1".to_owned())
            }
            ScaleError::TooMany { .. } => {
                Some("ask the hoster for a larger plan to run more pods".to_owned())
            }
            ScaleError::OverQuota(over) => Some(format!(
                "scale to at most {}={}, or ask the hoster for a larger plan (the quota is the hoster's sizes)",
                over.component, over.fits
            )),
            ScaleError::NoWorker { .. } => Some(
                "turn the worker on with `async: true` in app.yaml (the image needs /async)"
                    .to_owned(),
            ),
        }
    }
}

/// Parses `scale`'s `web=N async=M` within `limit` pods each.
///
/// # Errors
/// The first argument that is not one of those, a repeated component, or a count over `limit`.
pub fn parse_counts(args: &[String], limit: u32) -> Result<Vec<(Component, u64)>, ScaleError> {
    let mut out: Vec<(Component, u64)> = Vec::new();
    for arg in args {
        let bad = || ScaleError::BadArgument { arg: arg.clone() };
        let (name, count) = arg.split_once('=').ok_or_else(bad)?;
        let component = match name {
            "web" => Component::Web,
            "async" => Component::Async,
            _ => return Err(bad()),
        };
        let count: u64 = count.parse().map_err(|_| bad())?;
        if out.iter().any(|(c, _)| *c == component) {
            return Err(ScaleError::Repeated {
                component: component.key(),
            });
        }
        if count > u64::from(limit) {
            return Err(ScaleError::TooMany {
                component: component.key(),
                count,
                limit,
            });
        }
        out.push((component, count));
    }
    Ok(out)
}

/// The schema's limit of pods per component, which helm enforces too.
#[must_use]
pub fn schema_limit() -> u32 {
    MAX_REPLICAS
}

/// Refuses `async` when `spec` runs no worker.
///
/// # Errors
/// [`ScaleError::NoWorker`].
pub fn refuse_async_without_worker(
    spec: &AppSpec,
    components: &[Component],
    verb: &'static str,
) -> Result<(), ScaleError> {
    if !spec.async_worker && components.contains(&Component::Async) {
        return Err(ScaleError::NoWorker { verb });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_parse_within_the_limit() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            parse_counts(&args(&["web=3", "async=0"]), 20).unwrap(),
            [(Component::Web, 3), (Component::Async, 0)]
        );
        for bad in [
            &["web"][..],
            &["db=1"],
            &["web=-1"],
            &["web=x"],
            &["web=1", "web=2"],
            &["web=21"],
        ] {
            let err = parse_counts(&args(bad), 20).unwrap_err();
            assert_eq!(err.exit_code(), ExitCode::InvalidInput, "{bad:?}");
        }
    }
}
