//! Real git servers on loopback, each on a port the OS chose: OpenSSH's `sshd` with key auth,
//! and `git http-backend` behind Basic auth over TLS with a private CA. Every server has its own
//! temporary directory and is killed when dropped.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::tools;

/// The app.yaml every test repository starts with: a comment and an order to keep.
pub const APP_YAML: &str = "# the shop's deploy settings\nname: shop\nimage: registry.example.com/acme/shop:1.0  # set by deploy\nreplicas:\n  web: 2\n";

/// Runs git with no user or system configuration, and fails the test when git does.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(tools::require("git"))
        .args(["-c", "user.name=Seed", "-c", "user.email=seed@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Creates the bare repository `dir/name.git` on branch main, holding `app.yaml`.
pub fn seed_repo(dir: &Path, name: &str) -> PathBuf {
    let bare = dir.join(format!("{name}.git"));
    git(
        dir,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            &bare.to_string_lossy(),
        ],
    );
    let work = dir.join(format!("{name}.seed"));
    git(dir, &["init", "-q", "-b", "main", &work.to_string_lossy()]);
    std::fs::write(work.join("app.yaml"), APP_YAML).expect("write app.yaml");
    git(&work, &["add", "app.yaml"]);
    git(&work, &["commit", "-q", "-m", "initial"]);
    git(&work, &["push", "-q", &bare.to_string_lossy(), "main"]);
    bare
}

/// Installs `hook` (a shell script body) as `hooks/NAME` of the bare repository.
pub fn set_hook(bare: &Path, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = bare.join("hooks").join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write hook");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod hook");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

fn wait_for_port(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the server did not listen on port {port}");
}

/// Generates an ed25519 key pair at `path` (no passphrase); returns the public key line.
pub fn keygen(path: &Path) -> String {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let status = Command::new(tools::require("ssh-keygen"))
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
    std::fs::read_to_string(path.with_extension("pub")).expect("read public key")
}

/// Puts `passphrase` on the (unencrypted) private key at `path`.
pub fn encrypt_key(path: &Path, passphrase: &str) {
    let status = Command::new(tools::require("ssh-keygen"))
        .args(["-q", "-p", "-N", passphrase, "-P", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen -p");
    assert!(status.success());
}

/// OpenSSH's sshd on 127.0.0.1, accepting the keys in its authorized_keys for user root.
pub struct SshServer {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Child,
}

impl SshServer {
    pub fn start() -> Self {
        let sshd = tools::require("sshd");
        let dir = tempfile::Builder::new()
            .prefix("ud-sshd-")
            .tempdir()
            .expect("tempdir");
        let root = dir.path();
        keygen(&root.join("hostkey"));
        std::fs::write(root.join("authorized_keys"), "").expect("authorized_keys");
        let port = free_port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {root}/hostkey\nAuthorizedKeysFile {root}/authorized_keys\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nPidFile {root}/sshd.pid\nLogLevel ERROR\n",
            root = root.display()
        );
        std::fs::write(root.join("sshd_config"), config).expect("sshd_config");
        std::fs::create_dir_all("/run/sshd").ok();
        let mut child = Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(root.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sshd (run .ci/install as root: it installs openssh-server)");
        wait_for_port(port, &mut child);
        SshServer { dir, port, child }
    }

    /// Lets the holder of this public key in.
    pub fn authorize(&self, public_key: &str) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(self.dir.path().join("authorized_keys"))
            .expect("authorized_keys");
        writeln!(file, "{}", public_key.trim()).expect("append key");
    }

    /// A new bare repository on this server, holding app.yaml.
    pub fn repo(&self, name: &str) -> PathBuf {
        seed_repo(self.dir.path(), name)
    }

    /// The ssh URL of a repository made by [`SshServer::repo`].
    pub fn url(&self, bare: &Path) -> String {
        format!("ssh://root@127.0.0.1:{}{}", self.port, bare.display())
    }

    /// The known_hosts line that trusts this server.
    pub fn known_hosts_line(&self) -> String {
        let public =
            std::fs::read_to_string(self.dir.path().join("hostkey.pub")).expect("host key");
        let mut fields = public.split_whitespace();
        let (kind, key) = (fields.next().expect("type"), fields.next().expect("key"));
        format!("[127.0.0.1]:{} {kind} {key}\n", self.port)
    }

    /// The host key's fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).
    pub fn fingerprint(&self) -> String {
        let out = Command::new(tools::require("ssh-keygen"))
            .arg("-lf")
            .arg(self.dir.path().join("hostkey.pub"))
            .output()
            .expect("ssh-keygen -l");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .nth(1)
            .expect("fingerprint")
            .to_owned()
    }
}

impl Drop for SshServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `git http-backend` behind Basic auth over TLS, with a certificate from a private CA.
pub struct HttpsServer {
    pub dir: tempfile::TempDir,
    pub port: u16,
    /// The private CA's certificate (PEM), for SSL_CERT_FILE.
    pub ca: PathBuf,
    scheme: &'static str,
    child: Child,
}

impl HttpsServer {
    pub fn start(user: &str, password: &str) -> Self {
        Self::start_with(user, password, true, None)
    }

    /// As [`HttpsServer::start`], over TLS or plain http, and answering every request with a
    /// redirect to `redirect_to` when given; every request's Authorization header is logged
    /// ([`HttpsServer::authorizations`]).
    pub fn start_with(user: &str, password: &str, tls: bool, redirect_to: Option<&str>) -> Self {
        let python = tools::require("python3");
        let dir = tempfile::Builder::new()
            .prefix("ud-https-")
            .tempdir()
            .expect("tempdir");
        let root = dir.path();
        let openssl = |args: &[&str]| {
            let out = Command::new(tools::require("openssl"))
                .args(args)
                .current_dir(root)
                .output()
                .expect("openssl");
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        openssl(
            &[
                &["req", "-x509", "-new"][..],
                &ec[..],
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=ud test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ][..],
            ]
            .concat(),
        );
        openssl(
            &[
                &["req", "-new"][..],
                &ec[..],
                &[
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=127.0.0.1",
                ][..],
            ]
            .concat(),
        );
        std::fs::write(
            root.join("ext.cnf"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext");
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ]);
        let script = tools::repo_root().join("tests/it/support/git_http_server.py");
        let mut command = Command::new(python);
        command
            .arg(script)
            .arg(root.join("repos"))
            .args([user, password]);
        if tls {
            command
                .arg(root.join("server.pem"))
                .arg(root.join("server.key"));
        } else {
            command.args(["-", "-"]);
        }
        command.env("AUTH_LOG", root.join("auth.log"));
        if let Some(to) = redirect_to {
            command.env("REDIRECT_TO", to);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the https git server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read port");
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("no port from the https server: {line:?}"));
        wait_for_port(port, &mut child);
        std::fs::create_dir_all(root.join("repos")).expect("repos");
        let ca = root.join("ca.pem");
        HttpsServer {
            dir,
            port,
            ca,
            scheme: if tls { "https" } else { "http" },
            child,
        }
    }

    /// The Authorization header of every request so far (`-` for none), one a line.
    pub fn authorizations(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("auth.log")).unwrap_or_default()
    }

    /// A new bare repository on this server, holding app.yaml, that accepts pushes.
    pub fn repo(&self, name: &str) -> PathBuf {
        let bare = seed_repo(&self.dir.path().join("repos"), name);
        git(&bare, &["config", "http.receivepack", "true"]);
        bare
    }

    /// The https URL of a repository made by [`HttpsServer::repo`].
    pub fn url(&self, name: &str) -> String {
        format!("{}://127.0.0.1:{}/{name}.git", self.scheme, self.port)
    }
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
