//! The deploy repository against real git servers on loopback (OpenSSH's sshd, git http-backend
//! over TLS), and `deploy` / `rollback` run as the real binary.

use std::path::{Path, PathBuf};

use crate::support::TestEnv;
use crate::support::git_servers::{
    APP_YAML, HttpsServer, SshServer, encrypt_key, git, keygen, set_hook,
};

const IMAGE_1_1: &str = "registry.example.com/acme/shop:1.1";

/// A test user whose link file points at `repo`.
fn user_of(repo: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "work/ungleich-django.yaml",
        format!("app: shop\nnamespace: shop\ndeploy:\n  repo: {repo}\n  branch: main\n  path: .\n"),
    );
    env
}

/// A user with an authorised key who trusts the server's host key.
fn ssh_user(server: &SshServer, bare: &Path) -> TestEnv {
    let env = user_of(&server.url(bare));
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    env
}

fn tip(bare: &Path) -> String {
    git(bare, &["rev-parse", "main"]).trim().to_owned()
}

fn subjects(bare: &Path) -> Vec<String> {
    git(bare, &["log", "--format=%s", "main"])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn cached_clone(env: &TestEnv) -> PathBuf {
    let dir = env.root().join("cache/ungleich-django/deploy-repos");
    std::fs::read_dir(&dir)
        .expect("cache dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.is_dir() && p.join(".git").is_dir())
        .expect("a cached clone")
}

#[test]
fn ssh_deploy_to_a_known_host_pushes_one_commit_keeping_comments() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait", "-o", "json"]);
    out.success().stderr_is("");
    let json = out.json();
    assert_eq!(json["app"], "shop");
    assert_eq!(json["image"], IMAGE_1_1);
    assert_eq!(json["revision"], tip(&bare));
    assert_eq!(json["pushed"], true);
    assert_eq!(
        git(&bare, &["show", "main:app.yaml"]),
        APP_YAML.replace("shop:1.0", "shop:1.1")
    );
    assert_eq!(
        subjects(&bare),
        [format!("deploy shop: {IMAGE_1_1}"), "initial".to_owned()]
    );
    assert_eq!(
        git(&bare, &["log", "-1", "--format=%an <%ae>", "main"]).trim(),
        "Test User <test@example.com>"
    );
    // --tag keeps the image's name; the second run fetches and fast-forwards the cached clone.
    env.run(&["deploy", "--tag", "1.2", "--no-wait"])
        .success()
        .stdout_is(&format!("revision {}\n", tip(&bare)))
        .stderr_has("pushed registry.example.com/acme/shop:1.2 for shop to main");
}

#[test]
fn ssh_unknown_host_is_refused_with_its_fingerprint_and_the_command_to_trust_it() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    // The system file knows the host, with another key.
    let other = keygen(&env.root().join("other_host_key"));
    env.write(
        "etc/ssh/ssh_known_hosts",
        format!("[127.0.0.1]:{} {other}", server.port),
    );
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"]);
    out.code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: the SSH host key of 127.0.0.1 (port {}) is not trusted: ED25519 key {} is not in ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts, or differs from the key recorded there",
            server.port,
            server.fingerprint()
        ))
        .stderr_has(&format!(
            "hint: if that fingerprint is the one your git host publishes, trust it with `ssh-keyscan -p {} 127.0.0.1 >> ~/.ssh/known_hosts` (or /etc/ssh/ssh_known_hosts for every user of this machine)",
            server.port
        ));
    assert_eq!(subjects(&bare), ["initial"]);
}

#[test]
fn ssh_host_trusted_only_by_the_system_known_hosts_pushes() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    // ~/.ssh/known_hosts knows other hosts only; the system file, hashed as ssh-keygen -H writes
    // it among other lines, and ~/.ssh/known_hosts2 are what ssh would also read.
    env.write(
        "home/.ssh/known_hosts",
        "other.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n",
    );
    let system = env.write(
        "etc/ssh/ssh_known_hosts",
        format!(
            "# managed by the image\n@cert-authority * ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n{}",
            server.known_hosts_line()
        ),
    );
    hash_known_hosts(&system);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success()
        .stdout_is(&format!("revision {}\n", tip(&bare)))
        .stderr_has("pushed registry.example.com/acme/shop:1.1 for shop to main");
    assert_eq!(subjects(&bare)[0], format!("deploy shop: {IMAGE_1_1}"));

    std::fs::remove_file(&system).unwrap();
    env.write("home/.ssh/known_hosts2", server.known_hosts_line());
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_eq!(subjects(&bare).len(), 3);

    // The same line for another port vouches for nothing (ssh looks up [host]:port).
    std::fs::remove_file(env.home().join(".ssh/known_hosts2")).unwrap();
    env.write(
        "etc/ssh/ssh_known_hosts",
        server
            .known_hosts_line()
            .replace(&format!(":{} ", server.port), ":1 "),
    );
    env.run(&["deploy", "--tag", "1.3", "--no-wait"])
        .code(5)
        .stderr_has(&server.fingerprint());
    assert_eq!(subjects(&bare).len(), 3);
}

fn hash_known_hosts(file: &Path) {
    let status = std::process::Command::new(crate::support::tools::require("ssh-keygen"))
        .arg("-H")
        .arg("-f")
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("ssh-keygen -H");
    assert!(status.success());
    let hashed = std::fs::read_to_string(file).unwrap();
    assert!(!hashed.contains("127.0.0.1"), "{hashed}");
}

#[test]
fn ssh_host_key_revoked_by_the_system_known_hosts_is_refused_even_when_trusted() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare); // ~/.ssh/known_hosts trusts it
    let key = server.known_hosts_line();
    let key = key.split_once(' ').unwrap().1;
    let system = env.write(
        "etc/ssh/ssh_known_hosts",
        format!("{}@revoked * {key}", server.known_hosts_line()),
    );
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: the SSH host key of 127.0.0.1 (port {}) is revoked: ED25519 key {} is marked @revoked in {}",
            server.port,
            server.fingerprint(),
            system.display()
        ))
        .stderr_has("hint: nothing was sent to the server; a revoked key is never accepted");
    assert_eq!(subjects(&bare), ["initial"]);

    // libssh2 knows no markers, so libgit2 cannot honour @revoked in ~/.ssh/known_hosts; we do.
    std::fs::remove_file(&system).unwrap();
    let user = env.write(
        "home/.ssh/known_hosts",
        format!(
            "{}@revoked [127.0.0.1]:{} {key}",
            server.known_hosts_line(),
            server.port
        ),
    );
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!("is marked @revoked in {}", user.display()));
    assert_eq!(subjects(&bare), ["initial"]);
}

#[test]
fn ssh_changed_host_key_is_refused() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    let other = keygen(&env.root().join("other_host_key"));
    let mut fields = other.split_whitespace();
    env.write(
        "home/.ssh/known_hosts",
        format!(
            "[127.0.0.1]:{} {} {}\n",
            server.port,
            fields.next().unwrap(),
            fields.next().unwrap()
        ),
    );
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&server.fingerprint())
        .stderr_has("or differs from the key recorded there");
    assert_eq!(subjects(&bare), ["initial"]);
}

#[test]
fn ssh_wrong_key_is_refused_listing_what_was_tried() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    keygen(&env.home().join(".ssh/id_ed25519")); // not authorised
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let key = env.home().join(".ssh/id_ed25519");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: authentication to {} failed; tried: ssh-agent: not running (SSH_AUTH_SOCK is not set); the key {} as user `root`",
            server.url(&bare),
            key.display()
        ))
        .stderr_has("hint: for ssh: load your key with `ssh-add`");
}

#[test]
fn a_push_the_server_declines_shows_its_message_and_leaves_nothing_behind() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    set_hook(
        &bare,
        "pre-receive",
        "echo 'policy: main is frozen' >&2\nexit 1",
    );
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has("error: the server rejected the push to main: pre-receive hook declined")
        .stderr_has("remote: policy: main is frozen")
        .stderr_has("hint: nothing was changed on the server");
    assert_eq!(subjects(&bare), ["initial"]);
    // The refused commit is not kept in the cached clone, so the next deploy carries only its own.
    std::fs::remove_file(bare.join("hooks/pre-receive")).unwrap();
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_eq!(
        subjects(&bare),
        ["deploy shop: registry.example.com/acme/shop:1.2", "initial"]
    );
}

#[test]
fn a_broken_connection_keeps_the_commit_and_the_next_command_pushes_it() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    // receive-pack dies mid-push, as when the network drops.
    set_hook(&bare, "pre-receive", "kill -9 $PPID");
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"]);
    out.code(5)
        .stdout_is("")
        .stderr_has("locally, but could not push it")
        .stderr_has("hint: the commit is kept; the next command that changes the deploy repository pushes it");
    assert_eq!(subjects(&bare), ["initial"]);
    std::fs::remove_file(bare.join("hooks/pre-receive")).unwrap();
    // `deploy` with nothing to change pushes what is pending and names the revision.
    env.run(&["deploy", "--no-wait"])
        .success()
        .stdout_is(&format!("revision {}\n", tip(&bare)))
        .stderr_has("pushed the commits an earlier command could not push");
    assert_eq!(
        subjects(&bare),
        [format!("deploy shop: {IMAGE_1_1}"), "initial".to_owned()]
    );
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_eq!(
        subjects(&bare),
        [
            "deploy shop: registry.example.com/acme/shop:1.2",
            &format!("deploy shop: {IMAGE_1_1}"),
            "initial"
        ]
    );
}

#[test]
fn two_concurrent_writers_both_land() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let alice = ssh_user(&server, &bare);
    let bob = ssh_user(&server, &bare);
    // Each clones first, so both start from the same tip; then both push at once, and the
    // slow hook makes one of them lose the race and redo its edit on the new tip.
    alice.run(&["rollback", "--list"]).success();
    bob.run(&["rollback", "--list"]).success();
    set_hook(&bare, "pre-receive", "sleep 1");
    let spawn = |env: &TestEnv, tag: &str| {
        let mut cmd = env.cmd(&["deploy", "--tag", tag, "--no-wait"]);
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let a = spawn(&alice, "2.0");
    let b = spawn(&bob, "3.0");
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut landed = subjects(&bare);
    landed.sort();
    assert_eq!(
        landed,
        [
            "deploy shop: registry.example.com/acme/shop:2.0",
            "deploy shop: registry.example.com/acme/shop:3.0",
            "initial"
        ]
    );
    assert_eq!(git(&bare, &["rev-list", "--merges", "main"]), "");
}

#[test]
fn hand_edits_in_the_cached_clone_are_never_discarded() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    let clone = cached_clone(&env);
    std::fs::write(clone.join("app.yaml"), "name: shop\nimage: mine:1\n").unwrap();
    env.run(&["deploy", "--tag", "1.2", "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has("has changes that were made by hand: app.yaml")
        .stderr_has("git -C");
    assert_eq!(
        std::fs::read_to_string(clone.join("app.yaml")).unwrap(),
        "name: shop\nimage: mine:1\n"
    );
    assert_eq!(subjects(&bare).len(), 2);
}

fn https_user(server: &HttpsServer) -> TestEnv {
    let mut env = user_of(&server.url("shop"));
    env.env("SSL_CERT_FILE", &server.ca);
    env
}

#[test]
fn https_with_a_private_ca_and_a_credential_helper_pushes() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let env = https_user(&server);
    env.write(
        "home/.git-credentials",
        format!("https://deploy:s3cret@127.0.0.1:{}\n", server.port),
    );
    let config = std::fs::read_to_string(env.home().join(".gitconfig")).unwrap();
    env.write(
        "home/.gitconfig",
        format!("{config}[credential]\n\thelper = store\n"),
    );
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait", "-o", "json"]);
    out.success().stderr_is("").never_shows("s3cret");
    assert_eq!(out.json()["revision"], tip(&bare));
}

#[test]
fn https_token_from_the_environment_pushes_and_a_wrong_one_stops_at_once() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let mut env = https_user(&server);
    env.env("UNGLEICH_GIT_USERNAME", "deploy");
    env.env("UNGLEICH_GIT_TOKEN", "wrong");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .never_shows("wrong")
        .stderr_has(&format!(
            "error: authentication to {} failed; tried: the token in UNGLEICH_GIT_TOKEN as user `deploy`\n",
            server.url("shop")
        ))
        .stderr_has("or set UNGLEICH_GIT_TOKEN");
    env.env("UNGLEICH_GIT_TOKEN", "s3cret");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success()
        .stdout_is(&format!("revision {}\n", tip(&bare)));
}

#[test]
fn the_token_goes_only_to_the_deploy_repositorys_host_and_never_over_plain_http() {
    // Issue 21: the token's credential helper answered any host, also across a redirect.
    let other = HttpsServer::start("deploy", "s3cret");
    let bare = other.repo("shop");
    let before = tip(&bare);
    // The configured host answers 301 to `localhost`, another host with the real repository.
    let redirector = HttpsServer::start_with(
        "deploy",
        "s3cret",
        true,
        Some(&format!("https://localhost:{}", other.port)),
    );
    let mut env = user_of(&redirector.url("shop"));
    let bundle = format!(
        "{}{}",
        std::fs::read_to_string(&redirector.ca).unwrap(),
        std::fs::read_to_string(&other.ca).unwrap()
    );
    let bundle = env.write("cas.pem", bundle);
    env.env("SSL_CERT_FILE", &bundle);
    env.env("UNGLEICH_GIT_USERNAME", "deploy");
    env.env("UNGLEICH_GIT_TOKEN", "s3cret");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .never_shows("s3cret");
    let seen = other.authorizations();
    assert!(
        !seen.is_empty(),
        "the redirect was not followed: no request reached the other host"
    );
    assert!(
        seen.lines().all(|line| line == "-"),
        "the other host received credentials: {seen}"
    );
    assert_eq!(tip(&bare), before);
    // The cache of clones is the user's alone, and its lock keeps the URL's hash (issue 21).
    let cache = env.root().join("cache/ungleich-django/deploy-repos");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&cache).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o700, "{}", cache.display());
    let names: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("127.0.0.1_")
            && n.len() > 22
            && n.ends_with(".lock")
            && n[..n.len() - 5]
                .rsplit('-')
                .next()
                .is_some_and(|h| h.len() == 16)),
        "{names:?}"
    );

    // Over plain http the token is refused before anything is sent.
    let plain = HttpsServer::start_with("deploy", "s3cret", false, None);
    plain.repo("shop");
    let mut env = user_of(&plain.url("shop"));
    env.env("UNGLEICH_GIT_USERNAME", "deploy");
    env.env("UNGLEICH_GIT_TOKEN", "s3cret");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(3)
        .stdout_is("")
        .stderr_has(&format!(
            "error: UNGLEICH_GIT_TOKEN is set, and the deploy repository {} is plain http, where the token would be sent unencrypted; nothing was sent\n  hint: use the repository's https:// URL",
            plain.url("shop")
        ))
        .never_shows("s3cret");
    assert_eq!(plain.authorizations(), "", "a request was sent");
}

#[test]
fn https_without_the_ca_is_refused_with_the_fix() {
    let server = HttpsServer::start("deploy", "s3cret");
    server.repo("shop");
    let env = user_of(&server.url("shop"));
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: the TLS certificate of {} is not trusted",
            server.url("shop")
        ))
        .stderr_has("hint: for a private CA, tell git its certificate (PEM): `git config --global http.sslCAInfo /path/to/ca.pem`, or set SSL_CERT_FILE");
}

#[test]
fn https_without_credentials_or_a_terminal_stops_at_once_saying_what_was_tried() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let before = tip(&bare);
    let env = https_user(&server);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: authentication to {} failed; tried: git credential helper: none configured; no terminal to ask for a user name and password\n",
            server.url("shop")
        ))
        .stderr_has("hint: for ssh: load your key");
    assert_eq!(tip(&bare), before);
}

#[test]
fn the_token_reaches_git_through_its_environment_never_its_arguments() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let mut env = https_user(&server);
    // A `git` first on PATH that records its arguments, then runs the real one.
    let log = env.root().join("git-arguments.log");
    let wrapper = env.write(
        "bin/git",
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            crate::support::tools::require("git").display()
        ),
    );
    std::fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = std::env::join_paths(std::iter::once(wrapper.parent().unwrap().to_owned()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    env.env("PATH", path);
    env.env("UNGLEICH_GIT_USERNAME", "deploy");
    env.env("UNGLEICH_GIT_TOKEN", "s3cret");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success()
        .stdout_is(&format!("revision {}\n", tip(&bare)))
        .never_shows("s3cret");
    let arguments = std::fs::read_to_string(&log).unwrap();
    assert!(arguments.contains("push --porcelain origin"), "{arguments}");
    assert!(arguments.contains("UNGLEICH_GIT_TOKEN"), "{arguments}");
    assert!(!arguments.contains("s3cret"), "{arguments}");
}

#[test]
fn an_https_remote_without_the_git_program_says_to_install_it() {
    let server = HttpsServer::start("deploy", "s3cret");
    server.repo("shop");
    let mut env = https_user(&server);
    env.env("PATH", env.root().join("empty"));
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "error: the git program is needed to fetch and push {}, and it is not installed (or not on PATH)\n",
            server.url("shop")
        ))
        .stderr_has("hint: install git (Debian and Ubuntu: `apt install git`");
}

/// A one-repository layout: the link file and the deploy folder in the user's own checkout.
fn local_user() -> TestEnv {
    let env = TestEnv::new();
    let work = env.work();
    git(&work, &["init", "-q", "-b", "main"]);
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    env.write("work/deploy/app.yaml", APP_YAML);
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "initial"]);
    env
}

#[test]
fn deploy_in_place_commits_only_app_yaml_and_leaves_the_users_work_alone() {
    let env = local_user();
    let work = env.work();
    env.write("work/staged.txt", "mine");
    git(&work, &["add", "staged.txt"]);
    env.write("work/unstaged.txt", "also mine");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success()
        .stdout_is(&format!(
            "revision {}\n",
            git(&work, &["rev-parse", "HEAD"]).trim()
        ))
        .stderr_has("committed locally only");
    assert_eq!(
        git(&work, &["show", "--name-only", "--format=%s", "HEAD"]),
        format!("deploy shop: {IMAGE_1_1}\n\ndeploy/app.yaml\n")
    );
    assert_eq!(
        git(&work, &["status", "--short"]),
        "A  staged.txt\n?? unstaged.txt\n"
    );
}

#[test]
fn deploy_rejects_invalid_references_and_changes_nothing() {
    let env = local_user();
    for (image, says) in [
        (
            "registry.example.com/Acme/shop:1",
            "the path part `Acme` must be lowercase",
        ),
        (
            "registry.example.com/acme/shop",
            "has neither a tag nor a digest",
        ),
        ("shop@sha256:abc", "is not a valid digest"),
    ] {
        env.run(&["deploy", "--image", image, "--no-wait"])
            .code(3)
            .stdout_is("")
            .stderr_has("error: invalid image reference: `")
            .stderr_has(says);
    }
    assert_eq!(
        git(&env.work(), &["rev-list", "--count", "HEAD"]).trim(),
        "1"
    );
}

#[test]
fn deploy_without_an_identity_says_how_to_set_one() {
    let mut env = local_user();
    env.write("home/.gitconfig", "[init]\n\tdefaultBranch = main\n");
    env.env("EMAIL", "");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(3)
        .stdout_is("")
        .stderr_has("error: git does not know who you are")
        .stderr_has("hint: run `git config --global user.name");
}

#[test]
fn deploy_follows_the_release_unless_no_wait() {
    let env = local_user();
    // Following needs the cluster (tests/it/release.rs follows real releases): without a
    // kubeconfig nothing is committed or pushed, and the error says so and names the file once.
    let head = git(&env.work(), &["rev-parse", "HEAD"]);
    let out = env.run(&["deploy", "--image", IMAGE_1_1]);
    out.code(4)
        .stdout_is("")
        .stderr_has("error: cannot read the kubeconfig ")
        .stderr_has("nothing was committed or pushed: following the release needs the cluster (`--no-wait` pushes without following)\n");
    let kubeconfig = env.home().join(".kube/config");
    assert_eq!(
        out.stderr.matches(&*kubeconfig.to_string_lossy()).count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        git(&env.work(), &["rev-parse", "HEAD"]),
        head,
        "nothing committed"
    );
    env.run(&["rollback", "--list"]).success();
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    env.run(&["rollback"])
        .code(4)
        .stderr_has("nothing was committed or pushed");
    assert!(
        git(&env.work(), &["log", "-1", "--format=%s"]).starts_with("deploy shop:"),
        "rollback committed nothing"
    );
}

#[test]
fn rollback_lists_deploys_and_restores_an_earlier_image_as_a_new_commit() {
    let env = local_user();
    let work = env.work();
    // What the secrets commands do: change secretsRevision (the last line here) and commit.
    let secrets = |revision: &str| {
        let text = std::fs::read_to_string(work.join("deploy/app.yaml")).unwrap();
        let kept = text.split("secretsRevision:").next().unwrap().to_owned();
        env.write(
            "work/deploy/app.yaml",
            format!("{kept}secretsRevision: {revision}\n"),
        );
        git(&work, &["commit", "-q", "-am", "secrets"]);
    };
    secrets("s1");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    secrets("s2");
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    secrets("s3");
    let list = env.run(&["rollback", "--list"]);
    list.success().stderr_is("");
    // A header, then the deploys newest first; offline, only what app.yaml asks for is marked.
    let mut lines: Vec<&str> = list.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", list.stdout);
    assert!(
        lines
            .remove(0)
            .starts_with("  REV      DATE                  AUTHOR"),
        "{}",
        list.stdout
    );
    let lines: Vec<&str> = lines.iter().map(|l| &l[2..]).collect();
    assert!(
        lines[0].ends_with(
            "Test User <test@example.com>  registry.example.com/acme/shop:1.2  app.yaml now"
        ),
        "{}",
        list.stdout
    );
    assert!(lines[1].ends_with(IMAGE_1_1));
    assert!(lines[2].ends_with("registry.example.com/acme/shop:1.0"));
    let json = env.run(&["rollback", "--list", "-o", "json"]).json();
    assert_eq!(json[1]["image"], IMAGE_1_1);
    assert_eq!(json[1]["revision"].as_str().unwrap()[..7], lines[1][..7]);
    assert_eq!(json[0]["current"], true);
    assert_eq!(json[1]["current"], false);
    let before = git(&work, &["rev-list", "--count", "HEAD"]);
    env.run(&["rollback", "--no-wait"])
        .success()
        .stdout_is(&format!(
            "revision {}\n",
            git(&work, &["rev-parse", "HEAD"]).trim()
        ))
        .stderr_has("warning: database migrations are not reversed");
    assert_eq!(
        git(&work, &["show", "HEAD:deploy/app.yaml"]),
        format!(
            "{}secretsRevision: s1\n",
            APP_YAML.replace("shop:1.0", "shop:1.1")
        )
    );
    assert_eq!(
        git(&work, &["rev-list", "--count", "HEAD"])
            .trim()
            .parse::<u32>()
            .unwrap(),
        before.trim().parse::<u32>().unwrap() + 1
    );
    // The first revision had no secretsRevision: restoring it removes the key.
    let first = lines[2].split_whitespace().next().unwrap();
    env.run(&["rollback", first, "--no-wait"]).success();
    assert_eq!(git(&work, &["show", "HEAD:deploy/app.yaml"]), APP_YAML);
    assert!(
        git(&work, &["log", "-1", "--format=%s"])
            .starts_with("rollback shop: registry.example.com/acme/shop:1.0")
    );
    // A revision the user mistyped is bad input, with where to look.
    env.run(&["rollback", "nope", "--no-wait"])
        .code(3)
        .stdout_is("")
        .stderr_has("there is no revision nope in the deploy repository")
        .stderr_has(
            "hint: `ungleich-django rollback --list` shows the revisions of recent deploys",
        );
}

#[test]
fn an_interrupted_change_in_the_cached_clone_is_repaired_not_mistaken_for_hand_edits() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    // What Ctrl-C between writing the file and moving the branch leaves behind.
    let clone = cached_clone(&env);
    std::fs::write(
        clone.join(".git/ungleich-django-action"),
        "commit\napp.yaml\n",
    )
    .unwrap();
    std::fs::write(
        clone.join("app.yaml"),
        "name: shop\nimage: half-written:1\n",
    )
    .unwrap();
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_eq!(
        git(&bare, &["show", "main:app.yaml"]),
        APP_YAML.replace("shop:1.0", "shop:1.2")
    );
    assert!(!clone.join(".git/ungleich-django-action").exists());
}

/// A user whose `~/.ssh/config` names the server by an alias, as many do.
fn alias_user(server: &SshServer, bare: &Path) -> TestEnv {
    let mut env = ssh_user(server, bare);
    let home = env.home();
    // OpenSSH finds ~ through the password database, not $HOME, so point it at the test's.
    let config = env.write(
        "home/.ssh/config",
        format!(
            "Host deployhost\n  HostName 127.0.0.1\n  Port {}\n  User root\n  BatchMode yes\n  IdentityFile {}/.ssh/id_ed25519\n  UserKnownHostsFile {}/.ssh/known_hosts\n",
            server.port,
            home.display(),
            home.display()
        ),
    );
    env.env("GIT_SSH_COMMAND", format!("ssh -F {}", config.display()));
    std::fs::write(
        env.work().join("ungleich-django.yaml"),
        format!(
            "app: shop\nnamespace: shop\ndeploy:\n  repo: deployhost:{}\n  branch: main\n  path: .\n",
            bare.display()
        ),
    )
    .unwrap();
    env
}

#[test]
fn ssh_config_aliases_need_the_git_program_and_work_with_it() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let mut env = alias_user(&server, &bare);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has("error: cannot reach the deploy repository at deployhost:")
        .stderr_has("for a Host alias there, set UNGLEICH_GIT_CLI=1");
    env.env("UNGLEICH_GIT_CLI", "1");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait", "-o", "json"])
        .success();
    assert_eq!(
        subjects(&bare),
        [format!("deploy shop: {IMAGE_1_1}"), "initial".to_owned()]
    );
    // The git program reports a declining hook just as libgit2 does.
    set_hook(
        &bare,
        "pre-receive",
        "echo 'policy: main is frozen' >&2\nexit 1",
    );
    env.run(&["deploy", "--tag", "1.2", "--no-wait"])
        .code(5)
        .stderr_has("error: the server rejected the push to main: pre-receive hook declined")
        .stderr_has("remote: policy: main is frozen");
}

#[test]
fn signed_commits_need_the_git_program_and_are_signed_with_it() {
    let mut env = local_user();
    let key = env.home().join(".ssh/id_ed25519");
    keygen(&key);
    let config = std::fs::read_to_string(env.home().join(".gitconfig")).unwrap();
    env.write(
        "home/.gitconfig",
        format!(
            "{config}[commit]\n\tgpgSign = true\n[gpg]\n\tformat = ssh\n[user]\n\tsigningKey = {}.pub\n",
            key.display()
        ),
    );
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has("error: your git configuration asks for signed commits (commit.gpgSign)")
        .stderr_has("hint: set UNGLEICH_GIT_CLI=1");
    assert_eq!(
        git(&env.work(), &["rev-list", "--count", "HEAD"]).trim(),
        "1"
    );
    env.env("UNGLEICH_GIT_CLI", "1");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    let commit = git(&env.work(), &["cat-file", "commit", "HEAD"]);
    assert!(
        commit.contains("gpgsig -----BEGIN SSH SIGNATURE-----"),
        "{commit}"
    );
    assert_eq!(git(&env.work(), &["status", "--short"]), "");
}

#[test]
fn ssh_agent_keys_are_used_and_an_encrypted_key_without_a_terminal_is_explained() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let mut env = user_of(&server.url(&bare));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    // An encrypted key file, authorised, but nobody at a terminal to type its passphrase.
    let key = env.home().join(".ssh/id_ed25519");
    let public = keygen(&key);
    server.authorize(&public);
    encrypt_key(&key, "pass phrase");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(5)
        .stdout_is("")
        .stderr_has(&format!(
            "tried: ssh-agent: not running (SSH_AUTH_SOCK is not set); {}: encrypted, and no terminal to ask for its passphrase (load it with `ssh-add`)\n",
            key.display()
        ))
        // The key was found: "no key file" would contradict the line above.
        .never_shows("no key file in")
        .never_shows("pass phrase");
    // Loaded into ssh-agent, the same key works.
    let socket = env.root().join("agent.sock");
    let mut agent = std::process::Command::new(crate::support::tools::require("ssh-agent"))
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let askpass = env.write("askpass", "#!/bin/sh\necho 'pass phrase'\n");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let added = std::process::Command::new(crate::support::tools::require("ssh-add"))
        .arg(&key)
        .env("SSH_AUTH_SOCK", &socket)
        .env("SSH_ASKPASS", &askpass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .env("DISPLAY", "none")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "ssh-add: {}",
        String::from_utf8_lossy(&added.stderr)
    );
    env.env("SSH_AUTH_SOCK", &socket);
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"]);
    let _ = agent.kill();
    let _ = agent.wait();
    out.success()
        .stdout_is(&format!("revision {}\n", tip(&bare)));
}

#[test]
fn an_interrupted_push_leaves_the_clone_consistent_and_the_next_command_finishes() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    env.run(&["rollback", "--list"]).success();
    set_hook(&bare, "pre-receive", "sleep 3");
    let child = env
        .cmd(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SIGTERM rather than SIGINT: a test run started in the background by a non-interactive
    // shell inherits SIGINT ignored, and the push has no handler of its own to override that;
    // either signal ends the process mid-push, which is what this is about.
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(
        !out.status.success(),
        "the deploy finished before the interrupt"
    );
    std::fs::remove_file(bare.join("hooks/pre-receive")).unwrap();
    let clone = cached_clone(&env);
    assert_eq!(git(&clone, &["status", "--porcelain"]), "");
    // Whether or not the server finished receiving, the next command ends with exactly one
    // deploy on the server.
    env.run(&["deploy", "--no-wait"]).success();
    assert_eq!(
        subjects(&bare),
        [format!("deploy shop: {IMAGE_1_1}"), "initial".to_owned()]
    );
    assert_eq!(git(&clone, &["status", "--porcelain"]), "");
}

#[test]
fn http_ssl_ca_info_from_the_users_git_configuration_is_honoured() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let env = user_of(&server.url("shop"));
    env.write(
        "home/.git-credentials",
        format!("https://deploy:s3cret@127.0.0.1:{}\n", server.port),
    );
    let config = std::fs::read_to_string(env.home().join(".gitconfig")).unwrap();
    env.write(
        "home/.gitconfig",
        format!(
            "{config}[credential]\n\thelper = store\n[http]\n\tsslCAInfo = {}\n",
            server.ca.display()
        ),
    );
    // The git program reads its own http.sslCAInfo; SSL_CERT_FILE is not set here.
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait", "-o", "json"]);
    out.success().stderr_is("").never_shows("s3cret");
    assert_eq!(out.json()["revision"], tip(&bare));
}

#[test]
fn an_encrypted_key_is_unlocked_with_a_passphrase_asked_once_on_the_terminal() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let key = env.home().join(".ssh/id_ed25519");
    server.authorize(&keygen(&key));
    encrypt_key(&key, "pass phrase");
    // The first clone and the push both need the key.
    let session = crate::support::terminal::answer_once(
        &env,
        &env.work(),
        &["deploy", "--image", IMAGE_1_1, "--no-wait"],
        "Passphrase for",
        "pass phrase",
    );
    let output = session.output;
    assert!(session.success, "{output}");
    assert_eq!(output.matches("? Passphrase for").count(), 1, "{output}");
    assert!(
        output.contains(&format!("Passphrase for {}", key.display())),
        "{output}"
    );
    assert!(!output.contains("pass phrase"), "{output}");
    assert!(
        output.contains(&format!("revision {}", tip(&bare))),
        "{output}"
    );
}

#[test]
fn a_typed_passphrase_is_gone_from_memory_at_exit() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let key = env.home().join(".ssh/id_ed25519");
    server.authorize(&keygen(&key));
    let passphrase = "Xp4ssphr4seInMemory77";
    encrypt_key(&key, passphrase);
    // Issue 21: dialoguer's password prompt kept the passphrase whole until exit.
    let dump = crate::support::terminal::core_at_exit(
        &env,
        &env.work(),
        &["deploy", "--image", IMAGE_1_1, "--no-wait"],
        Some(&[("Passphrase for", passphrase)]),
        b"",
    );
    assert!(
        dump.output.contains(&format!("revision {}", tip(&bare))),
        "{}",
        dump.output
    );
    assert!(!dump.output.contains(passphrase), "the terminal showed it");
    assert!(
        !dump.holds(passphrase.as_bytes()),
        "the passphrase is still in the process's memory at exit"
    );
    // Not even the C string git2 hands libssh2, whose drop wipes only its first byte.
    assert!(!dump.holds(&passphrase.as_bytes()[1..]));
}

#[test]
fn secret_set_and_doctor_ask_for_an_encrypted_keys_passphrase_too() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user_of(&server.url(&bare));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let key = env.home().join(".ssh/id_ed25519");
    server.authorize(&keygen(&key));
    encrypt_key(&key, "pass phrase");
    let (_, cert) = crate::support::tools::self_signed_rsa(env.root(), "sealing", 2048);
    let cert = cert.display().to_string();
    let set = crate::support::terminal::answer_once(
        &env,
        &env.work(),
        &["secret", "set", "API_KEY=v4lue", "--cert", &cert],
        "Passphrase for",
        "pass phrase",
    );
    let output = set.output;
    assert!(set.success, "{output}");
    assert_eq!(output.matches("? Passphrase for").count(), 1, "{output}");
    assert!(!output.contains("pass phrase"), "{output}");
    assert!(!output.contains("v4lue"), "{output}");
    assert_eq!(subjects(&bare)[0], "Set secret API_KEY");

    let doctor = crate::support::terminal::answer_once(
        &env,
        &env.work(),
        &["doctor", "--offline"],
        "Passphrase for",
        "pass phrase",
    );
    let output = doctor.output;
    assert!(
        // The repository as the user named it, not the cached clone the CLI keeps.
        output.contains(&format!(
            "ok   the deploy repository {} (branch main) opens",
            server.url(&bare)
        )),
        "{output}"
    );
}

#[test]
fn two_commands_of_one_user_take_turns_on_the_cached_clone() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    env.run(&["rollback", "--list"]).success();
    set_hook(&bare, "pre-receive", "sleep 1");
    let spawn = |tag: &str| {
        env.cmd(&["deploy", "--tag", tag, "--no-wait"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (a, b) = (spawn("2.0"), spawn("3.0"));
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut landed = subjects(&bare);
    landed.sort();
    assert_eq!(
        landed,
        [
            "deploy shop: registry.example.com/acme/shop:2.0",
            "deploy shop: registry.example.com/acme/shop:3.0",
            "initial"
        ]
    );
    assert_eq!(git(&cached_clone(&env), &["status", "--porcelain"]), "");
}

#[test]
fn a_checkout_with_an_origin_is_used_in_place_and_pushed() {
    let env = TestEnv::new();
    let bare = crate::support::git_servers::seed_repo(env.root(), "deploy");
    let checkout = env.root().join("checkout");
    git(
        env.root(),
        &[
            "clone",
            "-q",
            &bare.to_string_lossy(),
            &checkout.to_string_lossy(),
        ],
    );
    env.write(
        "work/ungleich-django.yaml",
        format!(
            "app: shop\nnamespace: shop\ndeploy:\n  repo: {}\n  branch: main\n  path: .\n",
            checkout.display()
        ),
    );
    env.write("checkout/notes.txt", "my own work");
    git(&checkout, &["add", "notes.txt"]);
    let out = env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait", "-o", "json"]);
    out.success().stderr_is("");
    assert_eq!(out.json()["pushed"], true);
    assert_eq!(out.json()["revision"], tip(&bare));
    assert_eq!(
        git(&bare, &["show", "--name-only", "--format=%s", "main"]),
        format!("deploy shop: {IMAGE_1_1}\n\napp.yaml\n")
    );
    assert_eq!(git(&checkout, &["status", "--short"]), "A  notes.txt\n");
}

#[test]
fn deploy_tag_without_an_image_in_app_yaml_asks_for_image_and_commits_nothing() {
    let env = local_user();
    let work = env.work();
    env.write(
        "work/deploy/app.yaml",
        "# a new app\nname: shop\nreplicas:\n  web: 2\n",
    );
    git(&work, &["commit", "-q", "-am", "no image yet"]);
    let tip = git(&work, &["rev-parse", "HEAD"]);
    for json in [false, true] {
        let mut args = vec!["deploy", "--tag", "1.2", "--no-wait"];
        if json {
            args.extend(["-o", "json"]);
        }
        env.run(&args)
            .code(2)
            .stdout_is("")
            .stderr_has("error: app.yaml has no image yet, so --tag has nothing to change")
            .stderr_has(
                "hint: pass the whole reference: --image registry.example.com/acme/shop:1.0",
            );
    }
    assert_eq!(git(&work, &["rev-parse", "HEAD"]), tip);
    assert_eq!(git(&work, &["status", "--porcelain"]), "");
}

#[test]
fn deploy_to_a_folder_without_app_yaml_says_where_it_looked_and_what_to_do() {
    let env = local_user();
    let work = env.work();
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: nowhere\n",
    );
    let tip = git(&work, &["rev-parse", "HEAD"]);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(1)
        .stdout_is("")
        .stderr_has(&format!(
            "error: cannot read {}",
            work.join("nowhere/app.yaml").display()
        ))
        .stderr_has("hint: check `deploy.path` in ungleich-django.yaml, or run `ungleich-django init` to write app.yaml there");
    assert_eq!(git(&work, &["rev-parse", "HEAD"]), tip);
}

#[test]
fn a_deploy_repository_that_is_no_repository_says_what_deploy_repo_may_name() {
    let env = user_of("../plain");
    env.write("plain/app.yaml", APP_YAML);
    let plain = env.root().join("plain");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .code(3)
        .stdout_is("")
        .stderr_has(&format!("error: {} is not a git repository\n", plain.display()))
        .stderr_has(&format!(
            "hint: deploy.repo in ungleich-django.yaml names a git URL, a folder that is a git repository (`git init {}` makes one), or \".\" for the repository the project is in\n",
            plain.display()
        ));
    assert_eq!(
        std::fs::read_to_string(plain.join("app.yaml")).unwrap(),
        APP_YAML
    );
}

#[test]
fn a_local_bare_repository_by_path_or_file_url_is_a_remote_cloned_into_the_cache() {
    for form in ["path", "file:// URL"] {
        let env = TestEnv::new();
        std::fs::create_dir_all(env.root().join("server")).unwrap();
        let bare = crate::support::git_servers::seed_repo(&env.root().join("server"), "shop");
        let repo = if form == "path" {
            "../server/shop.git".to_owned()
        } else {
            format!("file://{}", bare.display())
        };
        env.write(
            "work/ungleich-django.yaml",
            format!(
                "app: shop\nnamespace: shop\ndeploy:\n  repo: {repo}\n  branch: main\n  path: .\n"
            ),
        );
        env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
            .success()
            .stdout_is(&format!("revision {}\n", tip(&bare)))
            .stderr_has("pushed registry.example.com/acme/shop:1.1 for shop to main");
        assert_eq!(
            subjects(&bare),
            [format!("deploy shop: {IMAGE_1_1}"), "initial".to_owned()],
            "{form}"
        );
        let clone = cached_clone(&env);
        assert_eq!(
            std::fs::read_to_string(clone.join("app.yaml")).unwrap(),
            APP_YAML.replace("shop:1.0", "shop:1.1"),
            "{form}"
        );
        // Someone else pushes; the next deploy fetches it into the cache, as from any server.
        let other = env.root().join("other");
        git(
            env.root(),
            &["clone", "-q", path_str(&bare), path_str(&other)],
        );
        std::fs::write(other.join("notes.txt"), "hello\n").unwrap();
        git(&other, &["add", "notes.txt"]);
        git(&other, &["commit", "-q", "-m", "notes"]);
        git(&other, &["push", "-q", "origin", "main"]);
        env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
        assert_eq!(
            subjects(&bare),
            [
                "deploy shop: registry.example.com/acme/shop:1.2",
                "notes",
                &format!("deploy shop: {IMAGE_1_1}"),
                "initial"
            ],
            "{form}"
        );
        assert!(clone.join("notes.txt").is_file(), "{form}");
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn git_configuration_is_read_where_git_reads_it() {
    let mut env = TestEnv::new();
    std::fs::create_dir_all(env.root().join("server")).unwrap();
    let bare = crate::support::git_servers::seed_repo(&env.root().join("server"), "shop");
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../server/shop.git\n  branch: main\n  path: .\n",
    );
    let author = || {
        git(&bare, &["log", "-1", "--format=%an <%ae>", "main"])
            .trim()
            .to_owned()
    };
    // The identity lives only in the file GIT_CONFIG_GLOBAL names, as CI images often set it.
    std::fs::remove_file(env.home().join(".gitconfig")).unwrap();
    let ci = env.write(
        "ci/gitconfig",
        "[user]\n\tname = CI Bot\n\temail = ci@example.com\n",
    );
    env.env("GIT_CONFIG_GLOBAL", ci);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    assert_eq!(author(), "CI Bot <ci@example.com>");
    // GIT_CONFIG_SYSTEM names the system file; GIT_CONFIG_GLOBAL=/dev/null means no global one.
    let system = env.write(
        "etc/gitconfig",
        "[user]\n\tname = System Bot\n\temail = system@example.com\n",
    );
    env.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", system)
        .unset("GIT_CONFIG_NOSYSTEM");
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_eq!(author(), "System Bot <system@example.com>");
    // GIT_CONFIG_NOSYSTEM drops it again: git itself would not know who commits.
    env.env("GIT_CONFIG_NOSYSTEM", "1");
    let git_says = env
        .program("git", &["var", "GIT_AUTHOR_IDENT"])
        .output()
        .unwrap();
    assert!(!git_says.status.success(), "git knows an identity");
    env.run(&["deploy", "--tag", "1.3", "--no-wait"])
        .code(3)
        .stderr_has("error: git does not know who you are");
    assert_eq!(subjects(&bare).len(), 3);
}

#[test]
fn deploy_and_rollback_without_following_ask_argocd_to_refresh() {
    use crate::support::apiserver::{ApiServer, objects};
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    let refreshes = || {
        cluster
            .requests()
            .iter()
            .filter(|r| {
                r.method == "PATCH"
                    && r.path.ends_with("/namespaces/argocd/applications/shop")
                    && r.body.contains("argocd.argoproj.io/refresh")
            })
            .count()
    };
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success()
        .stderr_has("asked ArgoCD (argocd/shop) to sync it now\n");
    assert_eq!(refreshes(), 1, "deploy --no-wait asks once");
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    env.run(&["rollback", "--no-wait"])
        .success()
        .stderr_has("asked ArgoCD (argocd/shop) to sync it now\n");
    assert_eq!(refreshes(), 3, "rollback --no-wait asks too");
    // A pushed change of secrets rolls the pods: ArgoCD is asked to act on it as well.
    let (_, cert) = crate::support::tools::self_signed_rsa(env.root(), "sealing", 2048);
    env.run_with_stdin(
        &[
            "secret",
            "set",
            "API_KEY",
            "-",
            "--cert",
            &cert.to_string_lossy(),
        ],
        "v4lue",
    )
    .success()
    .stderr_has("asked ArgoCD (argocd/shop) to sync it now\n")
    .never_shows("v4lue");
    assert_eq!(refreshes(), 4, "secret set asks too");

    // Without the right to patch it, the push stands and the user learns when ArgoCD notices.
    cluster.deny("patch", "applications");
    env.run(&["deploy", "--tag", "1.3", "--no-wait"])
        .success()
        .stderr_has("warning: cannot ask ArgoCD to sync it now (no right to patch the ArgoCD Application argocd/shop): it syncs at its next poll, within about three minutes\n");
    assert_eq!(
        subjects(&bare)[0],
        "deploy shop: registry.example.com/acme/shop:1.3"
    );

    // The same image again: nothing is committed, so nothing claims to be pushed.
    let commits = subjects(&bare).len();
    env.run(&["deploy", "--tag", "1.3", "--no-wait"])
        .success()
        .stderr_has("app.yaml already has registry.example.com/acme/shop:1.3: nothing new to commit; main on the server has it\n")
        .never_shows("pushed registry");
    assert_eq!(subjects(&bare).len(), commits);
}

#[test]
fn doctor_names_a_remote_deploy_repository_by_its_url_not_the_cached_clone() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    let url = server.url(&bare);
    let out = env.run(&["doctor", "--offline"]);
    out.stdout_has(&format!("  ok   the deploy repository {url} (branch main) opens\n"))
        .stdout_has(&format!("  ok   app.yaml in {url} (branch main) is valid\n"))
        .stdout_has(&format!(
            "no sealing certificate is cached yet in .ungleich-django/sealing-cert.pem in {url} (branch main)\n"
        ))
        .never_shows(&env.root().join("cache").to_string_lossy())
        .never_shows("/./");
}

// One cached clone, two environments on two branches of it (issue 17): a branch the server
// lacks stops the commands of its environment cleanly and leaves the clone to the others.

/// Adds environment `staging` on branch `staging` of the same deploy repository to the link.
fn with_staging_branch(env: &TestEnv) {
    let link = std::fs::read_to_string(env.work().join("ungleich-django.yaml")).unwrap();
    env.write(
        "work/ungleich-django.yaml",
        format!(
            "{link}environments:\n  staging:\n    namespace: shop-staging\n    deploy:\n      branch: staging\n"
        ),
    );
}

/// Pushes branch `staging` to `bare`: main's tip with staging's own image and a file of its own.
fn push_staging_branch(bare: &Path) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("w");
    git(
        work.path(),
        &[
            "clone",
            "-q",
            &bare.to_string_lossy(),
            &dir.to_string_lossy(),
        ],
    );
    git(&dir, &["switch", "-q", "-c", "staging"]);
    std::fs::write(
        dir.join("app.yaml"),
        APP_YAML.replace("shop:1.0", "shop:9.0"),
    )
    .unwrap();
    std::fs::write(dir.join("only-on-staging.txt"), "x\n").unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "staging"]);
    git(&dir, &["push", "-q", "origin", "staging"]);
}

/// The story on one server: staging's commands stop with exit 6 naming the branch and the
/// repository while the server lacks it, the default environment keeps working, and once the
/// branch is pushed each environment reads and writes its own branch of the one clone.
fn a_missing_branch_story(env: &TestEnv, bare: &Path, url: &str) {
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    let main_before = tip(bare);
    with_staging_branch(env);
    let missing = format!("error: the deploy repository {url} has no branch `staging`");
    env.run(&["secret", "list", "-e", "staging"])
        .code(6)
        .stdout_is("")
        .stderr_has(&missing)
        .stderr_has("--deploy-branch staging");
    env.run(&["deploy", "-e", "staging", "--tag", "2.0", "--no-wait"])
        .code(6)
        .stderr_has(&missing);
    // Side by side, staging's column says its branch is missing; production is still listed.
    env.run(&["secret", "list", "--all-envs"])
        .success()
        .stderr_has(&format!(
            "staging: the deploy repository {url} has no branch `staging`"
        ));
    // The clone is as it was: the default environment reads and writes main.
    env.run(&["secret", "list"]).success();
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert_ne!(tip(bare), main_before);
    assert_eq!(git(bare, &["branch", "--list", "staging"]), "");

    // Pushed by hand, the branch is found by a command that did not fetch before (deploy).
    push_staging_branch(bare);
    env.run(&["deploy", "-e", "staging", "--tag", "2.0", "--no-wait"])
        .success();
    assert!(git(bare, &["show", "staging:app.yaml"]).contains("shop:2.0"));
    assert!(git(bare, &["show", "main:app.yaml"]).contains("shop:1.2"));
    // Turn and turn about, each gets its own branch's files, and nothing of the other's.
    env.run(&["deploy", "--tag", "1.3", "--no-wait"]).success();
    let clone = cached_clone(env);
    assert!(!clone.join("only-on-staging.txt").exists());
    env.run(&["deploy", "-e", "staging", "--tag", "2.1", "--no-wait"])
        .success();
    assert!(clone.join("only-on-staging.txt").exists());
    env.run(&["secret", "list"]).success();
    assert!(git(bare, &["show", "main:app.yaml"]).contains("shop:1.3"));
    assert!(git(bare, &["show", "staging:app.yaml"]).contains("shop:2.1"));
    assert!(!clone.join("only-on-staging.txt").exists());

    // Deleted on the server (an environment retired), the branch is gone for us too: a command
    // that reads it and one that would push it stop as before it was pushed, and neither brings
    // it back from what the clone remembers. The default environment goes on.
    let retired = git(bare, &["rev-parse", "staging"]).trim().to_owned();
    git(bare, &["branch", "-D", "staging"]);
    env.run(&["deploy", "-e", "staging", "--tag", "2.2", "--no-wait"])
        .code(6)
        .stderr_has(&missing);
    assert_eq!(git(bare, &["branch", "--list", "staging"]), "");
    env.run(&["secret", "list", "-e", "staging"])
        .code(6)
        .stderr_has(&missing);
    env.run(&["deploy", "--tag", "1.4", "--no-wait"]).success();
    assert!(git(bare, &["show", "main:app.yaml"]).contains("shop:1.4"));
    assert_eq!(git(bare, &["branch", "--list", "staging"]), "");
    // Pushed anew, it is the new branch that counts: none of the retired one's commits come back.
    push_staging_branch(bare);
    env.run(&["deploy", "-e", "staging", "--tag", "3.0", "--no-wait"])
        .success();
    assert!(git(bare, &["show", "staging:app.yaml"]).contains("shop:3.0"));
    let log = git(bare, &["log", "--format=%H %s", "staging"]);
    assert!(
        !log.contains(&retired) && !log.contains(":2.1"),
        "the retired branch's commits came back:\n{log}"
    );
    assert!(
        git(
            &clone,
            &["rev-parse", "refs/ungleich-django/retired/staging"]
        )
        .contains(&retired)
    );
}

#[test]
fn ssh_a_branch_the_server_lacks_is_exit_6_and_leaves_the_clone_to_other_environments() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    a_missing_branch_story(&env, &bare, &server.url(&bare));
}

#[test]
fn https_a_branch_the_server_lacks_is_exit_6_and_leaves_the_clone_to_other_environments() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let env = https_user(&server);
    env.write(
        "home/.git-credentials",
        format!("https://deploy:s3cret@127.0.0.1:{}\n", server.port),
    );
    let config = std::fs::read_to_string(env.home().join(".gitconfig")).unwrap();
    env.write(
        "home/.gitconfig",
        format!("{config}[credential]\n\thelper = store\n"),
    );
    a_missing_branch_story(&env, &bare, &server.url("shop"));
}

#[test]
fn a_clone_an_earlier_version_left_on_a_missing_branch_is_usable_again_and_hand_edits_stay() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = ssh_user(&server, &bare);
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    // What opening at a branch the server lacked used to leave: HEAD on that unborn branch,
    // main's files and index still there.
    let clone = cached_clone(&env);
    git(&clone, &["symbolic-ref", "HEAD", "refs/heads/staging"]);
    env.run(&["secret", "list"]).success();
    env.run(&["deploy", "--tag", "1.2", "--no-wait"]).success();
    assert!(git(&bare, &["show", "main:app.yaml"]).contains("shop:1.2"));
    assert_eq!(
        git(&clone, &["symbolic-ref", "HEAD"]).trim(),
        "refs/heads/main"
    );
    // A file changed by hand in that state is still never discarded.
    git(&clone, &["symbolic-ref", "HEAD", "refs/heads/staging"]);
    std::fs::write(clone.join("app.yaml"), "name: shop\nimage: mine:1\n").unwrap();
    env.run(&["secret", "list"])
        .code(5)
        .stderr_has("has changes that were made by hand: app.yaml");
    assert_eq!(
        std::fs::read_to_string(clone.join("app.yaml")).unwrap(),
        "name: shop\nimage: mine:1\n"
    );
}
