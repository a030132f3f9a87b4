//! The container contract, proven end to end: a real Django project (startproject, an app with
//! a migration, django-q2 on its ORM broker), `ungleich-django init` writes the scripts, and they
//! run against a real PostgreSQL: two `/init` at once (each migration applied once), `/run`
//! serving HTTP, `/async` processing a queued task, both stopping cleanly on SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Outcome, TestEnv, tools};

/// The venv `.ci/install.d/20-django-postgres.sh` makes.
pub(crate) fn django_python() -> PathBuf {
    let python = tools::tools_dir().join("venv-django/bin/python");
    assert!(
        python.is_file(),
        "this test needs Django in {}: run `bash .ci/install` (or .ci/install.d/20-django-postgres.sh)",
        python.display()
    );
    python
}

/// A PostgreSQL server program: on PATH, or in Debian's versioned folder.
pub(crate) fn pg_program(name: &str) -> PathBuf {
    if let Some(found) = tools::find(name) {
        return found;
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.is_file())
        .collect();
    versions.sort();
    versions.pop().unwrap_or_else(|| {
        panic!("this test needs PostgreSQL's `{name}`: run `bash .ci/install` (as root on Debian)")
    })
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// PostgreSQL refuses to run as root: as root, run it as `nobody`.
fn as_postgres_user(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// A throwaway PostgreSQL: its own data directory, a free port on loopback, its socket in the
/// data directory. Stopped when dropped.
pub(crate) struct Postgres {
    data: PathBuf,
    pub(crate) port: u16,
}

impl Postgres {
    pub(crate) fn start(dir: &Path) -> Self {
        let data = dir.join("pgdata");
        std::fs::create_dir_all(&data).unwrap();
        if is_root() {
            use std::os::unix::fs::PermissionsExt;
            // nobody must reach its data directory through the test's private temp folder.
            for d in [dir, dir.parent().unwrap()] {
                let mode = std::fs::metadata(d).unwrap().permissions().mode();
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o711)).unwrap();
            }
            std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
        }
        let out = as_postgres_user(&pg_program("initdb"))
            .args(["-D"])
            .arg(&data)
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let options = format!(
            "-p {port} -h 127.0.0.1 -k {} -c fsync=off -c full_page_writes=off",
            data.display()
        );
        let out = as_postgres_user(&pg_program("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(data.join("log"))
            .args(["-w", "-t", "30", "start"])
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(data.join("log")).unwrap_or_default()
        );
        Postgres { data, port }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = as_postgres_user(&pg_program("pg_ctl"))
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

/// Children that are stopped when the test ends, however it ends.
struct Running(Vec<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

const SETTINGS_TAIL: &str = r#"

# Production settings, read from the environment the platform gives every container.
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
INSTALLED_APPS += ["django_q", "shop"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ["PGHOST"],
        "PORT": os.environ["PGPORT"],
        "NAME": os.environ["PGDATABASE"],
        "USER": os.environ["PGUSER"],
    }
}
STATIC_ROOT = os.environ.get("STATIC_ROOT")
Q_CLUSTER = {"name": "shop", "orm": "default", "workers": 1, "timeout": 30, "retry": 60, "poll": 0.1}
"#;

/// startproject + an app with a model, a view, a task and its migration.
pub(crate) fn make_project(env: &TestEnv, python: &Path, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let run = |args: &[&str]| {
        let out = env
            .program(python, args)
            .current_dir(dir)
            .env("SECRET_KEY", "build")
            .env("ALLOWED_HOSTS", "x")
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", "1")
            .env("PGDATABASE", "x")
            .env("PGUSER", "x")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["-m", "django", "startproject", "mysite", "."]);
    run(&["manage.py", "startapp", "shop"]);
    let settings = dir.join("mysite/settings.py");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str(SETTINGS_TAIL);
    std::fs::write(&settings, text).unwrap();
    std::fs::write(
        dir.join("shop/models.py"),
        "from django.db import models\n\n\nclass Done(models.Model):\n    value = models.CharField(max_length=100)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shop/tasks.py"),
        "from shop.models import Done\n\n\ndef record(value):\n    Done.objects.create(value=value)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shop/views.py"),
        "from django.http import HttpResponse\n\nfrom shop.models import Done\n\n\ndef index(request):\n    return HttpResponse(f\"shop ok, done={Done.objects.count()}\")\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("mysite/urls.py"),
        "from django.urls import path\n\nfrom shop.views import index\n\nurlpatterns = [path(\"\", index)]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("requirements.txt"),
        "Django>=5.1\ngunicorn>=23\ndjango-q2>=1.7\npsycopg[binary]>=3.2\n",
    )
    .unwrap();
    run(&["manage.py", "makemigrations", "shop"]);
}

/// The environment the platform gives the containers (DESIGN section 2).
fn contract_env(
    cmd: &mut Command,
    python: &Path,
    project: &Path,
    pg: &Postgres,
    port: u16,
    static_root: &Path,
) {
    let venv_bin = python.parent().unwrap();
    let path = format!(
        "{}:{}",
        venv_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env_clear()
        .env("PATH", path)
        .env("LC_ALL", "C.UTF-8")
        .env("UNGLEICH_APP_DIR", project)
        .env(
            "DATABASE_URL",
            format!("postgres://postgres@127.0.0.1:{}/postgres", pg.port),
        )
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", pg.port.to_string())
        .env("PGDATABASE", "postgres")
        .env("PGUSER", "postgres")
        .env("PORT", port.to_string())
        .env("WEB_CONCURRENCY", "2")
        .env("STATIC_ROOT", static_root)
        .env("MEDIA_ROOT", static_root.with_file_name("media"))
        .env("ALLOWED_HOSTS", "127.0.0.1,localhost")
        .env("SECRET_KEY", "contract-test-key")
        .env("UNGLEICH_APP", "shop");
}

/// `GET path` over plain HTTP/1.0: the status line and the body.
pub(crate) fn http_get(port: u16, path: &str) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_owned(), body.to_owned()))
}

pub(crate) fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Option<T>,
) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_exit(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    wait_for("the process to stop", timeout, || child.try_wait().unwrap())
}

#[test]
fn generated_scripts_migrate_once_serve_and_work_against_postgres() {
    let python = django_python();
    let env = TestEnv::new();
    let project = env.work().join("shop");
    make_project(&env, &python, &project);

    Outcome::of(
        env.cmd_in(&project, &["init", "--yes", "--app", "shop", "--async"]),
        None,
    )
    .success()
    .stderr_has("created ungleich/init");
    crate::init::resolves::assert_scripts_resolve(&project);
    for script in ["init", "run", "async"] {
        assert!(
            project.join("ungleich").join(script).is_file(),
            "init wrote no ungleich/{script}"
        );
    }

    let pg = Postgres::start(&env.root().join("pg"));
    let static_root = env.root().join("data/static");
    let http_port = free_port();
    let script = |name: &str| {
        let mut cmd = Command::new(project.join("ungleich").join(name));
        contract_env(&mut cmd, &python, &project, &pg, http_port, &static_root);
        cmd.current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    };

    // Two pods start at the same moment while a third one holds the migration lock: both wait,
    // then race for the lock when it is released. Both succeed; one migrates, the other finds
    // nothing left to do. (Without the lock they fail: DuplicateTable django_migrations.)
    let init_text = std::fs::read_to_string(project.join("ungleich/init")).unwrap();
    let key = init_text
        .lines()
        .find_map(|l| l.strip_prefix("LOCK_KEY = "))
        .expect("the lock key in ungleich/init");
    let holder_code = format!(
        "import sys, time, psycopg\n\
         conn = psycopg.connect(autocommit=True)\n\
         conn.execute('SELECT pg_advisory_lock({key})')\n\
         print('locked', flush=True)\n\
         deadline = time.time() + 30\n\
         while conn.execute(\"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted\").fetchone()[0] < 2:\n\
         \x20   if time.time() > deadline:\n\
         \x20       sys.exit('the two /init never waited for the lock')\n\
         \x20   time.sleep(0.05)\n\
         conn.execute('SELECT pg_advisory_unlock({key})')\n"
    );
    let mut holder = {
        let mut cmd = Command::new(&python);
        contract_env(&mut cmd, &python, &project, &pg, http_port, &static_root);
        cmd.args(["-c", &holder_code])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut locked = [0u8; 7];
    holder
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut locked)
        .unwrap();
    assert_eq!(&locked, b"locked\n");
    let first = script("init").spawn().unwrap();
    let second = script("init").spawn().unwrap();
    let outputs: Vec<_> = [first, second]
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let text: Vec<String> = outputs
        .iter()
        .map(|o| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        })
        .collect();
    for (out, text) in outputs.iter().zip(&text) {
        assert!(out.status.success(), "/init failed:\n{text}");
        assert!(
            text.contains("init: another pod is migrating; waiting for it to finish"),
            "{text}"
        );
    }
    assert!(
        holder.wait().unwrap().success(),
        "the lock holder never saw both /init wait"
    );
    let no_op = text
        .iter()
        .filter(|t| t.contains("No migrations to apply."))
        .count();
    assert_eq!(
        no_op, 1,
        "one /init migrates, the other finds nothing to do:\n{}\n---\n{}",
        text[0], text[1]
    );
    assert!(
        static_root.join("admin/css/base.css").is_file(),
        "collectstatic did not fill STATIC_ROOT"
    );
    let sql = "SELECT (SELECT count(*) FROM django_migrations), (SELECT count(DISTINCT (app, name)) FROM django_migrations), (SELECT count(*) FROM django_migrations WHERE app = 'shop')";
    let query = format!(
        "import django; django.setup()\nfrom django.db import connection\nwith connection.cursor() as c:\n    c.execute(\"{sql}\")\n    print(*c.fetchone())"
    );
    let out = {
        let mut cmd = Command::new(&python);
        contract_env(&mut cmd, &python, &project, &pg, http_port, &static_root);
        cmd.current_dir(&project)
            .env("DJANGO_SETTINGS_MODULE", "mysite.settings")
            .args(["-c", &query])
            .output()
            .unwrap()
    };
    let counts = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let numbers: Vec<u32> = counts
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        numbers.len() == 3 && numbers[0] == numbers[1] && numbers[2] == 1,
        "each migration must be recorded once (total, distinct, shop): {counts}{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // /run serves the site, /async processes a task queued through the ORM broker.
    let mut running = Running(Vec::new());
    running.0.push(script("run").spawn().unwrap());
    let (status, body) = wait_for("/run to answer", Duration::from_secs(20), || {
        http_get(http_port, "/")
    });
    assert!(status.ends_with(" 200 OK"), "{status}\n{body}");
    assert_eq!(body, "shop ok, done=0");
    let (status, body) = http_get(http_port, "/nowhere").unwrap();
    assert!(status.ends_with(" 404 Not Found"), "{status}");
    assert!(body.contains("Not Found"), "Django's 404 page: {body}");

    let enqueue = "import django; django.setup()\nfrom django_q.tasks import async_task\nasync_task('shop.tasks.record', 'hello')";
    let out = {
        let mut cmd = Command::new(&python);
        contract_env(&mut cmd, &python, &project, &pg, http_port, &static_root);
        cmd.current_dir(&project)
            .env("DJANGO_SETTINGS_MODULE", "mysite.settings")
            .args(["-c", enqueue])
            .output()
            .unwrap()
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    running.0.push(script("async").spawn().unwrap());
    wait_for("/async to run the task", Duration::from_secs(30), || {
        http_get(http_port, "/").filter(|(_, body)| body == "shop ok, done=1")
    });

    // Both stop cleanly on SIGTERM, as Kubernetes stops them: exec made them PID of the script.
    for child in &mut running.0 {
        sigterm(child);
        let status = wait_exit(child, Duration::from_secs(20));
        assert!(
            status.success(),
            "did not stop cleanly on SIGTERM: {status:?}"
        );
    }

    // The same project served over ASGI: init rewrites /run for gunicorn with uvicorn workers.
    let settings = project.join("mysite/settings.py");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("ASGI_APPLICATION = \"mysite.asgi.application\"\n");
    std::fs::write(&settings, text).unwrap();
    // gunicorn's uvicorn worker class needs uvicorn in the image: the kept Dockerfile installs
    // the requirements, so they list it (init refuses to name a worker class the image lacks).
    let requirements = project.join("requirements.txt");
    let mut listed = std::fs::read_to_string(&requirements).unwrap();
    listed.push_str("uvicorn\n");
    std::fs::write(&requirements, listed).unwrap();
    Outcome::of(env.cmd_in(&project, &["init", "--yes", "--force"]), None)
        .success()
        .stderr_has("updated ungleich/run");
    crate::init::resolves::assert_scripts_resolve(&project);
    let run = std::fs::read_to_string(project.join("ungleich/run")).unwrap();
    assert!(
        run.contains("exec gunicorn mysite.asgi:application \\\n    --worker-class uvicorn.workers.UvicornWorker"),
        "{run}"
    );
    let mut asgi = Running(vec![script("run").spawn().unwrap()]);
    let (status, body) = wait_for("/run (ASGI) to answer", Duration::from_secs(20), || {
        http_get(http_port, "/")
    });
    assert!(status.ends_with(" 200 OK"), "{status}\n{body}");
    assert_eq!(body, "shop ok, done=1");
    sigterm(&asgi.0[0]);
    let status = wait_exit(&mut asgi.0[0], Duration::from_secs(20));
    assert!(
        status.success(),
        "ASGI /run did not stop cleanly: {status:?}"
    );
}
