//! The kube-apiserver emulator driven by the `kube` crate the way the CLI drives a cluster:
//! watchers that survive a dropped connection and a 410, followed logs, a merge patch of an
//! Application, the services proxy, and permission errors.

use std::time::Duration;

use futures::{AsyncBufReadExt, StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Pod, Service};
use kube::api::{
    Api, ApiResource, DynamicObject, GroupVersionKind, ListParams, LogParams, Patch, PatchParams,
};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::runtime::watcher;
use serde_json::json;

use crate::support::apiserver::{ApiServer, Auth, Fault, ProxyResponse, objects};

const IMAGE: &str = "registry.example.com/shop:1.0";

async fn client(cluster: &ApiServer) -> kube::Client {
    let kubeconfig = Kubeconfig::from_yaml(&cluster.kubeconfig(&Auth::Token)).expect("kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("config");
    kube::Client::try_from(config).expect("client")
}

/// Bounds every async test: a hang is a failure, not a stuck CI job.
async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), f)
        .await
        .expect("took longer than 10s")
}

fn api_error(e: kube::Error) -> kube::core::Status {
    match e {
        kube::Error::Api(status) => *status,
        other => panic!("not an API error: {other:?}"),
    }
}

#[tokio::test]
async fn a_watcher_survives_a_dropped_watch_and_relists_after_410() {
    let cluster = ApiServer::start();
    let mut deployment = objects::web_deployment("shop", IMAGE, 2);
    deployment["metadata"]["generation"] = json!(2);
    cluster.apply(deployment);
    cluster.fault(Fault::DropWatchAfter(1));
    cluster
        .scenario()
        .after_watch("deployments")
        // The next watch (after the drop) gets 410: the watcher must list again.
        .fault(Fault::Gone410)
        .deployment_progressing("shop-web", "6c4f9d7b8", 1, 0, 2)
        .after_watches(3, "deployments")
        .deployment_rolled_out("shop-web", "6c4f9d7b8")
        .start();

    let client = client(&cluster).await;
    let api: Api<Deployment> = Api::namespaced(client, "shop");
    let config = watcher::Config::default().fields("metadata.name=shop-web");
    let mut stream = watcher(api, config).boxed();
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    within(async {
        while let Some(event) = stream.next().await {
            match event {
                Ok(watcher::Event::Apply(d) | watcher::Event::InitApply(d)) => {
                    let status = d.status.unwrap_or_default();
                    seen.push((
                        status.observed_generation,
                        status.updated_replicas,
                        status.available_replicas,
                    ));
                    if status.updated_replicas == Some(2) && status.observed_generation == Some(2) {
                        break;
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
    })
    .await;

    assert_eq!(
        seen.first(),
        Some(&(Some(1), Some(2), Some(2))),
        "initial list: {seen:?}"
    );
    assert!(
        seen.contains(&(Some(2), Some(1), Some(2))),
        "the progress before the drop: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&(Some(2), Some(2), Some(2))), "{seen:?}");
    // kube takes a cut watch for the end of that watch and watches again from the last
    // resourceVersion; the 410 is the one error it reports, and it lists again.
    assert_eq!(
        errors,
        ["error returned by apiserver during watch: too old resource version: 7 (7): Expired"]
    );
    let calls: Vec<String> = cluster
        .requests()
        .iter()
        .filter(|r| r.path == "/apis/apps/v1/namespaces/shop/deployments")
        .map(|r| {
            if r.param("watch").is_some() {
                "watch".to_owned()
            } else {
                "list".to_owned()
            }
        })
        .collect();
    assert_eq!(calls, ["list", "watch", "watch", "list", "watch"]);
}

#[tokio::test]
async fn log_stream_follows_an_init_container_until_it_exits() {
    let cluster = ApiServer::start();
    let pod = "shop-web-7d9f8c6b5-x2kq4";
    cluster.apply(objects::web_pod("shop", "7d9f8c6b5", "x2kq4", IMAGE));
    cluster.logs(pod, "init", &["Operations to perform:"]);
    cluster
        .scenario()
        .after_log_request(pod)
        .logs_every(
            Duration::from_millis(50),
            pod,
            "init",
            &[
                "  Applying shop.0001_initial... OK",
                "  Applying shop.0002_price... OK",
            ],
        )
        .after(Duration::from_millis(50))
        .container_terminated(pod, "init", 0)
        .start();

    let pods: Api<Pod> = Api::namespaced(client(&cluster).await, "shop");
    let params = LogParams {
        container: Some("init".into()),
        follow: true,
        timestamps: true,
        ..LogParams::default()
    };
    let lines: Vec<String> = within(async {
        pods.log_stream(pod, &params)
            .await
            .expect("log stream")
            .lines()
            .try_collect()
            .await
            .expect("lines")
    })
    .await;

    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once(' ').expect("timestamp").1)
        .collect();
    assert_eq!(
        texts,
        [
            "Operations to perform:",
            "  Applying shop.0001_initial... OK",
            "  Applying shop.0002_price... OK"
        ]
    );
    for line in &lines {
        let (ts, _) = line.split_once(' ').expect("timestamp");
        ts.parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("{ts}: {e}"));
    }
    let asked = cluster
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/log"))
        .expect("log request");
    assert_eq!(asked.query, "&container=init&follow=true&timestamps=true");
}

#[tokio::test]
async fn a_dropped_log_connection_is_an_error_and_tail_lines_resume() {
    let cluster = ApiServer::start();
    let pod = "shop-async-5f6d7c8b9-q7wzc";
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE));
    cluster.logs(pod, "async", &["one", "two", "three"]);
    cluster.fault(Fault::DropLogAfter(2));

    let pods: Api<Pod> = Api::namespaced(client(&cluster).await, "shop");
    let follow = LogParams {
        container: Some("async".into()),
        follow: true,
        ..LogParams::default()
    };
    let mut lines = pods
        .log_stream(pod, &follow)
        .await
        .expect("log stream")
        .lines();
    let mut got = Vec::new();
    let end = within(async {
        loop {
            match lines.try_next().await {
                Ok(Some(line)) => got.push(line),
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        }
    })
    .await;
    assert_eq!(got, ["one", "two"]);
    assert!(
        end.is_err(),
        "a cut connection must not look like the end of the log"
    );

    let tail = LogParams {
        container: Some("async".into()),
        tail_lines: Some(1),
        ..LogParams::default()
    };
    assert_eq!(
        within(pods.logs(pod, &tail)).await.expect("logs"),
        "three\n"
    );
}

#[tokio::test]
async fn a_merge_patch_annotates_an_application_without_a_new_generation() {
    let cluster = ApiServer::start();
    cluster.apply(objects::application("shop", "Synced", "4f2a9c1", "Healthy"));
    let gvk = GroupVersionKind::gvk("argoproj.io", "v1alpha1", "Application");
    let apps: Api<DynamicObject> = Api::namespaced_with(
        client(&cluster).await,
        "argocd",
        &ApiResource::from_gvk(&gvk),
    );

    let patch = json!({"metadata": {"annotations": {"argocd.argoproj.io/refresh": "normal"}}});
    let patched = within(apps.patch("shop", &PatchParams::default(), &Patch::Merge(&patch)))
        .await
        .expect("patch");

    assert_eq!(
        patched.metadata.annotations.unwrap_or_default()["argocd.argoproj.io/refresh"],
        "normal"
    );
    assert_eq!(patched.metadata.generation, Some(1));
    let asked = cluster.requests().pop().expect("request");
    assert_eq!(
        (asked.method.as_str(), asked.content_type.as_str()),
        ("PATCH", "application/merge-patch+json")
    );

    // A spec change bumps the generation; a stale resourceVersion is a conflict.
    let spec = json!({"spec": {"source": {"targetRevision": "v2"}}});
    let patched = within(apps.patch("shop", &PatchParams::default(), &Patch::Merge(&spec)))
        .await
        .expect("patch");
    assert_eq!(patched.metadata.generation, Some(2));
    let stale = json!({"metadata": {"resourceVersion": "1"}, "spec": {"project": "other"}});
    let status = api_error(
        within(apps.patch("shop", &PatchParams::default(), &Patch::Merge(&stale)))
            .await
            .unwrap_err(),
    );
    assert_eq!((status.code, status.reason.as_str()), (409, "Conflict"));
    assert_eq!(
        status.message,
        "Operation cannot be fulfilled on applications.argoproj.io \"shop\": the object has been modified; please apply your changes to the latest version and try again"
    );
}

#[tokio::test]
async fn the_services_proxy_serves_the_registered_handler() {
    let cluster = ApiServer::start();
    cluster.apply(objects::service(
        "kube-system",
        "sealed-secrets-controller",
        "http",
        8080,
    ));
    cluster.proxy("kube-system", "sealed-secrets-controller", |req| {
        if req.path == "/v1/cert.pem" && req.accept.starts_with("application/x-pem-file") {
            ProxyResponse::ok("application/x-pem-file", "PEM\n")
        } else {
            ProxyResponse::status(404, "404 page not found\n")
        }
    });
    let client = client(&cluster).await;
    let services: Api<Service> = Api::namespaced(client.clone(), "kube-system");
    let svc = within(services.get("sealed-secrets-controller"))
        .await
        .expect("service");
    let port = svc
        .spec
        .and_then(|s| s.ports)
        .and_then(|p| p.into_iter().next())
        .and_then(|p| p.name)
        .expect("port name");

    let url = format!(
        "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:{port}/proxy/v1/cert.pem"
    );
    let request = http::Request::get(&url)
        .header(http::header::ACCEPT, "application/x-pem-file, */*")
        .body(Vec::new())
        .expect("request");
    assert_eq!(
        within(client.request_text(request)).await.expect("proxy"),
        "PEM\n"
    );

    let missing = http::Request::get(
        "/api/v1/namespaces/kube-system/services/http:nope:http/proxy/v1/cert.pem",
    )
    .body(Vec::new())
    .expect("request");
    let status = api_error(within(client.request_text(missing)).await.unwrap_err());
    assert_eq!(
        (status.code, status.message.as_str()),
        (404, "services \"nope\" not found")
    );
}

#[tokio::test]
async fn denials_and_faults_arrive_as_kubernetes_statuses() {
    let cluster = ApiServer::start();
    cluster.apply(objects::running_web_pod(
        "shop",
        "7d9f8c6b5",
        "x2kq4",
        IMAGE,
    ));
    let pods: Api<Pod> = Api::namespaced(client(&cluster).await, "shop");

    cluster.deny("list", "pods");
    let status = api_error(within(pods.list(&ListParams::default())).await.unwrap_err());
    assert_eq!((status.code, status.reason.as_str()), (403, "Forbidden"));
    assert_eq!(
        status.message,
        "pods is forbidden: User \"system:serviceaccount:shop:deployer\" cannot list resource \"pods\" in API group \"\" in the namespace \"shop\""
    );
    cluster.heal();

    cluster.fault(Fault::Status500);
    let status = api_error(
        within(pods.get("shop-web-7d9f8c6b5-x2kq4"))
            .await
            .unwrap_err(),
    );
    assert_eq!(status.code, 500);
    within(pods.get("shop-web-7d9f8c6b5-x2kq4"))
        .await
        .expect("the fault is one-shot");

    let status = api_error(within(pods.get("nope")).await.unwrap_err());
    assert_eq!(
        (status.code, status.reason.as_str(), status.message.as_str()),
        (404, "NotFound", "pods \"nope\" not found")
    );
}

#[tokio::test]
async fn list_pages_with_limit_and_continue() {
    let cluster = ApiServer::start();
    for suffix in ["a1", "b2", "c3"] {
        cluster.apply(objects::running_web_pod("shop", "7d9f8c6b5", suffix, IMAGE));
    }
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "d4", IMAGE));
    let pods: Api<Pod> = Api::namespaced(client(&cluster).await, "shop");

    let web = ListParams::default()
        .labels("app.kubernetes.io/instance=shop,app.kubernetes.io/component=web")
        .limit(2);
    let first = within(pods.list(&web)).await.expect("page 1");
    let names = |l: &kube::core::ObjectList<Pod>| {
        l.items
            .iter()
            .map(|p| p.metadata.name.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&first),
        ["shop-web-7d9f8c6b5-a1", "shop-web-7d9f8c6b5-b2"]
    );
    let token = first.metadata.continue_.clone().expect("continue token");
    let second = within(pods.list(&web.clone().continue_token(&token)))
        .await
        .expect("page 2");
    assert_eq!(names(&second), ["shop-web-7d9f8c6b5-c3"]);
    assert_eq!(second.metadata.continue_, None);

    cluster.compact();
    let status = api_error(
        within(pods.list(&web.continue_token(&token)))
            .await
            .unwrap_err(),
    );
    assert_eq!((status.code, status.reason.as_str()), (410, "Expired"));
}

#[tokio::test]
async fn an_application_watch_sees_out_of_sync_then_synced_and_healthy() {
    let cluster = ApiServer::start();
    cluster.apply(objects::application("shop", "Synced", "aaa111", "Healthy"));
    cluster
        .scenario()
        .after_watch("applications")
        // A streaming list's request is seen before its initial events are served: give the
        // server time to send the first state, or a loaded machine sees OutOfSync as initial.
        .after(Duration::from_millis(300))
        .application("shop", "OutOfSync", "bbb222", "Progressing")
        .after(Duration::from_millis(50))
        .application("shop", "Synced", "bbb222", "Progressing")
        .after(Duration::from_millis(50))
        .application("shop", "Synced", "bbb222", "Healthy")
        .start();
    let gvk = GroupVersionKind::gvk("argoproj.io", "v1alpha1", "Application");
    let apps: Api<DynamicObject> = Api::namespaced_with(
        client(&cluster).await,
        "argocd",
        &ApiResource::from_gvk(&gvk),
    );

    // Streaming lists: the initial state arrives as a watch that a bookmark ends.
    let config = watcher::Config::default()
        .fields("metadata.name=shop")
        .streaming_lists();
    let mut stream = watcher(apps, config).boxed();
    let mut states = Vec::new();
    within(async {
        while let Some(event) = stream.next().await {
            if let watcher::Event::Apply(app) | watcher::Event::InitApply(app) =
                event.expect("event")
            {
                let status = &app.data["status"];
                let state = format!(
                    "{}/{}/{}",
                    status["sync"]["status"].as_str().unwrap_or(""),
                    status["sync"]["revision"].as_str().unwrap_or(""),
                    status["health"]["status"].as_str().unwrap_or("")
                );
                let done = state == "Synced/bbb222/Healthy";
                states.push(state);
                if done {
                    break;
                }
            }
        }
    })
    .await;

    assert_eq!(
        states,
        [
            "Synced/aaa111/Healthy",
            "OutOfSync/bbb222/Progressing",
            "Synced/bbb222/Progressing",
            "Synced/bbb222/Healthy"
        ]
    );
    let watch = cluster
        .requests()
        .into_iter()
        .find(|r| r.param("watch").is_some())
        .expect("watch");
    assert_eq!(watch.param("sendInitialEvents").as_deref(), Some("true"));
}

#[tokio::test]
async fn a_watch_ends_at_its_timeout_with_a_bookmark() {
    let cluster = ApiServer::start();
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    let deployments: Api<Deployment> = Api::namespaced(client(&cluster).await, "shop");
    let rv = cluster.resource_version().to_string();

    let params = kube::api::WatchParams::default().timeout(1);
    let started = std::time::Instant::now();
    let events: Vec<_> = within(async {
        deployments
            .watch(&params, &rv)
            .await
            .expect("watch")
            .try_collect::<Vec<_>>()
            .await
            .expect("events")
    })
    .await;

    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    match events.as_slice() {
        [kube::api::WatchEvent::Bookmark(b)] => assert_eq!(b.metadata.resource_version, rv),
        other => panic!("expected one bookmark: {other:?}"),
    }
}

#[test]
fn a_push_brings_a_new_generation_a_replica_set_and_initialising_pods() {
    let cluster = ApiServer::start();
    cluster.apply(objects::web_deployment("shop", IMAGE, 2));
    cluster
        .scenario()
        .rollout_started("shop", "web", "6c4f9d7b8", "registry.example.com/shop:2.0")
        .start();
    let rs = "shop-web-6c4f9d7b8";
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while cluster
        .get("v1", "Pod", "shop", &format!("{rs}-m8ztw"))
        .is_none()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the scenario did not run"
        );
        std::thread::sleep(Duration::from_millis(10));
    }

    let d = cluster
        .get("apps/v1", "Deployment", "shop", "shop-web")
        .expect("deployment");
    assert_eq!(
        (
            d["metadata"]["generation"].as_i64(),
            d["status"]["observedGeneration"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(
        d["spec"]["template"]["spec"]["containers"][0]["image"],
        "registry.example.com/shop:2.0"
    );
    let r = cluster
        .get("apps/v1", "ReplicaSet", "shop", rs)
        .expect("replica set");
    assert_eq!(
        r["spec"]["selector"]["matchLabels"]["pod-template-hash"],
        "6c4f9d7b8"
    );
    let p = cluster
        .get("v1", "Pod", "shop", &format!("{rs}-x2kq4"))
        .expect("pod");
    assert_eq!(
        p["metadata"]["labels"]["app.kubernetes.io/component"],
        "web"
    );
    assert!(p["status"]["initContainerStatuses"][0]["state"]["running"].is_object());
}

#[tokio::test]
async fn latency_and_slow_logs_delay_what_they_should() {
    let cluster = ApiServer::start();
    let pod = "shop-async-5f6d7c8b9-q7wzc";
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE));
    cluster.logs(pod, "async", &["one", "two", "three"]);
    let pods: Api<Pod> = Api::namespaced(client(&cluster).await, "shop");

    cluster.fault(Fault::Latency(Duration::from_millis(300)));
    let started = std::time::Instant::now();
    within(pods.get(pod)).await.expect("pod");
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    cluster.heal();

    cluster.fault(Fault::SlowLogs(Duration::from_millis(100)));
    let started = std::time::Instant::now();
    let params = LogParams {
        container: Some("async".into()),
        ..LogParams::default()
    };
    assert_eq!(
        within(pods.logs(pod, &params)).await.expect("logs"),
        "one\ntwo\nthree\n"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
}

#[test]
#[should_panic(expected = "a scenario step failed: scenario: no Pod shop/nope")]
fn a_failing_scenario_step_fails_the_test() {
    let cluster = ApiServer::start();
    cluster.scenario().container_running("nope", "run").start();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while cluster.scenario_failures().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(cluster);
}

#[tokio::test]
async fn json_patches_and_the_status_subresource_follow_the_servers_rules() {
    let cluster = ApiServer::start();
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    let deployments: Api<Deployment> = Api::namespaced(client(&cluster).await, "shop");
    let pp = PatchParams::default();

    // A JSON patch of the spec bumps the generation.
    let ops: json_patch::Patch = serde_json::from_value(json!([
        {"op": "test", "path": "/spec/replicas", "value": 1},
        {"op": "replace", "path": "/spec/replicas", "value": 3}
    ]))
    .expect("patch");
    let d = within(deployments.patch("shop-web", &pp, &Patch::<()>::Json(ops)))
        .await
        .expect("json patch");
    assert_eq!(
        (
            d.spec.as_ref().and_then(|s| s.replicas),
            d.metadata.generation
        ),
        (Some(3), Some(2))
    );

    // Status written through the main resource is ignored; through /status it is kept, and it
    // does not bump the generation.
    let status = json!({"status": {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 3}});
    let d = within(deployments.patch("shop-web", &pp, &Patch::Merge(&status)))
        .await
        .expect("patch");
    assert_eq!(
        d.status.as_ref().and_then(|s| s.observed_generation),
        Some(1)
    );
    let d = within(deployments.patch_status("shop-web", &pp, &Patch::Merge(&status)))
        .await
        .expect("status");
    assert_eq!(
        d.status.as_ref().and_then(|s| s.observed_generation),
        Some(2)
    );
    assert_eq!(d.metadata.generation, Some(2));
}
