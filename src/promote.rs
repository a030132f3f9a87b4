//! Promoting a release between environments: what FROM runs, by digest, becomes TO's image.
//! This module owns the decisions (which image, whether TO can take it, what else differs);
//! reading the cluster, the secrets and committing belong to `cluster`, `secrets` and `gitops`.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::cluster::unsealed::Unsealed;
use crate::exit::{Classify, ExitCode};
use crate::spec::AppSpec;

/// A field of app.yaml that differs between the two environments, other than the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The field: `hosts`, `replicas`, `env.DEBUG`, `cron`, ...
    pub field: String,
    /// Its value in FROM, as JSON (`null`: not set).
    pub from: serde_json::Value,
    /// Its value in TO.
    pub to: serde_json::Value,
}

/// The fields of app.yaml that differ between `from` and `to`, `env` key by key. The image is
/// what promote changes, and the name and the secrets' revision differ by design, so none of
/// them is listed. Every other field
/// is compared as JSON, so fields added to the spec later (`cron`, ...) are shown too.
#[must_use]
pub fn differences(from: &AppSpec, to: &AppSpec) -> Vec<Difference> {
    let as_map = |spec: &AppSpec| match serde_json::to_value(spec) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (from, to) = (as_map(from), as_map(to));
    let fields: BTreeSet<&String> = from.keys().chain(to.keys()).collect();
    let null = serde_json::Value::Null;
    let mut out = Vec::new();
    for field in fields {
        if ["name", "image", "secretsRevision"].contains(&field.as_str()) {
            continue;
        }
        let (a, b) = (
            from.get(field).unwrap_or(&null),
            to.get(field).unwrap_or(&null),
        );
        if field == "env" {
            out.extend(env_differences(a, b));
        } else if a != b {
            out.push(Difference {
                field: field.clone(),
                from: a.clone(),
                to: b.clone(),
            });
        }
    }
    out
}

/// `env` key by key: names only with their values, which are never secret (app.yaml's `env`
/// holds plain values; secrets are sealed apart).
fn env_differences(from: &serde_json::Value, to: &serde_json::Value) -> Vec<Difference> {
    let empty = serde_json::Map::new();
    let (from, to) = (
        from.as_object().unwrap_or(&empty),
        to.as_object().unwrap_or(&empty),
    );
    let keys: BTreeSet<&String> = from.keys().chain(to.keys()).collect();
    let null = serde_json::Value::Null;
    keys.into_iter()
        .filter(|k| from.get(*k) != to.get(*k))
        .map(|k| Difference {
            field: format!("env.{k}"),
            from: from.get(k).unwrap_or(&null).clone(),
            to: to.get(k).unwrap_or(&null).clone(),
        })
        .collect()
}

/// The secret keys FROM has and TO lacks, sorted: the code that runs in FROM may need them.
#[must_use]
pub fn missing_secrets(from: &[String], to: &[String]) -> Vec<String> {
    let to: BTreeSet<&String> = to.iter().collect();
    let missing: BTreeSet<&String> = from.iter().filter(|k| !to.contains(k)).collect();
    missing.into_iter().cloned().collect()
}

/// TO's sealed keys that its Secret in the cluster lacks, and why: the release that follows the
/// promotion may fail on them (exit 13) until the controller unseals them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotUnsealed {
    pub keys: Vec<String>,
    pub why: String,
}

/// The keys of TO's sealed-secrets.yaml (`sealed`, desired state) that the cluster has not
/// unsealed, as its SealedSecret says (`cluster`); `None` when the Secret has every one.
#[must_use]
pub fn not_unsealed(sealed: &[String], cluster: &Unsealed) -> Option<NotUnsealed> {
    let (keys, why): (Vec<String>, String) = match cluster {
        Unsealed::Keys(unsealed) => (
            sealed.iter().filter(|k| !unsealed.contains(*k)).cloned().collect(),
            "the cluster's SealedSecret does not have them yet (ArgoCD has not applied the newest sealed-secrets.yaml)".to_owned(),
        ),
        Unsealed::NoSealedSecret => (
            sealed.to_vec(),
            "the namespace has no SealedSecret yet (ArgoCD has not applied sealed-secrets.yaml)".to_owned(),
        ),
        Unsealed::Pending { message: Some(message), .. } => (
            sealed.to_vec(),
            format!("the SealedSecrets controller could not unseal them: {message}"),
        ),
        Unsealed::Pending { message: None, .. } => (
            sealed.to_vec(),
            "the SealedSecrets controller has not unsealed the newest version yet".to_owned(),
        ),
    };
    let keys: Vec<String> = keys
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    (!keys.is_empty()).then_some(NotUnsealed { keys, why })
}

/// The one image FROM serves, by digest. Ready web pods running two images (a rollout under way)
/// or none at all leave nothing to promote.
///
/// # Errors
/// [`PromoteError::NothingServes`] or [`PromoteError::RolloutUnderWay`].
pub fn image_to_promote(env: &str, app: &str, serving: &[String]) -> Result<String, PromoteError> {
    match serving {
        [one] => Ok(one.clone()),
        [] => Err(PromoteError::NothingServes {
            env: env.to_owned(),
            app: app.to_owned(),
        }),
        many => Err(PromoteError::RolloutUnderWay {
            env: env.to_owned(),
            images: many.to_vec(),
        }),
    }
}

/// Why a promotion cannot go ahead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PromoteError {
    /// FROM and TO are the same environment.
    #[error("cannot promote environment `{0}` to itself")]
    SameEnvironment(String),
    /// No ready web pod of FROM reports an image digest.
    #[error(
        "nothing serves in environment `{env}`: no ready web pod of {app} reports an image digest"
    )]
    NothingServes { env: String, app: String },
    /// FROM's ready pods run more than one image.
    #[error("environment `{env}` serves more than one image now ({}): a rollout is under way", images.join(", "))]
    RolloutUnderWay { env: String, images: Vec<String> },
    /// TO lacks secret keys FROM has.
    #[error("environment `{to}` lacks secret keys that `{from}` has: {}", keys.join(", "))]
    MissingSecrets {
        from: String,
        to: String,
        keys: Vec<String>,
    },
}

impl Classify for PromoteError {
    fn exit_code(&self) -> ExitCode {
        match self {
            PromoteError::NothingServes { .. } => ExitCode::NotFound,
            PromoteError::RolloutUnderWay { .. } => ExitCode::ClusterAccess,
            PromoteError::SameEnvironment(_) | PromoteError::MissingSecrets { .. } => {
                ExitCode::InvalidInput
            }
        }
    }
    fn hint(&self) -> Option<String> {
        Some(match self {
            PromoteError::SameEnvironment(_) => {
                "name two environments of the link file: `ungleich-django promote staging production`".to_owned()
            }
            PromoteError::NothingServes { env, .. } => format!(
                "deploy to it first (`ungleich-django deploy -e {env} --image ...`), and check it with `ungleich-django status -e {env}`"
            ),
            PromoteError::RolloutUnderWay { env, .. } => format!(
                "wait until `ungleich-django status -e {env}` says it is live, then promote"
            ),
            PromoteError::MissingSecrets { to, keys, .. } => format!(
                "set them first (`ungleich-django secret set -e {to} {}`), or pass --force if the code does not need them",
                keys.join(" ")
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> AppSpec {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn differences_leave_out_name_and_image_and_split_env_by_key() {
        let from = spec(
            "name: shop-staging\nimage: r/shop:2\nhosts: [staging.example.com]\nenv: {DEBUG: '1', SAME: x}\n",
        );
        let to = spec(
            "name: shop\nimage: r/shop:1\nhosts: [shop.example.com]\nenv: {SAME: x, ONLY_PROD: y}\n",
        );
        let fields: Vec<String> = differences(&from, &to)
            .into_iter()
            .map(|d| d.field)
            .collect();
        assert_eq!(fields, ["env.DEBUG", "env.ONLY_PROD", "hosts"]);
        assert!(differences(&from, &from).is_empty());
    }

    #[test]
    fn missing_secrets_are_what_from_has_and_to_lacks() {
        let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            missing_secrets(&keys(&["B", "A", "C"]), &keys(&["C", "D"])),
            ["A", "B"]
        );
        assert!(missing_secrets(&keys(&["A"]), &keys(&["A", "B"])).is_empty());
    }

    #[test]
    fn keys_not_unsealed_are_the_sealed_ones_the_clusters_secret_lacks() {
        let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let sealed = keys(&["B", "A"]);
        let unsealed = |k: &[&str]| Unsealed::Keys(keys(k).into_iter().collect());
        assert_eq!(not_unsealed(&sealed, &unsealed(&["A", "B", "C"])), None);
        let lacking = not_unsealed(&sealed, &unsealed(&["A"])).unwrap();
        assert_eq!(lacking.keys, ["B"]);
        assert!(lacking.why.contains("not applied the newest"));
        assert_eq!(
            not_unsealed(&sealed, &Unsealed::NoSealedSecret)
                .unwrap()
                .keys,
            ["A", "B"]
        );
        let failed = Unsealed::Pending {
            keys: BTreeSet::new(),
            message: Some("no key could decrypt secret".into()),
        };
        assert!(
            not_unsealed(&sealed, &failed)
                .unwrap()
                .why
                .ends_with("could not unseal them: no key could decrypt secret")
        );
        assert_eq!(not_unsealed(&[], &Unsealed::NoSealedSecret), None);
    }

    #[test]
    fn one_image_serving_is_promoted_and_else_a_clear_error() {
        let one = ["r/shop@sha256:aa".to_owned()];
        assert_eq!(image_to_promote("staging", "shop", &one).unwrap(), one[0]);
        let none = image_to_promote("staging", "shop", &[]).unwrap_err();
        assert_eq!(none.exit_code(), ExitCode::NotFound);
        let two = image_to_promote("staging", "shop", &["a".into(), "b".into()]).unwrap_err();
        assert!(two.to_string().contains("a, b"));
        let missing = PromoteError::MissingSecrets {
            from: "staging".into(),
            to: "production".into(),
            keys: vec!["A".into(), "B".into()],
        };
        assert_eq!(missing.exit_code(), ExitCode::InvalidInput);
        assert!(
            missing
                .hint()
                .unwrap()
                .contains("secret set -e production A B")
        );
    }
}
