//! Whether a Deployment's rollout is complete, exactly as `kubectl rollout status` decides it
//! (kubectl's `DeploymentStatusViewer`): the controller must have observed the current generation
//! before any count means anything, and `ProgressDeadlineExceeded` ends the wait.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentStatus};

/// Where a Deployment's rollout stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rollout {
    /// The controller has not yet observed the newest spec: counts are about the old one.
    NotObserved,
    /// Fewer new pods than wanted exist yet.
    Updating { updated: i32, desired: i32 },
    /// Old pods still run.
    OldPending { old: i32 },
    /// Not all new pods are available yet.
    Unavailable { available: i32, updated: i32 },
    /// The rollout completed.
    Complete,
    /// The Deployment's progress deadline passed.
    DeadlineExceeded { message: String },
}

impl Rollout {
    /// kubectl's state for `deployment`.
    #[must_use]
    pub fn of(deployment: &Deployment) -> Self {
        // An absent field is Go's zero value to kubectl, an absent status all of them.
        let generation = deployment.metadata.generation.unwrap_or(0);
        let none = DeploymentStatus::default();
        let status = deployment.status.as_ref().unwrap_or(&none);
        if generation > status.observed_generation.unwrap_or(0) {
            return Rollout::NotObserved;
        }
        // kubectl reads the first `Progressing` condition only (`GetDeploymentCondition`).
        let progressing = status
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == "Progressing");
        if let Some(cond) =
            progressing.filter(|c| c.reason.as_deref() == Some("ProgressDeadlineExceeded"))
        {
            return Rollout::DeadlineExceeded {
                message: cond.message.clone().unwrap_or_default(),
            };
        }
        let updated = status.updated_replicas.unwrap_or(0);
        let replicas = status.replicas.unwrap_or(0);
        let available = status.available_replicas.unwrap_or(0);
        if let Some(desired) = deployment.spec.as_ref().and_then(|s| s.replicas)
            && updated < desired
        {
            return Rollout::Updating { updated, desired };
        }
        if replicas > updated {
            return Rollout::OldPending {
                old: replicas - updated,
            };
        }
        if available < updated {
            return Rollout::Unavailable { available, updated };
        }
        Rollout::Complete
    }

    /// kubectl's words for the state, for the Deployment `name`.
    #[must_use]
    pub fn describe(&self, name: &str) -> String {
        match self {
            Rollout::NotObserved => {
                format!("{name}: waiting for the deployment spec update to be observed")
            }
            Rollout::Updating { updated, desired } => {
                format!("{name}: {updated} of {desired} new pods updated")
            }
            Rollout::OldPending { old } => {
                let pods = if *old == 1 { "pod" } else { "pods" };
                format!("{name}: {old} old {pods} pending termination")
            }
            Rollout::Unavailable { available, updated } => {
                format!("{name}: {available} of {updated} new pods available")
            }
            Rollout::Complete => format!("{name}: rolled out"),
            Rollout::DeadlineExceeded { .. } => {
                format!("{name}: exceeded its progress deadline")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment(yaml: &str) -> Deployment {
        serde_saphyr::from_str(yaml).expect("fixture parses")
    }

    const CASES: &[(&str, &str)] = &[
        (
            "status not yet written",
            "metadata: {name: shop-web, generation: 1}\nspec: {replicas: 2, selector: {}, template: {}}\n",
        ),
        (
            "generation ahead of the observed one",
            "metadata: {name: shop-web, generation: 3}\nspec: {replicas: 2, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2}\n",
        ),
        (
            "deadline exceeded wins over counts",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 2, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2, conditions: [{type: Progressing, status: 'False', reason: ProgressDeadlineExceeded, message: 'ReplicaSet \"shop-web-7d9f8\" has timed out progressing.'}]}\n",
        ),
        (
            "fewer updated than desired",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 3, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3}\n",
        ),
        (
            "old pods still running",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 2, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 3}\n",
        ),
        (
            "new pods not all available",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 2, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1}\n",
        ),
        (
            "complete",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 2, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2, conditions: [{type: Progressing, status: 'True', reason: NewReplicaSetAvailable}]}\n",
        ),
        (
            "scaled to zero is complete",
            "metadata: {name: shop-async, generation: 4}\nspec: {replicas: 0, selector: {}, template: {}}\nstatus: {observedGeneration: 4}\n",
        ),
        // Found by rollout_properties: kubectl reads the first Progressing condition only, and
        // takes absent fields (a whole absent status too) as zero.
        (
            "only the first Progressing condition counts",
            "metadata: {name: shop-web, generation: 2}\nspec: {replicas: 1, selector: {}, template: {}}\nstatus: {observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1, conditions: [{type: Progressing, status: 'True', reason: NewReplicaSetAvailable}, {type: Progressing, status: 'False', reason: ProgressDeadlineExceeded}]}\n",
        ),
        (
            "no generation and no status are zeros",
            "metadata: {name: shop-web}\nspec: {selector: {}, template: {}}\n",
        ),
    ];

    #[test]
    fn states_follow_kubectl() {
        let expected = [
            Rollout::NotObserved,
            Rollout::NotObserved,
            Rollout::DeadlineExceeded {
                message: "ReplicaSet \"shop-web-7d9f8\" has timed out progressing.".into(),
            },
            Rollout::Updating {
                updated: 1,
                desired: 3,
            },
            Rollout::OldPending { old: 1 },
            Rollout::Unavailable {
                available: 1,
                updated: 2,
            },
            Rollout::Complete,
            Rollout::Complete,
            Rollout::Complete,
            Rollout::Complete,
        ];
        for ((name, yaml), want) in CASES.iter().zip(expected) {
            assert_eq!(Rollout::of(&deployment(yaml)), want, "{name}");
        }
    }

    #[test]
    fn one_old_pod_is_one_pod() {
        assert_eq!(
            Rollout::OldPending { old: 1 }.describe("shop-web"),
            "shop-web: 1 old pod pending termination"
        );
        assert_eq!(
            Rollout::OldPending { old: 2 }.describe("shop-web"),
            "shop-web: 2 old pods pending termination"
        );
    }
}
