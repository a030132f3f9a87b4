//! `status` against the kube-apiserver emulator.

use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};

use crate::support::apiserver::{ApiServer, Auth, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";

#[test]
fn status_compares_the_desired_image_with_what_runs() {
    let env = TestEnv::new();
    env.write("work/p/manage.py", "import os\n");
    env.write("work/p/proj/__init__.py", "");
    env.write("work/p/proj/settings.py", "");
    env.write("work/p/proj/wsgi.py", "application = None\n");
    env.write("work/p/requirements.txt", "django\ngunicorn\n");
    let p = env.work().join("p");
    Outcome::of(
        env.cmd_in(
            &p,
            &[
                "init",
                "--yes",
                "--app",
                "shop",
                "--image",
                IMAGE,
                "--host",
                "shop.example.com",
            ],
        ),
        None,
    )
    .success();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment(
        "shop",
        "registry.example.com/acme/shop:1",
        1,
    ));
    let mut pod =
        objects::running_web_pod("shop", "h1", "aaaaa", "registry.example.com/acme/shop:1");
    objects::restart_container(&mut pod, "run", 1, "");
    cluster.apply(objects::created_ago(pod, Duration::from_secs(600)));

    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    out.success()
        .stdout_has("image      registry.example.com/acme/shop:2 (app.yaml)\n")
        .stdout_has(
            "web        1/1 ready, registry.example.com/acme/shop:1 (not yet the desired image)",
        )
        .stdout_has("init       succeeded in shop-web-h1-aaaaa\n")
        .stdout_has("hosts      shop.example.com\n")
        .stdout_has("shop-web-h1-aaaaa                        web        1/1    1         10m\n");

    let out = Outcome::of(env.cmd_in(&p, &["status", "-o", "json"]), None);
    out.success();
    let json = out.json();
    assert_eq!(json["desired_image"], IMAGE);
    assert_eq!(
        json["deployments"][0]["image"],
        "registry.example.com/acme/shop:1"
    );
    assert_eq!(json["pods"][0]["restarts"], 1);
    assert_eq!(json["pods"][0]["component"], "web");
    assert_eq!(json["pushed_revision"].as_str().unwrap().len(), 40);
}

async fn checks_with(cluster: &ApiServer, auth: &Auth) -> Vec<(String, String)> {
    let kubeconfig = Kubeconfig::from_yaml(&cluster.kubeconfig(auth)).expect("kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("config");
    let client = kube::Client::try_from(config).expect("client");
    ungleich_django::cluster::checks::run(client, "shop", Some(("argocd", "shop")))
        .await
        .into_iter()
        .map(|f| {
            let v = serde_json::to_value(&f).unwrap();
            (f.check.to_owned(), v["status"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn doctor_cluster_checks_name_what_is_wrong() {
    let cluster = ApiServer::start();
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await,
        pairs(&[
            ("cluster.reachable", "ok"),
            ("cluster.credentials", "ok"),
            ("cluster.namespace", "ok"),
            ("cluster.application", "ok")
        ])
    );
    cluster.deny("get", "applications");
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await[3],
        ("cluster.application".to_owned(), "warn".to_owned())
    );
    cluster.deny("list", "deployments");
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await[2],
        ("cluster.namespace".to_owned(), "fail".to_owned())
    );
    assert_eq!(
        checks_with(&cluster, &Auth::WrongToken).await,
        pairs(&[("cluster.credentials", "fail")])
    );
}
