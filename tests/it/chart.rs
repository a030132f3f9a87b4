//! The hosting chart (`chart/`), rendered by the real helm: `helm lint`, `helm template` over a
//! matrix of app specs with every object checked against the Kubernetes OpenAPI schema
//! (kubernetes-validate, strict: unknown fields are errors), the values schema rejecting what the
//! CLI rejects, and the names and labels the CLI looks for found in what the chart renders.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use ungleich_django::cluster::names;
use ungleich_django::spec::{self, AppSpec, hosting::Hosting};

use crate::support::tools;

/// The Kubernetes versions the rendered objects are validated against: an old one still in use
/// and the newest kubernetes-validate knows.
const KUBERNETES_VERSIONS: [&str; 2] = ["1.29.0", "1.37.0"];

fn chart_dir() -> PathBuf {
    tools::repo_root().join("chart")
}

/// helm, isolated from the developer's helm configuration and caches.
struct Helm {
    program: PathBuf,
    dir: tempfile::TempDir,
}

/// What a helm run printed.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Helm {
    fn new() -> Self {
        Helm {
            program: tools::require("helm"),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        let home = self.dir.path();
        let out = Command::new(&self.program)
            .args(args)
            .env("HELM_CONFIG_HOME", home.join("config"))
            .env("HELM_CACHE_HOME", home.join("cache"))
            .env("HELM_DATA_HOME", home.join("data"))
            .env_remove("KUBECONFIG")
            .output()
            .expect("helm runs");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Writes each values text to a file and runs `helm template` with them, in order.
    fn template(&self, values: &[&str]) -> Run {
        let mut args = vec![
            "template".to_owned(),
            "release".to_owned(),
            chart_dir().display().to_string(),
            "--namespace".to_owned(),
            "shop".to_owned(),
        ];
        for (i, text) in values.iter().enumerate() {
            let path = self.dir.path().join(format!("values-{i}.yaml"));
            std::fs::write(&path, text).unwrap();
            args.push("--values".to_owned());
            args.push(path.display().to_string());
        }
        self.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// Renders and parses; panics with helm's error when it fails.
    fn render(&self, values: &[&str]) -> Rendered {
        let run = self.template(values);
        assert!(
            run.ok,
            "helm template failed for {values:?}:\n{}",
            run.stderr
        );
        Rendered::parse(&run.stdout)
    }
}

/// The objects of one rendering.
struct Rendered {
    text: String,
    objects: Vec<Value>,
}

impl Rendered {
    fn parse(text: &str) -> Self {
        let objects: Vec<Value> = serde_saphyr::from_multiple(text)
            .unwrap_or_else(|e| panic!("helm printed invalid YAML: {e}\n{text}"));
        Rendered {
            text: text.to_owned(),
            objects: objects.into_iter().filter(|o| !o.is_null()).collect(),
        }
    }

    fn find(&self, kind: &str, name: &str) -> Option<&Value> {
        self.objects
            .iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
    }

    #[track_caller]
    fn get(&self, kind: &str, name: &str) -> &Value {
        self.find(kind, name).unwrap_or_else(|| {
            panic!(
                "no {kind} {name} among {:?}",
                self.objects
                    .iter()
                    .map(|o| format!("{}/{}", o["kind"], o["metadata"]["name"]))
                    .collect::<Vec<_>>()
            )
        })
    }

    fn kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self
            .objects
            .iter()
            .map(|o| {
                format!(
                    "{}/{}",
                    o["kind"].as_str().unwrap(),
                    o["metadata"]["name"].as_str().unwrap()
                )
            })
            .collect();
        kinds.sort();
        kinds
    }
}

/// Validates every object against the Kubernetes OpenAPI schema, rejecting unknown fields.
#[track_caller]
fn assert_valid_kubernetes(rendered: &Rendered, what: &str) {
    let validator = tools::require("kubernetes-validate");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rendered.yaml");
    std::fs::write(&file, &rendered.text).unwrap();
    for version in KUBERNETES_VERSIONS {
        let out = Command::new(&validator)
            .args(["--strict", "--kubernetes-version", version])
            .arg(&file)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{what}: invalid objects for Kubernetes {version}:\n{report}"
        );
        // Each object must have been checked, not skipped for want of a schema.
        let passed = report
            .lines()
            .filter(|l| l.contains(" passed for resource "))
            .count();
        assert_eq!(
            passed,
            rendered.objects.len(),
            "{what}: not every object was validated for Kubernetes {version}:\n{report}"
        );
    }
}

fn containers(deployment: &Value, list: &str) -> Vec<Value> {
    deployment["spec"]["template"]["spec"][list]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn container(deployment: &Value, list: &str, name: &str) -> Value {
    containers(deployment, list)
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no container {name} in {list}: {deployment}"))
}

fn env_names(container: &Value) -> Vec<String> {
    container["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

fn env_value(container: &Value, name: &str) -> Value {
    container["env"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no env {name}"))
        .clone()
}

/// An app spec as the CLI writes it: the Rust type, serialised.
fn spec_yaml(spec: &AppSpec) -> String {
    serde_saphyr::to_string(spec).unwrap()
}

const DIGEST: &str = "sha256:3b8f1c4d2e5a6f7081928374655647382910abcdefabcdefabcdefabcdefabcd";

#[test]
fn helm_lint_passes_with_an_app_spec() {
    let helm = Helm::new();
    let example = chart_dir().join("examples/deploy/app.yaml");
    let sizes = chart_dir().join("examples/sizes/acme/shop.yaml");
    let run = helm.run(&[
        "lint",
        "--strict",
        chart_dir().to_str().unwrap(),
        "--values",
        example.to_str().unwrap(),
        "--values",
        sizes.to_str().unwrap(),
    ]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 chart(s) failed"), "{}", run.stdout);
}

#[test]
fn what_init_writes_renders() {
    let helm = Helm::new();
    let mut spec = AppSpec::new("shop");
    spec.image = Some("registry.example.com/acme/shop:0.1.0".to_owned());
    let rendered = helm.render(&[&spec_yaml(&spec)]);
    assert_valid_kubernetes(&rendered, "init's app.yaml");
    assert_eq!(
        rendered.kinds(),
        [
            "ConfigMap/shop-platform",
            "Deployment/shop-web",
            "PersistentVolumeClaim/shop-data",
            "Service/shop-web"
        ],
        "no hosts: no Ingress; no async: no worker; the platform's facts for `db` always"
    );
    let web = rendered.get("Deployment", "shop-web");
    assert_eq!(web["spec"]["replicas"], 1);
    assert_eq!(
        container(web, "initContainers", "init")["command"],
        serde_json::json!(["/init"])
    );
    let run = container(web, "containers", "run");
    assert_eq!(run["command"], serde_json::json!(["/run"]));
    assert_eq!(run["readinessProbe"]["tcpSocket"]["port"], "http");
    // Before the first `secret set` the Secret does not exist yet: the pods must start anyway.
    assert_eq!(run["envFrom"][0]["secretRef"]["optional"], true);
}

/// What `config set` and `cron add` write reaches the pods as the text typed, through helm's own
/// YAML reader (YAML 1.1: `y` and `off` are booleans there, `0x1F` and `1_000` numbers, which
/// the values schema refuses for env and cron names). `config set A=0x1F` once wrote `A: 0x1F`
/// and `cron add y` wrote `name: y` (found by `fuzz/run.sh spec_edit`): the release failed to
/// render.
#[test]
fn what_the_editors_write_reaches_the_pods_as_typed() {
    let helm = Helm::new();
    let values = [
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "+12",
        "1e3",
        ".5",
        "0777",
        "y",
        "N",
        "off",
        "Yes",
        "~",
        "null",
        "",
        "12:30",
        "2001-12-14",
        "-",
        "/srv/media",
        "a: b",
        "#x",
        "true",
    ];
    let names: Vec<String> = (0..values.len()).map(|i| format!("V{i}")).collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(values.iter().copied())
        .collect();
    let mut text =
        spec::env_edit::set_env("name: shop\nimage: r.example.com/x:1\n", &pairs).unwrap();
    // `cron add` names: DNS labels, some of which YAML reads as booleans or numbers.
    let crons = ["y", "on", "no", "123", "0x1f", "1e3"];
    for name in crons {
        let entry = cron_entry(name, "@daily", &["python", "manage.py", "x"]);
        text = spec::cron_edit::add_entry(&text, &entry).unwrap();
    }
    let spec = AppSpec::parse(Path::new("app.yaml"), &text).unwrap();
    let rendered = helm.render(&[&text]);
    for name in crons {
        rendered.get("CronJob", &format!("shop-cron-{name}"));
    }
    let run = container(rendered.get("Deployment", "shop-web"), "containers", "run");
    for (name, value) in names.iter().zip(values) {
        assert_eq!(spec.env[name.as_str()], value, "the CLI reads {name} back");
        assert_eq!(
            env_value(&run, name)["value"],
            value,
            "{name} in the pod:\n{text}"
        );
    }
}

#[test]
fn an_app_spec_without_an_image_fails_to_render_and_says_what_to_do() {
    let helm = Helm::new();
    let run = helm.template(&[&spec_yaml(&AppSpec::new("shop"))]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("ungleich-django deploy --image"),
        "{}",
        run.stderr
    );
}

/// One case of the matrix: a spec and what must follow from it.
struct Case {
    what: &'static str,
    spec: AppSpec,
}

fn matrix() -> Vec<Case> {
    let base = |name: &str| {
        let mut spec = AppSpec::new(name);
        spec.image = Some(format!("registry.example.com:5000/acme/{name}:1.4.2"));
        spec
    };
    let mut full = base("shop");
    full.async_worker = true;
    full.hosts = vec![
        "shop.example.com".to_owned(),
        "www.shop.example.com".to_owned(),
        "*.shops.example.org".to_owned(),
    ];
    full.image_pull_secret = Some("regcred".to_owned());
    full.image = Some(format!("registry.example.com/acme/shop@{DIGEST}"));
    full.env.insert(
        "DJANGO_SETTINGS_MODULE".to_owned(),
        "shop.settings".to_owned(),
    );
    full.env
        .insert("FEATURE_X".to_owned(), "on: yes".to_owned());
    full.replicas.web = 3;
    full.replicas.async_worker = 2;
    full.healthcheck = Some("/healthz".to_owned());
    full.commands.init = "/app/bin/init".to_owned();
    full.commands.run = "/app/bin/run".to_owned();
    full.commands.async_worker = "/app/bin/worker".to_owned();
    full.secrets_revision = Some("2026-11-26T21:00:00Z".to_owned());
    full.restarts.web = 3;
    full.restarts.async_worker = 1;

    let mut shared_async = base("blog");
    shared_async.async_worker = true;
    shared_async.storage = spec::Storage::Shared;
    shared_async.hosts = vec!["blog.example.com".to_owned()];

    let mut shared_web = base("wiki");
    shared_web.storage = spec::Storage::Shared;

    let mut volume_no_async = base("crm");
    volume_no_async.hosts = vec!["crm.example.com".to_owned()];
    volume_no_async.replicas.web = 0;

    vec![
        Case {
            what: "async, volume, 3 hosts, pull secret, digest, custom commands",
            spec: full,
        },
        Case {
            what: "async, shared storage, one host",
            spec: shared_async,
        },
        Case {
            what: "no async, shared storage, no hosts",
            spec: shared_web,
        },
        Case {
            what: "no async, volume, scaled to zero",
            spec: volume_no_async,
        },
    ]
}

#[test]
fn the_matrix_renders_valid_kubernetes_objects_that_follow_the_spec() {
    let helm = Helm::new();
    for Case { what, spec } in matrix() {
        spec.validate()
            .unwrap_or_else(|e| panic!("{what}: the CLI rejects the spec: {e:?}"));
        let rendered = helm.render(&[&spec_yaml(&spec)]);
        assert_valid_kubernetes(&rendered, what);
        check_follows_spec(&rendered, &spec, what);
    }
}

fn check_follows_spec(rendered: &Rendered, spec: &AppSpec, what: &str) {
    let app = spec.name.as_str();
    let shared = spec.storage == spec::Storage::Shared;
    let web = rendered.get("Deployment", &names::web_deployment(app));
    let image = spec.image.as_deref().unwrap();

    // Storage mode: the access mode, and the strategy such a volume allows.
    let claim = rendered.get("PersistentVolumeClaim", &names::data_volume(app, shared));
    let (mode, strategy) = if shared {
        ("ReadWriteMany", "RollingUpdate")
    } else {
        ("ReadWriteOnce", "Recreate")
    };
    assert_eq!(
        claim["spec"]["accessModes"],
        serde_json::json!([mode]),
        "{what}"
    );
    assert_eq!(web["spec"]["strategy"]["type"], strategy, "{what}");
    assert_eq!(
        web["spec"]["template"]["spec"]["affinity"].is_null(),
        shared,
        "{what}: only a ReadWriteOnce volume ties the pods to one node"
    );
    assert_eq!(web["spec"]["replicas"], spec.replicas.web, "{what}");
    // `restart web` rolls the web pods: its counter is in their template.
    assert_eq!(
        web["spec"]["template"]["metadata"]["annotations"][names::ANNOTATION_RESTART],
        spec.restarts.web.to_string(),
        "{what}"
    );

    // Async on or off.
    let worker = rendered.find("Deployment", &names::async_deployment(app));
    assert_eq!(worker.is_some(), spec.async_worker, "{what}");
    if let Some(worker) = worker {
        let container = container(worker, "containers", names::CONTAINER_ASYNC);
        assert_eq!(
            container["command"],
            serde_json::json!([spec.commands.async_worker]),
            "{what}"
        );
        assert_eq!(container["image"], image, "{what}");
        assert_eq!(
            env_value(&container, "UNGLEICH_COMPONENT")["value"],
            "async"
        );
        assert_eq!(
            worker["spec"]["replicas"], spec.replicas.async_worker,
            "{what}"
        );
        assert_eq!(worker["spec"]["strategy"]["type"], strategy, "{what}");
        // `restart async` rolls the worker alone.
        assert_eq!(
            worker["spec"]["template"]["metadata"]["annotations"][names::ANNOTATION_RESTART],
            spec.restarts.async_worker.to_string(),
            "{what}"
        );
    }

    // Commands, image (a digest stays exactly as written), pull secret.
    let init = container(web, "initContainers", names::CONTAINER_INIT);
    let run = container(web, "containers", names::CONTAINER_RUN);
    assert_eq!(
        init["command"],
        serde_json::json!([spec.commands.init]),
        "{what}"
    );
    assert_eq!(
        run["command"],
        serde_json::json!([spec.commands.run]),
        "{what}"
    );
    assert_eq!(run["image"], image, "{what}");
    assert_eq!(init["image"], image, "{what}");
    let pull_secrets = &web["spec"]["template"]["spec"]["imagePullSecrets"];
    match &spec.image_pull_secret {
        Some(secret) => assert_eq!(
            pull_secrets,
            &serde_json::json!([{"name": secret}]),
            "{what}"
        ),
        None => assert!(pull_secrets.is_null(), "{what}"),
    }

    // The environment of DESIGN section 2, then the spec's env, in every container.
    for (container, component) in [(&init, "init"), (&run, "web")] {
        let names_ = env_names(container);
        for platform in spec::PLATFORM_ENV {
            assert!(
                names_.iter().any(|n| n == platform),
                "{what}: {component} lacks {platform}"
            );
        }
        for (key, value) in &spec.env {
            assert_eq!(env_value(container, key)["value"], value.as_str(), "{what}");
        }
        let mut unique = names_.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            names_.len(),
            "{what}: duplicate env names {names_:?}"
        );
        assert_eq!(
            env_value(container, "UNGLEICH_COMPONENT")["value"],
            component
        );
        assert_eq!(env_value(container, "UNGLEICH_APP")["value"], app);
        assert_eq!(env_value(container, "PORT")["value"], "8000");
        // In Django's form: a wildcard `*.example.com` becomes `.example.com`.
        let allowed: Vec<String> = spec
            .hosts
            .iter()
            .map(|h| h.strip_prefix('*').unwrap_or(h).to_owned())
            .collect();
        assert_eq!(
            env_value(container, "ALLOWED_HOSTS")["value"],
            allowed.join(","),
            "{what}"
        );
        assert_eq!(
            env_value(container, "MEDIA_ROOT")["value"],
            format!("{}/media", names::DATA_MOUNT)
        );
        assert_eq!(container["volumeMounts"][0]["mountPath"], names::DATA_MOUNT);
        assert_eq!(
            env_value(container, "DATABASE_URL")["valueFrom"]["secretKeyRef"]["name"],
            names::database_secret(app)
        );
        let security = &container["securityContext"];
        assert_eq!(security["allowPrivilegeEscalation"], false, "{what}");
        assert_eq!(
            security["capabilities"]["drop"],
            serde_json::json!(["ALL"]),
            "{what}"
        );
        assert_eq!(
            security["seccompProfile"]["type"], "RuntimeDefault",
            "{what}"
        );
    }
    let pod_security = &web["spec"]["template"]["spec"]["securityContext"];
    assert_eq!(pod_security["runAsNonRoot"], true, "{what}");
    assert!(
        pod_security["fsGroup"].as_u64().is_some_and(|g| g > 0),
        "{what}"
    );

    // Probes: the healthcheck path over HTTP, else the port.
    for probe in ["readinessProbe", "livenessProbe"] {
        match &spec.healthcheck {
            Some(path) => {
                assert_eq!(run[probe]["httpGet"]["path"], path.as_str(), "{what}");
                assert_eq!(run[probe]["httpGet"]["port"], "http", "{what}");
            }
            None => assert_eq!(run[probe]["tcpSocket"]["port"], "http", "{what}"),
        }
    }
    assert_eq!(run["ports"][0]["containerPort"], 8000, "{what}");

    // A secret change rolls the pods; once secrets exist their Secret is required.
    let annotation =
        &web["spec"]["template"]["metadata"]["annotations"][names::ANNOTATION_SECRETS_REVISION];
    assert_eq!(
        annotation,
        spec.secrets_revision.as_deref().unwrap_or(""),
        "{what}"
    );
    assert_eq!(
        run["envFrom"][0]["secretRef"]["optional"].is_null(),
        spec.secrets_revision.is_some(),
        "{what}"
    );

    // The Ingress: one rule per host, all in the TLS certificate, routed to the web Service.
    let ingress = rendered.find("Ingress", &names::ingress(app));
    assert_eq!(ingress.is_some(), !spec.hosts.is_empty(), "{what}");
    if let Some(ingress) = ingress {
        let rules = ingress["spec"]["rules"].as_array().unwrap();
        let hosts: Vec<&str> = rules.iter().map(|r| r["host"].as_str().unwrap()).collect();
        assert_eq!(hosts, spec.hosts, "{what}");
        assert_eq!(
            ingress["spec"]["tls"][0]["hosts"],
            serde_json::json!(spec.hosts),
            "{what}"
        );
        assert_eq!(
            ingress["spec"]["tls"][0]["secretName"],
            names::tls_secret(app),
            "{what}"
        );
        assert_eq!(
            rules[0]["http"]["paths"][0]["backend"]["service"]["name"],
            names::web_service(app),
            "{what}"
        );
        assert_eq!(
            ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"],
            "letsencrypt-prod"
        );
        // What `domains add` checks the hosts' CAA records against.
        assert_eq!(
            ingress["metadata"]["annotations"][names::ANNOTATION_CAA_ISSUER],
            ungleich_django::dns_check::DEFAULT_CAA_ISSUER
        );
    }
}

/// The names and labels the CLI's cluster code looks for, taken from that code, must be what the
/// chart renders: renaming one side without the other fails here.
#[test]
fn the_chart_renders_the_names_and_labels_the_cli_looks_for() {
    let helm = Helm::new();
    let app = "shop";
    let mut spec = AppSpec::new(app);
    spec.image = Some("registry.example.com/acme/shop:1".to_owned());
    spec.async_worker = true;
    spec.hosts = vec!["shop.example.com".to_owned()];
    spec.secrets_revision = Some("rev-42".to_owned());
    let rendered = helm.render(&[&spec_yaml(&spec)]);

    for object in &rendered.objects {
        let labels = &object["metadata"]["labels"];
        assert_eq!(labels[names::LABEL_INSTANCE], app, "{object}");
        assert_eq!(
            labels[names::LABEL_MANAGED_BY],
            names::MANAGED_BY,
            "{object}"
        );
    }
    for (deployment, component, containers_) in [
        (
            names::web_deployment(app),
            names::COMPONENT_WEB,
            vec![
                ("initContainers", names::CONTAINER_INIT),
                ("containers", names::CONTAINER_RUN),
            ],
        ),
        (
            names::async_deployment(app),
            names::COMPONENT_ASYNC,
            vec![("containers", names::CONTAINER_ASYNC)],
        ),
    ] {
        let d = rendered.get("Deployment", &deployment);
        assert_eq!(d["metadata"]["labels"][names::LABEL_COMPONENT], component);
        let template = &d["spec"]["template"];
        let selector = d["spec"]["selector"]["matchLabels"].as_object().unwrap();
        // The CLI's selector, parsed back into labels, is exactly the Deployment's.
        let cli_selector: serde_json::Map<String, Value> =
            names::component_selector(app, component)
                .split(',')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap();
                    (k.to_owned(), Value::from(v))
                })
                .collect();
        assert_eq!(selector, &cli_selector, "{deployment}");
        let (k, v) = names::app_selector(app)
            .split_once('=')
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .unwrap();
        assert_eq!(template["metadata"]["labels"][&k], v.as_str());
        for (key, value) in &cli_selector {
            assert_eq!(&template["metadata"]["labels"][key], value, "{deployment}");
        }
        assert_eq!(
            template["metadata"]["annotations"][names::ANNOTATION_SECRETS_REVISION],
            "rev-42"
        );
        assert_eq!(
            template["metadata"]["labels"][names::LABEL_MANAGED_BY],
            names::MANAGED_BY
        );
        assert!(
            template["metadata"]["labels"]["helm.sh/chart"].is_null(),
            "a new chart version alone must not replace the pods"
        );
        for (list, name) in containers_ {
            let c = container(d, list, name);
            assert_eq!(c["envFrom"][0]["secretRef"]["name"], names::env_secret(app));
        }
    }
    let service = rendered.get("Service", &names::web_service(app));
    assert_eq!(
        service["spec"]["selector"][names::LABEL_COMPONENT],
        names::COMPONENT_WEB
    );
    rendered.get("PersistentVolumeClaim", &names::data_volume(app, false));
    rendered.get("Ingress", &names::ingress(app));
}

/// What the CLI rejects in app.yaml, helm rejects through values.schema.json, and the reverse
/// holds for the hoster's values.
#[test]
fn the_values_schema_rejects_what_the_cli_rejects() {
    let helm = Helm::new();
    let app_cases = [
        ("imagePullSecrets: regcred\n", "imagePullSecrets"),
        ("name: Shop\n", "/name"),
        ("name: 2shop\n", "/name"),
        (&format!("name: {}\n", "a".repeat(41)) as &str, "/name"),
        ("hosts: [localhost]\n", "/hosts/0"),
        ("hosts: ['-bad.example.com']\n", "/hosts/0"),
        ("imagePullSecret: Reg_Cred\n", "/imagePullSecret"),
        ("image: registry.example.com/acme/shop\n", "/image"),
        ("image: acme/Shop:1\n", "/image"),
        ("image: 'shop@sha256:abc'\n", "/image"),
        ("env: {'1X': y}\n", "1X"),
        (
            "env: {DATABASE_URL: 'postgres://elsewhere'}\n",
            "DATABASE_URL",
        ),
        ("healthcheck: healthz\n", "/healthcheck"),
        ("commands: {run: run.sh}\n", "/commands/run"),
        ("commands: {start: /start}\n", "start"),
        ("replicas: {web: 21}\n", "/replicas/web"),
        ("storage: nfs\n", "/storage"),
        ("async: yes please\n", "/async"),
    ];
    for (line, needle) in app_cases {
        // `name` first; a case that sets `name` again replaces it (later keys win in helm).
        let text = if line.starts_with("name:") {
            format!("image: r.example.com/x:1\n{line}")
        } else if line.starts_with("image:") {
            format!("name: shop\n{line}")
        } else {
            format!("name: shop\nimage: r.example.com/x:1\n{line}")
        };
        assert!(
            AppSpec::parse(Path::new("app.yaml"), &text).is_err(),
            "the CLI accepts {text:?}: the case is wrong"
        );
        let run = helm.template(&[&text]);
        assert!(!run.ok, "helm accepted {text:?}");
        assert!(
            run.stderr.contains("schema") && run.stderr.contains(needle),
            "{text:?}: helm's error does not come from the schema or name `{needle}`:\n{}",
            run.stderr
        );
    }
    let hosting_cases = [
        ("hosting: {sizes: {}}\n", "sizes"),
        (
            "hosting: {resources: {web: {requests: {memory: lots}}}}\n",
            "/hosting/resources/web/requests/memory",
        ),
        (
            "hosting: {storage: {size: 5 GB}}\n",
            "/hosting/storage/size",
        ),
        (
            "hosting: {imagePullPolicy: Sometimes}\n",
            "/hosting/imagePullPolicy",
        ),
        (
            "hosting: {security: {runAsUser: 0}}\n",
            "/hosting/security/runAsUser",
        ),
        (
            "hosting: {database: {secretName: Bad_Name}}\n",
            "/hosting/database/secretName",
        ),
    ];
    let app = "name: shop\nimage: r.example.com/x:1\n";
    for (sizes, needle) in hosting_cases {
        let run = helm.template(&[app, sizes]);
        assert!(!run.ok, "helm accepted {sizes:?}");
        assert!(run.stderr.contains(needle), "{sizes:?}: {}", run.stderr);
    }
}

/// helm 4 hands a subchart its parent's `global` values (an empty object at least), so a schema
/// without `global` rejects every install of the chart as a dependency; a top-level `global` is
/// accepted too.
#[test]
fn global_values_are_accepted_also_as_a_subchart() {
    let helm = Helm::new();
    helm.render(&[
        "name: shop\nimage: r.example.com/x:1\nglobal: {imageRegistry: r.example.com}\n",
    ]);

    let umbrella = tempfile::tempdir().unwrap();
    copy_dir(&chart_dir(), &umbrella.path().join("charts/app"));
    std::fs::write(
        umbrella.path().join("Chart.yaml"),
        "apiVersion: v2\nname: umbrella\nversion: 0.1.0\ndependencies:\n  - name: ungleich-django\n    version: 0.1.0\n    alias: app\n",
    )
    .unwrap();
    std::fs::write(
        umbrella.path().join("values.yaml"),
        "app:\n  name: shop\n  image: r.example.com/x:1\n",
    )
    .unwrap();
    let run = helm.run(&["template", "u", umbrella.path().to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        Rendered::parse(&run.stdout)
            .find("Deployment", "shop-web")
            .is_some()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The chart's values.yaml documents the defaults of `hosting`; they must be the Rust type's.
#[test]
fn values_yaml_holds_the_hosting_defaults() {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ChartValues {
        hosting: Hosting,
    }
    let text = std::fs::read_to_string(chart_dir().join("values.yaml")).unwrap();
    let values: ChartValues = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(values.hosting, Hosting::default());
}

/// The hoster's sizes file wins over the customer's app.yaml, as the last values file ArgoCD
/// passes; the example Application and files render as the README says.
#[test]
fn the_example_renders_with_the_hosters_sizes_last() {
    let helm = Helm::new();
    let examples = chart_dir().join("examples");
    let read = |p: &str| std::fs::read_to_string(examples.join(p)).unwrap();
    let app_yaml = read("deploy/app.yaml");
    AppSpec::parse(Path::new("app.yaml"), &app_yaml).expect("the example app.yaml is valid");
    // A customer who slips sizes into app.yaml is overruled by the sizes file that comes last.
    let greedy = format!(
        "{app_yaml}hosting: {{resources: {{web: {{limits: {{cpu: '64', memory: 256Gi}}}}}}, storage: {{size: 10Ti}}}}\n"
    );
    let rendered = helm.render(&[&greedy, &read("sizes/acme/shop.yaml")]);
    assert_valid_kubernetes(&rendered, "the example");
    let web = rendered.get("Deployment", "shop-web");
    let run = container(web, "containers", "run");
    assert_eq!(
        run["resources"]["limits"],
        serde_json::json!({"cpu": "1", "memory": "1Gi"})
    );
    let claim = rendered.get("PersistentVolumeClaim", "shop-data");
    assert_eq!(claim["spec"]["resources"]["requests"]["storage"], "20Gi");
    assert_eq!(claim["spec"]["storageClassName"], "ceph-rbd");
    let ingress = rendered.get("Ingress", "shop");
    assert_eq!(ingress["spec"]["ingressClassName"], "nginx");

    // The Application: chart first with the sizes file as the last values file, the deploy
    // repository as `$values` that also applies only sealed-secrets.yaml, the sizes repo last.
    let application: Value = serde_saphyr::from_str(&read("application.yaml")).unwrap();
    assert_eq!(application["metadata"]["name"], "shop");
    let sources = application["spec"]["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 3);
    let value_files = sources[0]["helm"]["valueFiles"].as_array().unwrap();
    assert_eq!(value_files.first().unwrap(), "$values/app.yaml");
    assert!(
        value_files
            .last()
            .unwrap()
            .as_str()
            .unwrap()
            .starts_with("$sizes/")
    );
    assert_eq!(sources[1]["ref"], "values");
    assert_eq!(sources[1]["directory"]["include"], "sealed-secrets.yaml");
    assert_eq!(sources[2]["ref"], "sizes");
    assert!(
        sources[2]["path"].is_null(),
        "the sizes repository must render nothing"
    );
    let sealed: Value = serde_saphyr::from_str(&read("deploy/sealed-secrets.yaml")).unwrap();
    assert_eq!(sealed["metadata"]["name"], names::env_secret("shop"));

    // The customer's RBAC is valid Kubernetes.
    let rbac = Rendered::parse(&read("rbac.yaml"));
    assert_valid_kubernetes(&rbac, "rbac.yaml");
}

/// The hoster's switches: a database Secret without a URL key, no TLS, another Secret name, the
/// pull policy and the user.
#[test]
fn hosting_values_change_what_renders() {
    let helm = Helm::new();
    let app = "name: shop\nimage: r.example.com/x:1\nhosts: [shop.example.com]\nasync: true\n";
    let sizes = "\
hosting:
  imagePullPolicy: Always
  database:
    secretName: pg-shop
    keys: {url: '', user: user}
  ingress: {clusterIssuer: null, className: traefik}
  security: {runAsUser: 2000, runAsGroup: 2000, fsGroup: 3000}
";
    let rendered = helm.render(&[app, sizes]);
    assert_valid_kubernetes(&rendered, "hosting switches");
    for (deployment, list, name) in [
        ("shop-web", "initContainers", "init"),
        ("shop-web", "containers", "run"),
        ("shop-async", "containers", "async"),
    ] {
        let d = rendered.get("Deployment", deployment);
        let c = container(d, list, name);
        assert_eq!(c["imagePullPolicy"], "Always");
        let url = env_value(&c, "DATABASE_URL");
        assert_eq!(
            url["value"],
            "postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST):$(PGPORT)/$(PGDATABASE)"
        );
        // Kubernetes expands $(VAR) only for variables defined earlier in the list.
        let order = env_names(&c);
        let at = |n: &str| order.iter().position(|x| x == n).unwrap();
        for pg in ["PGUSER", "PGPASSWORD", "PGHOST", "PGPORT", "PGDATABASE"] {
            assert!(at(pg) < at("DATABASE_URL"), "{order:?}");
        }
        let user = env_value(&c, "PGUSER");
        assert_eq!(
            user["valueFrom"]["secretKeyRef"],
            serde_json::json!({"name": "pg-shop", "key": "user"})
        );
        assert_eq!(
            d["spec"]["template"]["spec"]["securityContext"]["fsGroup"],
            3000
        );
    }
    let ingress = rendered.get("Ingress", "shop");
    assert!(ingress["spec"]["tls"].is_null(), "{ingress}");
    assert!(ingress["metadata"]["annotations"].is_null(), "{ingress}");
    assert_eq!(ingress["spec"]["ingressClassName"], "traefik");
}

/// The platform ConfigMap holds what `db` reads (src/database/platform.rs reads the rendered
/// data itself), from the hoster's values, defaults included; never a secret value.
#[test]
fn the_platform_configmap_says_what_db_needs() {
    use ungleich_django::database::Platform;
    let helm = Helm::new();
    let app = "name: shop\nimage: r.example.com/x:1\nhosts: [shop.example.com]\n";
    let data = |rendered: &Rendered| -> std::collections::BTreeMap<String, String> {
        let cm = rendered.get("ConfigMap", &names::platform_configmap("shop"));
        serde_json::from_value(cm["data"].clone()).unwrap()
    };
    let defaults = helm.render(&[app]);
    assert_valid_kubernetes(&defaults, "platform defaults");
    let platform = Platform::from_data("shop-platform", &data(&defaults)).unwrap();
    assert_eq!(platform.client_image, "postgres:17");
    assert_eq!(platform.secret, names::database_secret("shop"));
    assert_eq!(platform.keys[4], ("PGPASSWORD", "password".to_owned()));
    assert!(!platform.restore_stops_app);
    assert_eq!(platform.run_as_user, 10001);
    let sizes = "\
hosting:
  database:
    secretName: pg-shop
    keys: {user: user}
    clientImage: registry.example.com/postgres:16.4
    restoreStopsApp: true
  security: {runAsUser: 2000, runAsGroup: 2001, fsGroup: 3000}
";
    let hosted = helm.render(&[app, sizes]);
    let platform = Platform::from_data("shop-platform", &data(&hosted)).unwrap();
    assert_eq!(platform.client_image, "registry.example.com/postgres:16.4");
    assert_eq!(platform.secret, "pg-shop");
    assert_eq!(platform.keys[3], ("PGUSER", "user".to_owned()));
    assert!(platform.restore_stops_app);
    assert_eq!((platform.run_as_user, platform.run_as_group), (2000, 2001));
}

/// What `helm install` prints after the release: the objects by the names the CLI uses.
#[test]
fn the_notes_name_what_was_installed() {
    let helm = Helm::new();
    let examples = chart_dir().join("examples");
    let app = examples.join("deploy/app.yaml");
    let sizes = examples.join("sizes/acme/shop.yaml");
    let run = helm.run(&[
        "install",
        "shop",
        chart_dir().to_str().unwrap(),
        "--namespace",
        "shop",
        "--dry-run=client",
        "--values",
        app.to_str().unwrap(),
        "--values",
        sizes.to_str().unwrap(),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let notes = &run.stdout[run.stdout.find("NOTES:").expect("helm prints NOTES")..];
    for expected in [
        format!("Deployment {}", names::web_deployment("shop")),
        format!("Deployment {}", names::async_deployment("shop")),
        format!(
            "PersistentVolumeClaim {}",
            names::data_volume("shop", false)
        ),
        format!("Secret {}", names::env_secret("shop")),
        "https://www.shop.example.com/".to_owned(),
    ] {
        assert!(
            notes.contains(&expected),
            "NOTES lack {expected:?}:\n{notes}"
        );
    }
}

fn cron_entry(name: &str, schedule: &str, command: &[&str]) -> spec::cron::CronEntry {
    spec::cron::CronEntry {
        name: name.to_owned(),
        schedule: schedule.to_owned(),
        command: command.iter().map(|s| (*s).to_owned()).collect(),
        time_zone: None,
        timeout: None,
        component: spec::cron::CronComponent::Web,
    }
}

/// Issue 15: one CronJob per `cron:` entry, made from the component's pod template, valid for
/// Kubernetes, for a matrix of entries (macros, zones, timeouts, async, both storage modes).
#[test]
fn cron_entries_render_one_cronjob_each_from_the_component_template() {
    let helm = Helm::new();
    for Case { what, mut spec } in matrix() {
        let mut entries = vec![
            cron_entry(
                "sessions",
                "@daily",
                &["python", "manage.py", "clearsessions"],
            ),
            spec::cron::CronEntry {
                time_zone: Some("Europe/Zurich".to_owned()),
                timeout: Some("90m".to_owned()),
                ..cron_entry("import", "30 2 * * mon-fri", &["/app/bin/import", "--all"])
            },
        ];
        if spec.async_worker {
            entries.push(spec::cron::CronEntry {
                component: spec::cron::CronComponent::Async,
                timeout: Some("45s".to_owned()),
                ..cron_entry(
                    "mail",
                    "*/15 * * * *",
                    &["python", "manage.py", "send_mail"],
                )
            });
        }
        spec.cron = entries;
        spec.validate()
            .unwrap_or_else(|e| panic!("{what}: the CLI rejects the spec: {e:?}"));
        let rendered = helm.render(&[&spec_yaml(&spec)]);
        assert_valid_kubernetes(&rendered, what);
        let app = spec.name.as_str();
        let cronjobs = rendered
            .kinds()
            .iter()
            .filter(|k| k.starts_with("CronJob/"))
            .count();
        assert_eq!(cronjobs, spec.cron.len(), "{what}");
        for entry in &spec.cron {
            let name = spec::cron::cronjob_name(app, &entry.name);
            let cronjob = rendered.get("CronJob", &name);
            let cj = &cronjob["spec"];
            assert_eq!(cj["schedule"], entry.schedule.as_str(), "{what}: {name}");
            assert_eq!(cj["concurrencyPolicy"], "Forbid", "{what}: {name}");
            assert!(cj["startingDeadlineSeconds"].as_u64().is_some(), "{name}");
            assert!(
                cj["successfulJobsHistoryLimit"].as_u64().is_some(),
                "{name}"
            );
            assert!(cj["failedJobsHistoryLimit"].as_u64().is_some(), "{name}");
            assert_eq!(
                cj["timeZone"].as_str(),
                entry.time_zone.as_deref(),
                "{what}: {name}"
            );
            let job = &cj["jobTemplate"]["spec"];
            assert_eq!(job["backoffLimit"], 0, "{name}");
            assert_eq!(
                job["activeDeadlineSeconds"].as_u64(),
                entry.timeout_seconds(),
                "{what}: {name}"
            );
            // The CronJob is ArgoCD's (instance label); its pods are no part of a release.
            assert_eq!(cronjob["metadata"]["labels"][names::LABEL_INSTANCE], app);
            let template = &job["template"];
            let labels = &template["metadata"]["labels"];
            assert_eq!(labels[names::LABEL_COMPONENT], "cron", "{name}");
            assert_eq!(labels["ungleich.ch/cron"], entry.name.as_str(), "{name}");
            assert_eq!(labels["ungleich.ch/app"], app, "{name}");
            assert!(labels[names::LABEL_INSTANCE].is_null(), "{what}: {name}");
            // The component's pod template: image, env, envFrom, volume, security, sizes.
            let component = entry.component.as_str();
            let deployment = rendered.get("Deployment", &format!("{app}-{component}"));
            let pod = &template["spec"];
            let source = &deployment["spec"]["template"]["spec"];
            assert_eq!(pod["restartPolicy"], "Never");
            for key in ["securityContext", "volumes", "affinity", "imagePullSecrets"] {
                assert_eq!(pod[key], source[key], "{what}: {name}: {key}");
            }
            let container = &pod["containers"][0];
            let reference = &source["containers"][0];
            assert_eq!(container["image"], spec.image.as_deref().unwrap());
            assert_eq!(
                container["command"],
                serde_json::to_value(&entry.command).unwrap()
            );
            for key in ["envFrom", "volumeMounts", "resources", "securityContext"] {
                assert_eq!(container[key], reference[key], "{what}: {name}: {key}");
            }
            assert_eq!(env_names(container), env_names(reference), "{name}");
            assert_eq!(env_value(container, "UNGLEICH_COMPONENT")["value"], "cron");
        }
    }
}

/// What the CLI refuses in `cron:`, helm refuses too: through the schema, or (for what a schema
/// cannot say: duplicates, the CronJob name's length, async without a worker) in the template.
#[test]
fn helm_refuses_the_cron_entries_the_cli_refuses() {
    let helm = Helm::new();
    let base = "name: shop\nimage: r.example.com/x:1\n";
    let cases = [
        (
            "cron: [{name: a, schedule: '0 25 * * *', command: [x]}]\n",
            "/cron/0/schedule",
        ),
        (
            "cron: [{name: a, schedule: '0 3 * *', command: [x]}]\n",
            "/cron/0/schedule",
        ),
        (
            "cron: [{name: a, schedule: '@every 5m', command: [x]}]\n",
            "/cron/0/schedule",
        ),
        // Past the schema, whose pattern cannot compare a range's ends: the template refuses.
        (
            "cron: [{name: a, schedule: '5-1 * * * *', command: [x]}]\n",
            "cron[0].schedule: `5-1 * * * *` has the range `5-1`, which ends before it starts",
        ),
        (
            "cron: [{name: a, schedule: '0 3 * * FRI-mon/2', command: [x]}]\n",
            "ends before it starts",
        ),
        (
            "cron: [{name: Nightly, schedule: '@daily', command: [x]}]\n",
            "/cron/0/name",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: []}]\n",
            "/cron/0/command",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: ['']}]\n",
            "/cron/0/command/0",
        ),
        ("cron: [{name: a, schedule: '@daily'}]\n", "command"),
        (
            "cron: [{name: a, schedule: '@daily', command: [x], timeout: 1d}]\n",
            "/cron/0/timeout",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: [x], component: db}]\n",
            "/cron/0/component",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: [x], every: 1}]\n",
            "every",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: [x]}, {name: a, schedule: '@hourly', command: [z]}]\n",
            "cron[1].name",
        ),
        (
            "cron: [{name: a-very-long-name-for-a-nightly-command-wxyz, schedule: '@daily', command: [x]}]\n",
            "longer than 52",
        ),
        (
            "cron: [{name: a, schedule: '@daily', command: [x], component: async}]\n",
            "needs the worker",
        ),
    ];
    for (line, needle) in cases {
        let text = format!("{base}{line}");
        assert!(
            AppSpec::parse(Path::new("app.yaml"), &text).is_err(),
            "the CLI accepts {text:?}: the case is wrong"
        );
        let run = helm.template(&[&text]);
        assert!(!run.ok, "helm accepted {text:?}");
        assert!(
            run.stderr.contains(needle),
            "{text:?}: helm's error does not name `{needle}`:\n{}",
            run.stderr
        );
    }
}
