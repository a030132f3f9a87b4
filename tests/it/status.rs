//! `status` against the kube-apiserver emulator.

use std::time::Duration;

use crate::support::apiserver::{ApiServer, objects};
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
