//! Crash and interrupt safety: `secret set`, `deploy` and `init` killed with SIGKILL at moments
//! spread over their whole run (seeded, printed: `UNGLEICH_SOAK_SEED` replays them), then
//! checked: no half-written file (every YAML file parses, no temporary file named like
//! configuration), the deploy repository's HEAD a whole tree (or no commit at all), and the next
//! run of the same command succeeds with the cached clone, leaving no temporary file behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::soak::Rng;
use crate::support::{TestEnv, tools};

/// The prefix of `fsutil::write_atomic`'s temporary files.
const TEMP_PREFIX: &str = ".ungleich-django-";

/// Runs `cmd` and kills it (SIGKILL) `after` its start unless it ended first: whether it was
/// killed.
fn kill_after(mut cmd: Command, stdin: Option<&str>, after: Duration) -> bool {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

/// Runs `cmd` to its end: its duration, and stderr when it failed.
fn run(mut cmd: Command, stdin: Option<&str>) -> Result<Duration, String> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        Ok(start.elapsed())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Every file under `dir`, `.git` folders left out unless `git_too`.
fn files(dir: &Path, git_too: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if git_too || entry.file_name() != ".git" {
                files(&path, git_too, out);
            }
        } else {
            out.push(path);
        }
    }
}

fn parses_as_yaml(text: &str) -> Result<(), String> {
    serde_saphyr::from_str::<serde_json::Value>(text)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// No half-written file: each YAML file under `dirs` parses, and a temporary file left by the
/// kill is never named like configuration (ArgoCD and helm read `*.yaml`, `*.yml`, `*.json`).
fn assert_whole_files(dirs: &[PathBuf], what: &str) {
    let mut all = Vec::new();
    for dir in dirs {
        files(dir, true, &mut all);
    }
    for path in all {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(TEMP_PREFIX) {
            assert!(
                !(name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")),
                "{what}: a temporary file named like configuration: {}",
                path.display()
            );
            continue;
        }
        let in_git = path.components().any(|c| c.as_os_str() == ".git");
        if !in_git && (name.ends_with(".yaml") || name.ends_with(".yml")) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if let Err(e) = parses_as_yaml(&text) {
                panic!("{what}: {} is half-written ({e}):\n{text}", path.display());
            }
        }
    }
}

/// No temporary file of ours anywhere under `dirs`, `.git` folders included.
fn assert_no_temp_files(dirs: &[PathBuf], what: &str) {
    let mut all = Vec::new();
    for dir in dirs {
        files(dir, true, &mut all);
    }
    let left: Vec<_> = all
        .iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(TEMP_PREFIX)
        })
        .collect();
    assert!(
        left.is_empty(),
        "{what}: temporary files left after a whole run: {left:?}"
    );
}

/// The commit `rev` of the repository at `git_dir` holds whole files: each of `paths` it has
/// parses.
fn assert_whole_commit(env: &TestEnv, git_dir: &Path, paths: &[&str], what: &str) {
    for path in paths {
        let out = env
            .program("git", &["--git-dir"])
            .arg(git_dir)
            .args(["show", &format!("HEAD:{path}")])
            .output()
            .unwrap();
        if !out.status.success() {
            continue;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        if let Err(e) = parses_as_yaml(&text) {
            panic!(
                "{what}: HEAD of {} has a broken {path} ({e}):\n{text}",
                git_dir.display()
            );
        }
    }
}

/// The moments to kill at, as fractions of a whole run's time: `n` spread over `0..1.2`
/// (a few land after the end), jittered. A fraction, not a time: a run's time changes with the
/// machine's load, so each kill scales by the fastest whole run seen so far.
fn kill_points(rng: &mut Rng, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let jitter = (rng.next() % 1000) as f64 / 1000.0;
            1.2 * (i as f64 + jitter) / n as f64
        })
        .collect()
}

/// A source tree in `work/` whose deploy repository is `origin.git`, a bare repository on this
/// machine: a server to the CLI, so it works in a cached clone as with any URL.
fn remote_project(env: &TestEnv) -> PathBuf {
    let seed = env.root().join("seed");
    std::fs::create_dir_all(&seed).unwrap();
    env.write(
        "seed/app.yaml",
        "# The shop.\nname: shop\nimage: registry.example.com/acme/shop:1.0  # CI bumps this\n",
    );
    env.git(&seed, &["init", "-q", "-b", "main"]);
    env.git(&seed, &["add", "."]);
    env.git(&seed, &["commit", "-q", "-m", "Start"]);
    let origin = env.root().join("origin.git");
    env.git(
        env.root(),
        &["clone", "-q", "--bare", "seed", origin.to_str().unwrap()],
    );
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../origin.git\n  branch: main\n  path: .\n",
    );
    origin
}

fn cache(env: &TestEnv) -> PathBuf {
    env.root().join("cache/ungleich-django/deploy-repos")
}

/// Kills `command` at each point, checks what is left, and runs it again whole.
fn kill_loop(
    what: &str,
    points: &[f64],
    span: &mut Duration,
    make: &mut dyn FnMut(usize) -> (Command, Option<String>),
    check: &mut dyn FnMut(&str),
) -> usize {
    let mut killed = 0;
    for (i, fraction) in points.iter().enumerate() {
        let at = span.mul_f64(*fraction);
        let (cmd, stdin) = make(2 * i);
        killed += usize::from(kill_after(cmd, stdin.as_deref(), at));
        check(&format!("{what} killed at {at:?}"));
        let (cmd, stdin) = make(2 * i + 1);
        match run(cmd, stdin.as_deref()) {
            Ok(took) => *span = (*span).min(took),
            Err(stderr) => panic!("{what}: the run after a kill at {at:?} failed:\n{stderr}"),
        }
        check(&format!("{what} run after a kill at {at:?}"));
    }
    killed
}

#[test]
fn secret_set_and_deploy_killed_anywhere_leave_whole_files_and_a_usable_clone() {
    let mut rng = Rng::seeded("kill points");
    let env = TestEnv::new();
    let origin = remote_project(&env);
    let keys = tempfile::tempdir().unwrap();
    let (_, cert) = tools::self_signed_rsa(keys.path(), "sealing", 2048);
    let cert = cert.to_str().unwrap().to_owned();
    let work = env.work();
    let dirs = [work.clone(), cache(&env)];
    let mut check = |what: &str| {
        assert_whole_files(&dirs, what);
        assert_whole_commit(&env, &origin, &["app.yaml", "sealed-secrets.yaml"], what);
        for clone in std::fs::read_dir(cache(&env))
            .into_iter()
            .flatten()
            .flatten()
        {
            let git_dir = clone.path().join(".git");
            if git_dir.exists() {
                assert_whole_commit(&env, &git_dir, &["app.yaml", "sealed-secrets.yaml"], what);
            }
        }
    };
    let mut secret = |n: usize| {
        let key = format!("KEY_{n}");
        (
            env.cmd_in(&work, &["secret", "set", &key, "-", "--cert", &cert]),
            Some(format!("value-{n}")),
        )
    };
    // The first run clones; the kills spread over one and a half times its time (a run under
    // load takes longer), so a few land after the end.
    let (cmd, stdin) = secret(1000);
    let took = run(cmd, stdin.as_deref()).expect("secret set runs");
    let points = kill_points(&mut rng, 14);
    let killed = kill_loop(
        "secret set",
        &points,
        &mut took.clone(),
        &mut secret,
        &mut check,
    );
    let mut deploy = |n: usize| {
        let image = format!("registry.example.com/acme/shop:{n}");
        (
            env.cmd_in(&work, &["deploy", "--image", &image, "--no-wait"]),
            None,
        )
    };
    let (cmd, _) = deploy(1000);
    let took = run(cmd, None).expect("deploy runs");
    let points = kill_points(&mut rng, 14);
    let killed_deploys = kill_loop(
        "deploy",
        &points,
        &mut took.clone(),
        &mut deploy,
        &mut check,
    );
    assert_no_temp_files(&dirs, "after the last runs");
    // The lock files a kill inside libgit2's own writes leaves (a window too short for the
    // timings above to hit reliably): the next command recovers.
    let clone = std::fs::read_dir(cache(&env))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join(".git").is_dir())
        .expect("a cached clone");
    for lock in [
        "index.lock",
        "HEAD.lock",
        "packed-refs.lock",
        "refs/heads/main.lock",
        "refs/remotes/origin/main.lock",
    ] {
        std::fs::write(clone.join(".git").join(lock), "").unwrap();
    }
    let (cmd, stdin) = secret(2000);
    if let Err(stderr) = run(cmd, stdin.as_deref()) {
        panic!("secret set after stale lock files failed:\n{stderr}");
    }
    let (cmd, _) = deploy(27);
    run(cmd, None).expect("deploy after stale lock files");
    eprintln!("killed {killed} secret set and {killed_deploys} deploy runs mid-way");
    assert!(killed + killed_deploys >= 5, "too few kills landed mid-run");
    // The last run's values are what the server has.
    let head = env.git(&origin, &["show", "HEAD:app.yaml"]);
    assert!(head.contains("shop:27"), "{head}");
}

/// A Django project in `work/<name>`, as `init` finds one.
fn django_project(env: &TestEnv, name: &str) -> PathBuf {
    env.write(&format!("work/{name}/manage.py"), "import os\n");
    env.write(&format!("work/{name}/proj/__init__.py"), "");
    env.write(&format!("work/{name}/proj/settings.py"), "");
    env.write(&format!("work/{name}/proj/wsgi.py"), "application = None\n");
    env.write(
        &format!("work/{name}/requirements.txt"),
        "django\ngunicorn\n",
    );
    env.work().join(name)
}

/// What `init` writes is whole: YAML parses, the contract scripts are executable and end with
/// their last line, and the commit of app.yaml (if made) holds a whole file.
fn assert_init_whole(env: &TestEnv, p: &Path, what: &str) {
    assert_whole_files(&[p.to_owned()], what);
    for script in ["ungleich/init", "ungleich/run"] {
        let path = p.join(script);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        assert!(
            text.starts_with("#!") && text.ends_with('\n'),
            "{what}: {script} is cut:\n{text}"
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert!(mode & 0o111 != 0, "{what}: {script} is not executable");
    }
    if p.join(".git").exists() {
        assert_whole_commit(
            env,
            &p.join(".git"),
            &["deploy/app.yaml", "ungleich-django.yaml"],
            what,
        );
    }
}

#[test]
fn init_killed_anywhere_leaves_whole_files_and_runs_again() {
    let mut rng = Rng::seeded("init kill points");
    let env = TestEnv::new();
    let args = [
        "init",
        "--yes",
        "--app",
        "shop",
        "--image",
        "registry.example.com/acme/shop:2",
    ];
    let first = django_project(&env, "first");
    let mut span = run(env.cmd_in(&first, &args), None).expect("init runs");
    let mut killed = 0;
    for (i, fraction) in kill_points(&mut rng, 10).into_iter().enumerate() {
        let at = span.mul_f64(fraction);
        let p = django_project(&env, &format!("p{i}"));
        killed += usize::from(kill_after(env.cmd_in(&p, &args), None, at));
        let what = format!("init killed at {at:?}");
        assert_init_whole(&env, &p, &what);
        match run(env.cmd_in(&p, &args), None) {
            Ok(took) => span = span.min(took),
            Err(stderr) => panic!("{what}: the next init failed:\n{stderr}"),
        }
        assert_init_whole(&env, &p, &format!("{what}, then run again"));
        assert_no_temp_files(std::slice::from_ref(&p), &what);
        for file in [
            "ungleich-django.yaml",
            "deploy/app.yaml",
            "ungleich/init",
            "ungleich/run",
        ] {
            assert!(
                p.join(file).exists(),
                "{what}: no {file} after the next init"
            );
        }
    }
    eprintln!("killed {killed} init runs mid-way");
    assert!(killed >= 4, "too few kills landed mid-run");
}
