//! How many pods the namespace's ResourceQuotas leave room for: the hoster's sizes as
//! Kubernetes enforces them. Each pod of a component costs what its template asks (the chart's
//! rendering of the hoster's `hosting.resources`, read from the live Deployment); what the
//! app's own pods use now is taken out of each quota's `status.used`, and the rest is what
//! other pods (one-off runs, cron jobs, other apps) hold.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Pod, PodSpec, ResourceQuota};
use kube::api::ListParams;
use kube::{Api, Client};

use super::names;
use super::quantity::{self, Milli};

/// One ResourceQuota: its name, and of each key it limits, the hard limit and what is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub name: String,
    pub hard: BTreeMap<String, Milli>,
    pub used: BTreeMap<String, Milli>,
}

/// What one pod of a component costs, by quota key (`pods`, `requests.cpu`, ...).
pub type PodCost = BTreeMap<&'static str, Milli>;

/// Everything needed to judge a scale: the quotas, each component's pod cost, and what the
/// app's own pods use now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub quotas: Vec<Quota>,
    pub web: PodCost,
    pub worker: PodCost,
    /// The app's running pods' cost, summed: not "other pods'" use.
    pub app_now: PodCost,
}

/// A scale that does not fit one quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub quota: String,
    /// The quota key, e.g. `requests.memory`.
    pub resource: String,
    /// What the scaled app would need of it, in words.
    pub needed: String,
    pub hard: String,
    /// What other pods use of it.
    pub others: String,
    /// The most pods of the component asked about that fit, with the others as asked.
    pub fits: u64,
}

/// The quota keys a pod's cost is known for; a quota's other keys (storage, services, ...)
/// do not change with the number of pods.
const KEYS: [&str; 8] = [
    "pods",
    "count/pods",
    "requests.cpu",
    "cpu",
    "requests.memory",
    "memory",
    "limits.cpu",
    "limits.memory",
];

/// What one pod of `spec` costs: 1 pod, and its effective requests and limits (per resource,
/// the larger of the containers' sum and the largest init container, as the scheduler and
/// the quota count them).
#[must_use]
pub fn pod_cost(spec: &PodSpec) -> PodCost {
    let amount = |c: &k8s_openapi::api::core::v1::Container, kind: &str, resource: &str| {
        let r = c.resources.as_ref();
        let map = match kind {
            "requests" => r.and_then(|r| r.requests.as_ref()),
            _ => r.and_then(|r| r.limits.as_ref()),
        };
        map.and_then(|m| m.get(resource))
            .and_then(|q| quantity::parse(&q.0))
            .unwrap_or(0)
    };
    let effective = |kind: &str, resource: &str| {
        let sum: Milli = spec
            .containers
            .iter()
            .map(|c| amount(c, kind, resource))
            .sum();
        let init = spec
            .init_containers
            .iter()
            .flatten()
            .map(|c| amount(c, kind, resource))
            .max()
            .unwrap_or(0);
        sum.max(init)
    };
    let mut cost = PodCost::new();
    for key in KEYS {
        let value = match key {
            "pods" | "count/pods" => 1000,
            "requests.cpu" | "cpu" => effective("requests", "cpu"),
            "requests.memory" | "memory" => effective("requests", "memory"),
            "limits.cpu" => effective("limits", "cpu"),
            _ => effective("limits", "memory"),
        };
        cost.insert(key, value);
    }
    cost
}

impl Room {
    /// Whether `web` web pods and `worker` worker pods fit every quota; `asked_web` says which
    /// component the answer's `fits` is about.
    ///
    /// # Errors
    /// The first quota key they exceed.
    pub fn check(&self, web: u64, worker: u64, asked_web: bool) -> Result<(), Box<Exceeded>> {
        for quota in &self.quotas {
            for (resource, &hard) in &quota.hard {
                let key = resource.as_str();
                let (Some(per_web), Some(per_worker)) = (self.web.get(key), self.worker.get(key))
                else {
                    continue;
                };
                let used = quota.used.get(key).copied().unwrap_or(0);
                let others = used.saturating_sub(self.app_now.get(key).copied().unwrap_or(0));
                let needed = per_web * u128::from(web) + per_worker * u128::from(worker);
                if others + needed <= hard {
                    continue;
                }
                let (per_pod, fixed) = if asked_web {
                    (*per_web, per_worker * u128::from(worker))
                } else {
                    (*per_worker, per_web * u128::from(web))
                };
                let left = hard.saturating_sub(others + fixed);
                let fits = left.checked_div(per_pod).unwrap_or(0);
                return Err(Box::new(Exceeded {
                    quota: quota.name.clone(),
                    resource: resource.clone(),
                    needed: quantity::show(key, needed),
                    hard: quantity::show(key, hard),
                    others: quantity::show(key, others),
                    fits: u64::try_from(fits).unwrap_or(u64::MAX),
                }));
            }
        }
        Ok(())
    }
}

/// Reads the namespace's quotas, the pod cost of each component (from its Deployment; from
/// `fallback` for one not deployed yet) and what the app's pods use now. `Ok(None)` when the
/// namespace has no quota.
///
/// # Errors
/// Why it cannot be read (forbidden, unreachable), in words.
pub async fn read(
    client: Client,
    namespace: &str,
    app: &str,
    fallback: (&PodSpec, &PodSpec),
) -> Result<Option<Room>, String> {
    let quotas: Api<ResourceQuota> = Api::namespaced(client.clone(), namespace);
    let quotas = quotas
        .list(&ListParams::default())
        .await
        .map_err(|e| describe(&e, "resourcequotas"))?;
    if quotas.items.is_empty() {
        return Ok(None);
    }
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    let template = |d: Option<Deployment>| d.and_then(|d| d.spec?.template.spec);
    let web = deployments
        .get_opt(&names::web_deployment(app))
        .await
        .map_err(|e| describe(&e, "deployments"))?;
    let worker = deployments
        .get_opt(&names::async_deployment(app))
        .await
        .map_err(|e| describe(&e, "deployments"))?;
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let pods = pods
        .list(&ListParams::default().labels(&names::app_selector(app)))
        .await
        .map_err(|e| describe(&e, "pods"))?;
    let mut app_now = PodCost::new();
    for pod in &pods.items {
        // Finished pods hold no quota.
        let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
        if matches!(phase, Some("Succeeded" | "Failed")) {
            continue;
        }
        if let Some(spec) = &pod.spec {
            for (key, value) in pod_cost(spec) {
                *app_now.entry(key).or_default() += value;
            }
        }
    }
    Ok(Some(Room {
        quotas: quotas.items.iter().map(quota).collect(),
        web: pod_cost(&template(web).unwrap_or_else(|| fallback.0.clone())),
        worker: pod_cost(&template(worker).unwrap_or_else(|| fallback.1.clone())),
        app_now,
    }))
}

fn quota(q: &ResourceQuota) -> Quota {
    let amounts =
        |m: Option<&BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>>| {
            m.into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), quantity::parse(&v.0)?)))
                .collect()
        };
    Quota {
        name: q.metadata.name.clone().unwrap_or_default(),
        // What the quota controller enforces is in status.hard; spec.hard before it ran.
        hard: amounts(
            q.status
                .as_ref()
                .and_then(|s| s.hard.as_ref())
                .or(q.spec.as_ref().and_then(|s| s.hard.as_ref())),
        ),
        used: amounts(q.status.as_ref().and_then(|s| s.used.as_ref())),
    }
}

fn describe(e: &kube::Error, what: &str) -> String {
    match e {
        kube::Error::Api(status) if status.code == 403 => {
            format!("reading {what} is forbidden (the RBAC example's Role allows it)")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{Container, ResourceRequirements};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    fn container(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> Container {
        let map = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), Quantity((*v).to_owned())))
                    .collect(),
            )
        };
        Container {
            resources: Some(ResourceRequirements {
                requests: map(requests),
                limits: map(limits),
                ..ResourceRequirements::default()
            }),
            ..Container::default()
        }
    }

    fn milli(text: &str) -> Milli {
        quantity::parse(text).unwrap()
    }

    #[test]
    fn a_pods_cost_counts_the_larger_of_its_containers_and_its_init_container() {
        let spec = PodSpec {
            containers: vec![container(
                &[("cpu", "100m"), ("memory", "256Mi")],
                &[("memory", "512Mi")],
            )],
            init_containers: Some(vec![container(
                &[("cpu", "500m"), ("memory", "128Mi")],
                &[],
            )]),
            ..PodSpec::default()
        };
        let cost = pod_cost(&spec);
        assert_eq!(cost["pods"], 1000);
        assert_eq!(cost["requests.cpu"], 500);
        assert_eq!(cost["requests.memory"], milli("256Mi"));
        assert_eq!(cost["limits.memory"], milli("512Mi"));
        assert_eq!(cost["limits.cpu"], 0);
    }

    #[test]
    fn the_room_left_is_the_quota_minus_other_pods() {
        let cost = |memory: &str| -> PodCost {
            [("pods", 1000), ("requests.memory", milli(memory))]
                .into_iter()
                .collect()
        };
        let room = Room {
            quotas: vec![Quota {
                name: "shop-size".into(),
                hard: [
                    ("pods".to_owned(), milli("10")),
                    ("requests.memory".to_owned(), milli("2Gi")),
                ]
                .into_iter()
                .collect(),
                // Two web pods of the app (512Mi) and a run (256Mi).
                used: [
                    ("pods".to_owned(), milli("3")),
                    ("requests.memory".to_owned(), milli("768Mi")),
                ]
                .into_iter()
                .collect(),
            }],
            web: cost("256Mi"),
            worker: cost("512Mi"),
            // The app's two web pods.
            app_now: [("pods", milli("2")), ("requests.memory", milli("512Mi"))]
                .into_iter()
                .collect(),
        };
        // 2Gi - 256Mi for the run = 1792Mi: seven web pods.
        assert_eq!(room.check(7, 0, true), Ok(()));
        let over = room.check(8, 0, true).unwrap_err();
        assert_eq!(
            *over,
            Exceeded {
                quota: "shop-size".into(),
                resource: "requests.memory".into(),
                needed: "2Gi".into(),
                hard: "2Gi".into(),
                others: "256Mi".into(),
                fits: 7,
            }
        );
        // A worker of 512Mi next to five web pods: 1280Mi + 512Mi fits, a second does not.
        assert_eq!(room.check(5, 1, false), Ok(()));
        assert_eq!(room.check(5, 2, false).unwrap_err().fits, 1);
    }
}
