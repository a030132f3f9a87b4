//! The CI recipes in `examples/ci/` as written: their shell steps, taken from the YAML, run with
//! bash against the suite's https git server and the kube-apiserver emulator, with environment
//! variables standing in for the CI's own. A recipe that rots fails here.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;

use crate::support::apiserver::{ApiServer, objects};
use crate::support::git_servers::{HttpsServer, git};
use crate::support::{TestEnv, tools};

const IMAGE: &str = "registry.example.com/acme/shop:2";
const POD: &str = "shop-web-new01-x2kq4";
const MS: Duration = Duration::from_millis(150);

fn recipe(name: &str) -> Value {
    let path = tools::repo_root().join("examples/ci").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `run:` steps of the GitHub Actions job, and the variables its `env:` names.
fn github_steps() -> (Vec<String>, Vec<String>) {
    let workflow = recipe("github-actions.yml");
    assert!(
        workflow["on"]["push"]["tags"].is_array(),
        "deploys on a tag"
    );
    let job = &workflow["jobs"]["deploy"];
    let steps = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_owned))
        .collect();
    let env = job["env"].as_object().unwrap().keys().cloned().collect();
    (steps, env)
}

/// The GitLab job's `before_script` and `script`, one shell session as the runner runs them.
fn gitlab_script() -> String {
    let pipeline = recipe("gitlab-ci.yml");
    let job = &pipeline["deploy"];
    assert_eq!(job["rules"][0]["if"], "$CI_COMMIT_TAG", "deploys on a tag");
    ["before_script", "script"]
        .iter()
        .flat_map(|key| job[*key].as_array().unwrap().iter())
        .map(|line| line.as_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A CI job's world: the source tree checked out (the link file to the https deploy
/// repository), the token and kubeconfig as the CI's secrets, the binary on PATH.
struct Job {
    env: TestEnv,
    _cluster: ApiServer,
    bare: PathBuf,
    _server: HttpsServer,
}

impl Job {
    fn new(scenario: impl FnOnce(&ApiServer)) -> Self {
        let server = HttpsServer::start("deploy", "s3cret");
        let bare = server.repo("shop");
        let mut env = TestEnv::new();
        env.write(
            "work/ungleich-django.yaml",
            format!(
                "app: shop\nnamespace: shop\ndeploy:\n  repo: {}\n  branch: main\n  path: .\n",
                server.url("shop")
            ),
        );
        let cluster = ApiServer::start();
        let kubeconfig = cluster.write_kubeconfig(&env);
        let mut dep = objects::web_deployment("shop", IMAGE, 1);
        dep["metadata"]["generation"] = 2.into();
        objects::set_progressing(&mut dep, "new01", 0, 0, 1);
        cluster.apply(dep);
        scenario(&cluster);
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(std::fs::read(&kubeconfig).unwrap());
        // The CI's secrets and variables; no kubeconfig but the one the recipe writes.
        env.unset("KUBECONFIG");
        env.env("UNGLEICH_KUBECONFIG", encoded);
        env.env("UNGLEICH_GIT_TOKEN", "s3cret");
        env.env("UNGLEICH_GIT_USERNAME", "deploy");
        env.env("UNGLEICH_DEPLOY_KEY", "");
        env.env("UNGLEICH_KNOWN_HOSTS", "");
        env.env("SSL_CERT_FILE", &server.ca);
        let temp = env.root().join("runner-temp");
        std::fs::create_dir_all(&temp).unwrap();
        env.env("RUNNER_TEMP", &temp);
        env.env("GITHUB_REF_NAME", "2");
        env.env("CI_COMMIT_TAG", "2");
        Job {
            env,
            _cluster: cluster,
            bare,
            _server: server,
        }
    }

    /// Runs `script` as the CI's bash does (`-eo pipefail`): (exit code, stdout).
    fn bash(&self, script: &str) -> (i32, String) {
        let bin = Path::new(env!("CARGO_BIN_EXE_ungleich-django"))
            .parent()
            .unwrap()
            .to_owned();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path =
            std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path))).unwrap();
        let out: std::process::Output = self
            .env
            .program(
                tools::require("bash"),
                &["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            )
            .env("PATH", path)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }

    /// The GitHub job: each step in turn, stopping at the first that fails, as the runner does.
    fn github(&self) -> (i32, String) {
        let (steps, env) = github_steps();
        for var in env {
            assert!(
                self.env.var(&var).is_some(),
                "the test does not stand in for {var}"
            );
        }
        let mut all = String::new();
        for step in steps {
            let (code, out) = self.bash(&step);
            all.push_str(&out);
            if code != 0 {
                return (code, all);
            }
        }
        (0, all)
    }

    fn deployed_image(&self) -> String {
        git(&self.bare, &["show", "main:app.yaml"])
    }
}

fn live(cluster: &ApiServer) {
    cluster.apply(objects::web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_log_request(POD)
        .after(MS)
        .pod_init_logs(POD, &["Applying shop.0002_order... OK"])
        .after(MS)
        .container_terminated(POD, "init", 0)
        .container_running(POD, "run")
        .deployment_rolled_out("shop-web", "new01")
        .start();
}

fn failed_migrations(cluster: &ApiServer) {
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_terminated(&mut pod, "init", 1);
    cluster.apply(pod);
    cluster.logs(POD, "init", &["django.db.utils.ProgrammingError: boom"]);
}

#[test]
fn github_actions_recipe_deploys_a_tag_and_annotates_the_release() {
    let job = Job::new(live);
    let (code, out) = job.github();
    assert_eq!(code, 0, "{out}");
    assert!(job.deployed_image().contains(IMAGE));
    assert!(
        out.contains("init | Applying shop.0002_order... OK\n"),
        "{out}"
    );
    assert!(out.contains("::notice title=Release live::live\n"), "{out}");
    assert!(!out.contains("::error"), "{out}");

    let job = Job::new(failed_migrations);
    let (code, out) = job.github();
    assert_eq!(code, 10, "the release's exit code fails the job: {out}");
    let error = out
        .lines()
        .find(|l| l.starts_with("::error title=Release failed ("))
        .unwrap_or_else(|| panic!("no error annotation: {out}"));
    assert!(error.contains("exit 10)::migrations failed"), "{error}");
    assert!(
        out.contains("init | django.db.utils.ProgrammingError: boom\n"),
        "{out}"
    );
}

#[test]
fn gitlab_recipe_deploys_a_tag_and_reports_the_release_as_a_junit_test() {
    let job = Job::new(live);
    let work = job.env.work();
    let (code, out) = job.bash(&gitlab_script());
    assert_eq!(code, 0, "{out}");
    assert!(job.deployed_image().contains(IMAGE));
    assert!(out.contains("section_start:"), "{out}");
    assert!(out.contains("live (exit 0)"), "{out}");
    let junit = std::fs::read_to_string(work.join("release-junit.xml")).unwrap();
    assert!(junit.contains("failures=\"0\""), "{junit}");

    let job = Job::new(failed_migrations);
    let work = job.env.work();
    let (code, out) = job.bash(&gitlab_script());
    assert_eq!(code, 10, "{out}");
    let junit = std::fs::read_to_string(work.join("release-junit.xml")).unwrap();
    assert!(junit.contains("failures=\"1\""), "{junit}");
    assert!(junit.contains("<failure message="), "{junit}");
    assert!(junit.contains("migrations failed"), "{junit}");
}
