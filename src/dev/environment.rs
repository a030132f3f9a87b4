//! The environment the scripts run in: DESIGN section 2 as the chart renders it, with the local
//! server's address, app.yaml's `env`, and the app's secrets from a dotenv file the user names.
//! Of the user's own environment only what finds their Python passes (PATH, the virtualenv,
//! pyenv, locale, home): a script that works here only thanks to a shell variable would fail in
//! the image.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use crate::exit::{Classify, ExitCode};
use crate::seal::dotenv;
use crate::spec::PLATFORM_ENV;

use super::Component;

/// The user's variables that pass through: exact names, then prefixes.
const PASSED: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TERM",
    "TMPDIR",
    "VIRTUAL_ENV",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
];
const PASSED_PREFIXES: &[&str] = &["LC_", "PYENV", "CONDA", "UV_", "POETRY_", "PIPENV_"];

/// The dotenv file cannot be used. Never holds a value.
#[derive(Debug, thiserror::Error)]
pub enum EnvError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Parse {
        path: PathBuf,
        #[source]
        source: dotenv::DotenvError,
    },
    #[error("{}: {key} is set by the platform and cannot be a secret", path.display())]
    Platform { path: PathBuf, key: String },
}

impl Classify for EnvError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }
    fn hint(&self) -> Option<String> {
        match self {
            EnvError::Platform { key, .. } => Some(format!(
                "remove {key} from the file: dev sets it as the cluster does"
            )),
            _ => None,
        }
    }
}

/// What the environment is made of.
#[derive(Debug)]
pub struct ContractEnv {
    pub app: String,
    pub hosts: Vec<String>,
    /// The port `/run` listens on.
    pub port: u16,
    pub pg_port: u16,
    pub pg_user: String,
    /// Folder holding `static/` and `media/`.
    pub data_dir: PathBuf,
    /// manage.py's folder, where the scripts `cd` (`UNGLEICH_APP_DIR`).
    pub app_dir: PathBuf,
    /// app.yaml `env`.
    pub spec_env: BTreeMap<String, String>,
    /// The secrets' names and values, from the dotenv file.
    pub secrets: Vec<(String, crate::seal::value::SecretValue)>,
}

impl ContractEnv {
    /// Reads the app's secrets from a dotenv file.
    ///
    /// # Errors
    /// A file that cannot be read or parsed, or that sets a platform variable.
    pub fn read_secrets(
        path: &Path,
    ) -> Result<Vec<(String, crate::seal::value::SecretValue)>, EnvError> {
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(path).map_err(|source| {
            EnvError::Read {
                path: path.to_owned(),
                source,
            }
        })?);
        let entries = dotenv::parse(&text).map_err(|source| EnvError::Parse {
            path: path.to_owned(),
            source,
        })?;
        if let Some((key, _)) = entries
            .iter()
            .find(|(k, _)| PLATFORM_ENV.contains(&k.as_str()))
        {
            return Err(EnvError::Platform {
                path: path.to_owned(),
                key: key.clone(),
            });
        }
        Ok(entries)
    }

    /// `STATIC_ROOT`.
    #[must_use]
    pub fn static_root(&self) -> PathBuf {
        self.data_dir.join("static")
    }

    /// Every variable for `component`, in the order they are set (later ones win), the user's
    /// variables (`user`, usually `std::env::vars_os()`) filtered first.
    #[must_use]
    pub fn for_component(
        &self,
        component: Component,
        user: impl IntoIterator<Item = (OsString, OsString)>,
    ) -> Vec<(String, OsString)> {
        let mut out: Vec<(String, OsString)> = user
            .into_iter()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v)))
            .filter(|(k, _)| {
                PASSED.contains(&k.as_str()) || PASSED_PREFIXES.iter().any(|p| k.starts_with(p))
            })
            .collect();
        let mut set = |k: &str, v: OsString| out.push((k.to_owned(), v));
        // As the generated Dockerfile sets it, and so each line shows as it is written.
        set("PYTHONUNBUFFERED", "1".into());
        set("UNGLEICH_APP_DIR", self.app_dir.clone().into_os_string());
        for (k, v) in self.platform(component) {
            set(k, v.into());
        }
        for (k, v) in &self.spec_env {
            set(k, v.into());
        }
        for (k, v) in &self.secrets {
            set(k, OsString::from_vec(v.expose().to_vec()));
        }
        out
    }

    /// DESIGN section 2's variables.
    fn platform(&self, component: Component) -> Vec<(&'static str, String)> {
        let (user, port) = (&self.pg_user, self.pg_port);
        let password = super::postgres::PASSWORD;
        let db = super::postgres::DATABASE;
        vec![
            ("PORT", self.port.to_string()),
            ("STATIC_ROOT", self.static_root().display().to_string()),
            (
                "MEDIA_ROOT",
                self.data_dir.join("media").display().to_string(),
            ),
            ("ALLOWED_HOSTS", self.allowed_hosts()),
            ("UNGLEICH_APP", self.app.clone()),
            (
                "UNGLEICH_COMPONENT",
                component.platform_component().to_owned(),
            ),
            ("PGHOST", "127.0.0.1".to_owned()),
            ("PGPORT", port.to_string()),
            ("PGDATABASE", db.to_owned()),
            ("PGUSER", user.clone()),
            ("PGPASSWORD", password.to_owned()),
            (
                "DATABASE_URL",
                format!("postgres://{user}:{password}@127.0.0.1:{port}/{db}"),
            ),
        ]
    }

    /// The app's hosts as the chart writes them (a wildcard `*.example.com` as Django's
    /// `.example.com`), then `localhost` and `127.0.0.1`: here the site is reached on loopback,
    /// where Django would answer every request with 400 Bad Request.
    fn allowed_hosts(&self) -> String {
        let mut hosts: Vec<String> = self
            .hosts
            .iter()
            .map(|h| h.strip_prefix('*').unwrap_or(h).to_owned())
            .collect();
        for local in ["localhost", "127.0.0.1"] {
            if !hosts.iter().any(|h| h == local) {
                hosts.push(local.to_owned());
            }
        }
        hosts.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> ContractEnv {
        ContractEnv {
            app: "shop".into(),
            hosts: vec!["shop.example.com".into(), "*.shop.example".into()],
            port: 8123,
            pg_port: 5999,
            pg_user: "shop".into(),
            data_dir: "/tmp/d".into(),
            app_dir: "/src/shop".into(),
            spec_env: BTreeMap::from([("FEATURE".to_owned(), "on".to_owned())]),
            secrets: vec![(
                "SECRET_KEY".to_owned(),
                crate::seal::value::SecretValue::new(b"s3cr$t".to_vec()),
            )],
        }
    }

    fn get<'a>(vars: &'a [(String, OsString)], key: &str) -> Option<&'a str> {
        vars.iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_str().unwrap())
    }

    #[test]
    fn the_platform_environment_with_spec_env_and_secrets() {
        let user = vec![
            (OsString::from("PATH"), OsString::from("/venv/bin:/usr/bin")),
            (OsString::from("VIRTUAL_ENV"), OsString::from("/venv")),
            (OsString::from("PYENV_VERSION"), OsString::from("3.12")),
            (OsString::from("DJANGO_DEBUG"), OsString::from("1")),
            (OsString::from("PORT"), OsString::from("1")),
        ];
        let vars = env().for_component(Component::Run, user);
        for (key, value) in [
            ("PATH", "/venv/bin:/usr/bin"),
            ("VIRTUAL_ENV", "/venv"),
            ("PYENV_VERSION", "3.12"),
            ("PORT", "8123"),
            ("STATIC_ROOT", "/tmp/d/static"),
            ("MEDIA_ROOT", "/tmp/d/media"),
            (
                "ALLOWED_HOSTS",
                "shop.example.com,.shop.example,localhost,127.0.0.1",
            ),
            ("UNGLEICH_APP", "shop"),
            ("UNGLEICH_COMPONENT", "web"),
            ("UNGLEICH_APP_DIR", "/src/shop"),
            ("PGHOST", "127.0.0.1"),
            ("PGPORT", "5999"),
            ("PGDATABASE", "postgres"),
            ("PGUSER", "shop"),
            ("PGPASSWORD", "dev"),
            (
                "DATABASE_URL",
                "postgres://shop:dev@127.0.0.1:5999/postgres",
            ),
            ("FEATURE", "on"),
            ("SECRET_KEY", "s3cr$t"),
        ] {
            assert_eq!(get(&vars, key), Some(value), "{key}");
        }
        assert_eq!(
            get(&vars, "DJANGO_DEBUG"),
            None,
            "the user's other variables stay out"
        );
        let async_vars = env().for_component(Component::Async, Vec::new());
        assert_eq!(get(&async_vars, "UNGLEICH_COMPONENT"), Some("async"));
    }

    #[test]
    fn a_secrets_file_may_not_set_a_platform_variable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        std::fs::write(&path, "SECRET_KEY=x\nDATABASE_URL=postgres://elsewhere\n").unwrap();
        let err = ContractEnv::read_secrets(&path).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("DATABASE_URL is set by the platform and cannot be a secret"),
            "{err}"
        );
        assert!(!err.to_string().contains("elsewhere"));
        assert_eq!(err.exit_code(), ExitCode::InvalidInput);
        std::fs::write(&path, "SECRET_KEY='a b'\n").unwrap();
        let ok = ContractEnv::read_secrets(&path).unwrap();
        assert_eq!(ok[0].1.expose(), b"a b");
    }
}
