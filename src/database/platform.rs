//! The platform's facts `db` needs, read from the ConfigMap the chart renders from the hoster's
//! `hosting` values (`chart/templates/platform.yaml`, [`names::platform_configmap`]): which image
//! has the PostgreSQL client, which Secret and keys hold the credentials, and whether a restore
//! may stop the app. Names only: the credentials stay in the Secret, which the helper pod's
//! environment references and the CLI never reads.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;
use kube::{Api, Client};

use super::DbError;
use crate::cluster::names;
use crate::oneoff::RunError;

/// What the hoster decided for the app's database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    /// The helper pod's image (`postgres:17`).
    pub client_image: String,
    /// The Secret with the credentials, in the app's namespace.
    pub secret: String,
    /// Its keys, by the libpq variable each becomes (`PGHOST`, ...).
    pub keys: Vec<(&'static str, String)>,
    /// Whether `db restore` may scale the web and async Deployments to zero meanwhile.
    pub restore_stops_app: bool,
    /// The numeric user and group the helper runs as (never root).
    pub run_as_user: i64,
    pub run_as_group: i64,
}

/// The ConfigMap's key of each libpq variable.
const KEYS: [(&str, &str); 5] = [
    ("PGHOST", "databaseHostKey"),
    ("PGPORT", "databasePortKey"),
    ("PGDATABASE", "databaseNameKey"),
    ("PGUSER", "databaseUserKey"),
    ("PGPASSWORD", "databasePasswordKey"),
];

impl Platform {
    /// Reads the facts from the ConfigMap's data.
    ///
    /// # Errors
    /// [`DbError::PlatformKey`] naming the first missing or empty key.
    pub fn from_data(configmap: &str, data: &BTreeMap<String, String>) -> Result<Self, DbError> {
        let get = |key: &'static str| -> Result<String, DbError> {
            data.get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| DbError::PlatformKey {
                    configmap: configmap.to_owned(),
                    key,
                })
        };
        let id = |key: &'static str| -> Result<i64, DbError> {
            get(key)?
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| DbError::PlatformKey {
                    configmap: configmap.to_owned(),
                    key,
                })
        };
        let mut keys = Vec::with_capacity(KEYS.len());
        for (variable, key) in KEYS {
            keys.push((variable, get(key)?));
        }
        Ok(Platform {
            client_image: get("databaseClientImage")?,
            secret: get("databaseSecret")?,
            keys,
            restore_stops_app: data.get("restoreStopsApp").is_some_and(|v| v == "true"),
            run_as_user: id("runAsUser")?,
            run_as_group: id("runAsGroup")?,
        })
    }
}

/// Reads the app's platform ConfigMap.
///
/// # Errors
/// [`DbError::NoPlatform`] when the chart has not rendered it (an older chart, or the app is not
/// deployed), [`DbError::PlatformKey`], or the cluster's refusal (naming the grant).
pub async fn read(client: Client, app: &str, namespace: &str) -> Result<Platform, DbError> {
    let name = names::platform_configmap(app);
    let configmaps: Api<ConfigMap> = Api::namespaced(client, namespace);
    match configmaps.get_opt(&name).await {
        Ok(Some(cm)) => Platform::from_data(&name, &cm.data.unwrap_or_default()),
        Ok(None) => Err(DbError::NoPlatform {
            configmap: name,
            namespace: namespace.to_owned(),
        }),
        Err(e) => Err(RunError::from_kube(&e, "get", "configmaps", namespace).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    const FULL: [(&str, &str); 10] = [
        ("databaseClientImage", "postgres:17"),
        ("databaseSecret", "shop-db-app"),
        ("databaseHostKey", "host"),
        ("databasePortKey", "port"),
        ("databaseNameKey", "dbname"),
        ("databaseUserKey", "username"),
        ("databasePasswordKey", "password"),
        ("restoreStopsApp", "true"),
        ("runAsUser", "10001"),
        ("runAsGroup", "10001"),
    ];

    #[test]
    fn the_facts_come_from_the_configmap_and_a_missing_key_is_named() {
        let platform = Platform::from_data("shop-platform", &data(&FULL)).unwrap();
        assert_eq!(platform.client_image, "postgres:17");
        assert_eq!(platform.secret, "shop-db-app");
        assert_eq!(platform.keys[4], ("PGPASSWORD", "password".to_owned()));
        assert!(platform.restore_stops_app);
        assert_eq!(platform.run_as_user, 10001);
        for missing in ["databaseClientImage", "databasePasswordKey", "runAsUser"] {
            let partial: Vec<(&str, &str)> = FULL
                .iter()
                .copied()
                .filter(|(k, _)| *k != missing)
                .collect();
            let err = Platform::from_data("shop-platform", &data(&partial)).unwrap_err();
            assert!(err.to_string().contains(missing), "{err}");
        }
        let mut root = FULL;
        root[8] = ("runAsUser", "0");
        assert!(Platform::from_data("shop-platform", &data(&root)).is_err());
    }
}
