//! Which secret keys the cluster has unsealed for an app: the SealedSecret `<app>-env` as the
//! cluster holds it, read as a `DynamicObject`. Its keys and the controller's `Synced` condition
//! for its newest generation say which keys the Secret `<app>-env` holds, without reading the
//! Secret, whose values the CLI never needs (and which the customer Role does not grant).

use std::collections::BTreeSet;

use kube::api::{ApiResource, DynamicObject, GroupVersionKind};
use kube::{Api, Client};

use crate::cluster::names;

/// What the cluster's SealedSecret of an app says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsealed {
    /// The controller unsealed its newest generation: the Secret holds these keys.
    Keys(BTreeSet<String>),
    /// There is no SealedSecret in the namespace (ArgoCD has not applied sealed-secrets.yaml).
    NoSealedSecret,
    /// The controller has not unsealed the newest generation yet, or could not (`message`).
    Pending {
        keys: BTreeSet<String>,
        message: Option<String>,
    },
}

/// The app's SealedSecret in `namespace`, as the cluster holds it.
///
/// # Errors
/// When it cannot be read (no right to, the API fails); a missing one is
/// [`Unsealed::NoSealedSecret`].
pub async fn read(client: Client, namespace: &str, app: &str) -> Result<Unsealed, kube::Error> {
    let gvk = GroupVersionKind::gvk("bitnami.com", "v1alpha1", "SealedSecret");
    let api: Api<DynamicObject> =
        Api::namespaced_with(client, namespace, &ApiResource::from_gvk(&gvk));
    let Some(object) = api.get_opt(&names::env_secret(app)).await? else {
        return Ok(Unsealed::NoSealedSecret);
    };
    Ok(judge(&object))
}

/// The keys of `object` (a SealedSecret), and whether its newest generation is unsealed.
fn judge(object: &DynamicObject) -> Unsealed {
    let data = &object.data;
    let keys: BTreeSet<String> = data["spec"]["encryptedData"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let synced = data["status"]["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["type"] == "Synced");
    let observed = data["status"]["observedGeneration"].as_i64();
    let current = observed.is_some() && observed == object.metadata.generation;
    match synced {
        Some(c) if c["status"] == "True" && current => Unsealed::Keys(keys),
        Some(c) if c["status"] == "False" => Unsealed::Pending {
            keys,
            message: c["message"].as_str().map(str::to_owned),
        },
        _ => Unsealed::Pending {
            keys,
            message: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(status: serde_json::Value) -> DynamicObject {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "bitnami.com/v1alpha1", "kind": "SealedSecret",
            "metadata": {"name": "shop-env", "generation": 2},
            "spec": {"encryptedData": {"A": "x", "B": "y"}},
            "status": status,
        }))
        .unwrap()
    }

    #[test]
    fn only_a_synced_newest_generation_counts_as_unsealed() {
        let keys: BTreeSet<String> = ["A".to_owned(), "B".to_owned()].into();
        let synced = serde_json::json!({"observedGeneration": 2, "conditions": [{"type": "Synced", "status": "True"}]});
        assert_eq!(judge(&sealed(synced)), Unsealed::Keys(keys.clone()));
        let older = serde_json::json!({"observedGeneration": 1, "conditions": [{"type": "Synced", "status": "True"}]});
        assert_eq!(
            judge(&sealed(older)),
            Unsealed::Pending {
                keys: keys.clone(),
                message: None
            }
        );
        let failed = serde_json::json!({"observedGeneration": 2, "conditions": [{"type": "Synced", "status": "False", "message": "no key could decrypt secret (A)"}]});
        assert_eq!(
            judge(&sealed(failed)),
            Unsealed::Pending {
                keys,
                message: Some("no key could decrypt secret (A)".to_owned())
            }
        );
    }
}
