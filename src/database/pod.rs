//! The helper pod of `db`: the hoster's PostgreSQL client image, the credentials from the
//! database Secret by reference (the CLI never reads them), the restricted security context, the
//! labels of a one-off pod of component `db` (never ArgoCD's tracking label), and the script of
//! each job.
//!
//! Every job but the interactive shell waits for one line on stdin before it starts: a real
//! kubelet gives an attached client only what is written after it attached, so the dump's
//! first bytes must not be written before the CLI listens.

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::core::v1::{
    Capabilities, Container, EmptyDirVolumeSource, EnvVar, EnvVarSource, Pod, PodSecurityContext,
    PodSpec, SeccompProfile, SecretKeySelector, SecurityContext, Volume, VolumeMount,
};
use kube::api::ObjectMeta;

use super::platform::Platform;
use crate::cluster::names;
use crate::oneoff::pod as oneoff_pod;

/// The component label of the helper pods.
pub const COMPONENT_DB: &str = "db";

/// The line of the dump script's stderr that says how many bytes it wrote.
pub const BYTES_MARKER: &str = "ungleich-django: dump bytes ";

/// `pg_dump` to stdout in the custom format, and (on stderr, [`BYTES_MARKER`]) how many bytes it
/// wrote, counted in the pod by a `tee` into `wc -c`, so the CLI can tell a dump cut on the way
/// from a whole one. The exit code is pg_dump's own (a POSIX sh has no `pipefail`).
const DUMP_SCRIPT: &str = r#"read -r _ || exit 1
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mkfifo "$d/copy" || exit 1
wc -c < "$d/copy" > "$d/bytes" &
{ pg_dump --format=custom --no-password; echo $? > "$d/rc"; } | tee "$d/copy"
wait
echo "ungleich-django: dump bytes $(tr -d ' ' < "$d/bytes")" >&2
exit "$(cat "$d/rc")""#;

/// `pg_restore` of exactly `$1` bytes from stdin, in one transaction: a failure rolls back
/// everything, and the database stays as it was. Counting the bytes (rather than waiting for
/// the end of stdin) works with both attach protocols; v4 cannot close stdin alone.
const RESTORE_SCRIPT: &str = r#"read -r _ || exit 1
head -c "$1" | pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --no-password --dbname="$PGDATABASE""#;

/// One statement through psql, stopping at the first error so the exit code says it failed.
/// The statement (`$1` bytes) comes over stdin, not in the pod's spec, which anyone who may list
/// pods reads.
const SQL_SCRIPT: &str = r#"read -r _ || exit 1
sql=$(head -c "$1") || exit 1
exec psql --no-psqlrc --no-password -v ON_ERROR_STOP=1 -c "$sql""#;

/// What the helper pod does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// `pg_dump --format=custom` to stdout.
    Dump,
    /// `pg_restore` of a dump of this many bytes from stdin.
    Restore { bytes: u64 },
    /// One SQL statement through psql, sent over stdin.
    Sql(String),
    /// An interactive psql on a terminal.
    Shell,
}

impl Job {
    /// The container's command.
    #[must_use]
    pub fn command(&self) -> Vec<String> {
        let script = |script: &str, arg: Option<String>| {
            let mut argv = vec!["sh".to_owned(), "-c".to_owned(), script.to_owned()];
            if let Some(arg) = arg {
                argv.extend(["sh".to_owned(), arg]);
            }
            argv
        };
        match self {
            Job::Dump => script(DUMP_SCRIPT, None),
            Job::Restore { bytes } => script(RESTORE_SCRIPT, Some(bytes.to_string())),
            Job::Sql(sql) => script(SQL_SCRIPT, Some(sql.len().to_string())),
            Job::Shell => vec!["psql".to_owned(), "--no-password".to_owned()],
        }
    }

    /// Whether the CLI sends the starting line (see the module header).
    #[must_use]
    pub fn waits_for_start(&self) -> bool {
        !matches!(self, Job::Shell)
    }

    fn describe(&self) -> String {
        match self {
            Job::Dump => "pg_dump --format=custom".to_owned(),
            Job::Restore { bytes } => format!("pg_restore of {bytes} bytes"),
            // The statement itself stays out of the annotation, which anyone who lists pods reads.
            Job::Sql(_) => "psql -c (one statement)".to_owned(),
            Job::Shell => "psql".to_owned(),
        }
    }
}

/// Who asks for which job, and for how long at most.
#[derive(Debug, Clone)]
pub struct HelperRequest<'a> {
    pub app: &'a str,
    pub job: Job,
    /// The git identity of who starts it.
    pub who: &'a str,
    /// The pod's `activeDeadlineSeconds`.
    pub deadline: Duration,
}

/// The helper pod for `req`.
#[must_use]
pub fn helper(platform: &Platform, req: &HelperRequest<'_>) -> Pod {
    let mut env: Vec<EnvVar> = platform
        .keys
        .iter()
        .map(|(variable, key)| EnvVar {
            name: (*variable).to_owned(),
            value_from: Some(EnvVarSource {
                secret_key_ref: Some(SecretKeySelector {
                    name: platform.secret.clone(),
                    key: key.clone(),
                    optional: Some(false),
                }),
                ..EnvVarSource::default()
            }),
            ..EnvVar::default()
        })
        .collect();
    // psql's history and libpq's files need a writable home; the root filesystem is read-only.
    for (name, value) in [
        ("HOME", "/tmp"),
        ("PGAPPNAME", "ungleich-django db"),
        ("PGCONNECT_TIMEOUT", "15"),
    ] {
        env.push(EnvVar {
            name: name.to_owned(),
            value: Some(value.to_owned()),
            ..EnvVar::default()
        });
    }
    let tty = req.job == Job::Shell;
    let container = Container {
        name: oneoff_pod::CONTAINER.to_owned(),
        image: Some(platform.client_image.clone()),
        command: Some(req.job.command()),
        env: Some(env),
        stdin: Some(true),
        stdin_once: Some(true),
        tty: Some(tty),
        security_context: Some(SecurityContext {
            allow_privilege_escalation: Some(false),
            privileged: Some(false),
            read_only_root_filesystem: Some(true),
            run_as_non_root: Some(true),
            capabilities: Some(Capabilities {
                drop: Some(vec!["ALL".to_owned()]),
                add: None,
            }),
            seccomp_profile: Some(SeccompProfile {
                type_: "RuntimeDefault".to_owned(),
                localhost_profile: None,
            }),
            ..SecurityContext::default()
        }),
        volume_mounts: Some(vec![VolumeMount {
            name: "tmp".to_owned(),
            mount_path: "/tmp".to_owned(),
            ..VolumeMount::default()
        }]),
        ..Container::default()
    };
    let labels = BTreeMap::from([
        (names::LABEL_COMPONENT.to_owned(), COMPONENT_DB.to_owned()),
        (
            names::LABEL_MANAGED_BY.to_owned(),
            names::MANAGED_BY.to_owned(),
        ),
        (oneoff_pod::LABEL_APP.to_owned(), req.app.to_owned()),
    ]);
    let annotations = BTreeMap::from([
        (oneoff_pod::ANNOTATION_BY.to_owned(), req.who.to_owned()),
        (
            oneoff_pod::ANNOTATION_COMMAND.to_owned(),
            serde_json::to_string(&[req.job.describe()]).unwrap_or_default(),
        ),
        (
            oneoff_pod::ANNOTATION_FROM.to_owned(),
            format!("configmap/{}", names::platform_configmap(req.app)),
        ),
    ]);
    Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-{COMPONENT_DB}-", req.app)),
            labels: Some(labels),
            annotations: Some(annotations),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![container],
            restart_policy: Some("Never".to_owned()),
            active_deadline_seconds: Some(
                i64::try_from(req.deadline.as_secs().max(1)).unwrap_or(i64::MAX),
            ),
            termination_grace_period_seconds: Some(10),
            automount_service_account_token: Some(false),
            enable_service_links: Some(false),
            security_context: Some(PodSecurityContext {
                run_as_non_root: Some(true),
                run_as_user: Some(platform.run_as_user),
                run_as_group: Some(platform.run_as_group),
                seccomp_profile: Some(SeccompProfile {
                    type_: "RuntimeDefault".to_owned(),
                    localhost_profile: None,
                }),
                ..PodSecurityContext::default()
            }),
            volumes: Some(vec![Volume {
                name: "tmp".to_owned(),
                empty_dir: Some(EmptyDirVolumeSource::default()),
                ..Volume::default()
            }]),
            ..PodSpec::default()
        }),
        status: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform() -> Platform {
        Platform {
            client_image: "postgres:17".to_owned(),
            secret: "shop-db-app".to_owned(),
            keys: vec![
                ("PGHOST", "host".to_owned()),
                ("PGPASSWORD", "password".to_owned()),
            ],
            restore_stops_app: false,
            run_as_user: 10001,
            run_as_group: 10001,
        }
    }

    #[test]
    fn the_helper_is_restricted_untracked_and_never_holds_a_credential() {
        let pod = helper(
            &platform(),
            &HelperRequest {
                app: "shop",
                job: Job::Dump,
                who: "Ada <ada@example.com>",
                deadline: Duration::from_secs(3600),
            },
        );
        let json = serde_json::to_value(&pod).unwrap();
        let labels = &json["metadata"]["labels"];
        assert!(labels.get(names::LABEL_INSTANCE).is_none(), "{labels}");
        assert_eq!(labels[names::LABEL_COMPONENT], "db");
        assert_eq!(labels[names::LABEL_MANAGED_BY], "ungleich-django");
        assert_eq!(json["metadata"]["generateName"], "shop-db-");
        let spec = &json["spec"];
        assert_eq!(spec["restartPolicy"], "Never");
        assert_eq!(spec["automountServiceAccountToken"], false);
        assert_eq!(spec["securityContext"]["runAsNonRoot"], true);
        assert_eq!(spec["securityContext"]["runAsUser"], 10001);
        assert_eq!(
            spec["securityContext"]["seccompProfile"]["type"],
            "RuntimeDefault"
        );
        let c = &spec["containers"][0];
        assert_eq!(c["image"], "postgres:17");
        assert_eq!(c["securityContext"]["allowPrivilegeEscalation"], false);
        assert_eq!(c["securityContext"]["capabilities"]["drop"][0], "ALL");
        assert_eq!(c["stdin"], true);
        assert_eq!(c["tty"], false);
        let password = c["env"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "PGPASSWORD")
            .unwrap();
        assert!(password.get("value").is_none());
        assert_eq!(password["valueFrom"]["secretKeyRef"]["name"], "shop-db-app");
        assert_eq!(password["valueFrom"]["secretKeyRef"]["key"], "password");
    }

    #[test]
    fn each_job_has_its_command() {
        assert!(Job::Dump.command()[2].contains("pg_dump --format=custom"));
        let restore = Job::Restore { bytes: 42 }.command();
        assert!(restore[2].contains("--clean --if-exists --no-owner --single-transaction"));
        assert_eq!(restore[4], "42");
        let sql = Job::Sql("select 'secret'".to_owned()).command();
        assert_eq!(sql[4], "15");
        assert!(!sql.concat().contains("secret"));
        assert_eq!(Job::Shell.command()[0], "psql");
        assert!(!Job::Shell.waits_for_start() && Job::Dump.waits_for_start());
    }
}
