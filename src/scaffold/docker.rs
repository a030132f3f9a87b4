//! The Dockerfile and `.dockerignore` for a project without them, and the lines to add to a
//! Dockerfile that exists (which init never changes).

use crate::detect::{DEFAULT_PYTHON, PackageManager, Project};

use super::ImagePaths;

/// Where the generated Dockerfile puts the code.
pub const WORKDIR: &str = "/app";

/// A Dockerfile: the slim Python image of the project's version, its dependencies installed by
/// its own package manager from its lock file into a virtualenv, the code, a non-root user, and
/// the contract's programs.
#[must_use]
pub fn dockerfile(project: &Project, paths: &ImagePaths, added: &[String]) -> String {
    let python = project.python_version.as_deref().unwrap_or(DEFAULT_PYTHON);
    let mut out = format!(
        "# Written by `ungleich-django init`. Build: docker build -t REGISTRY/APP:TAG .\nFROM python:{python}-slim\n\n"
    );
    out.push_str(
        "ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1 \\\n    PIP_DISABLE_PIP_VERSION_CHECK=1 \\\n    VIRTUAL_ENV=/opt/venv \\\n    PATH=\"/opt/venv/bin:$PATH\" \\\n    PORT=8000\n\n",
    );
    if project.needs_build_tools {
        out.push_str("# psycopg2, psycopg[c] and mysqlclient are compiled from source: they need a compiler and the client headers.\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends build-essential libpq-dev default-libmysqlclient-dev pkg-config \\\n    && rm -rf /var/lib/apt/lists/*\n\n");
    }
    if project.needs_libpq && !project.needs_build_tools {
        out.push_str("# psycopg without its binary extra loads the system's libpq.\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*\n\n");
    }
    out.push_str(&format!(
        "RUN python -m venv /opt/venv\nWORKDIR {WORKDIR}\n\n"
    ));
    out.push_str(&install_dependencies(project));
    if !added.is_empty() {
        out.push_str(&format!(
            "# /run execs {}, which the dependencies do not list.\nRUN pip install {}\n",
            added.join(" and "),
            added.join(" ")
        ));
    }
    out.push_str("\nCOPY . .\n");
    if project.package_manager == Some(PackageManager::Pip) && project.lock_file.is_none() {
        // No requirements file: the project installs itself from pyproject.toml or setup.py.
        let dir = project
            .manifest
            .as_deref()
            .and_then(|m| m.rsplit_once('/').map(|(d, _)| d))
            .unwrap_or(".");
        out.push_str(&format!("RUN pip install {dir}\n"));
    }
    out.push_str(
        "\n# The contract: the platform runs these (paths recorded in app.yaml `commands`).\n",
    );
    out.push_str(&copy_lines(project, paths, false));
    out.push_str(
        "\n# Run as a user without privileges; the platform mounts the app's volume at /data.\nRUN useradd --create-home --uid 10001 app && mkdir -p /data && chown app /data\nUSER app\n\nEXPOSE 8000\n",
    );
    out.push_str(&format!("CMD [\"{}\"]\n", paths.run));
    out
}

fn install_dependencies(project: &Project) -> String {
    let lock = project.lock_file.as_deref();
    // pyproject.toml or Pipfile where the lock is: the root, or manage.py's folder.
    let manifest = |default: &str| {
        project
            .manifest
            .clone()
            .unwrap_or_else(|| default.to_owned())
    };
    let at = |file: &str| file.to_owned();
    match project.package_manager {
        Some(PackageManager::Uv) => format!(
            "# uv installs exactly what {lock} pins.\nRUN pip install uv\nCOPY {manifest} {lock} ./\nRUN UV_PROJECT_ENVIRONMENT=/opt/venv uv sync --frozen --no-dev --no-install-project\n",
            lock = lock.map_or_else(|| "uv.lock".to_owned(), at),
            manifest = manifest("pyproject.toml")
        ),
        Some(PackageManager::Poetry) => {
            let files = match lock {
                Some(l) => format!("{} {l}", manifest("pyproject.toml")),
                None => manifest("pyproject.toml"),
            };
            format!(
                "# poetry installs what the lock file pins, into the virtualenv above.\nRUN pip install poetry\nCOPY {files} ./\nRUN poetry config virtualenvs.create false \\\n    && poetry install --only main --no-root --no-interaction\n"
            )
        }
        Some(PackageManager::Pipenv) => {
            let files = match lock {
                Some(l) => format!("{} {l}", manifest("Pipfile")),
                None => manifest("Pipfile"),
            };
            format!(
                "# pipenv exports what Pipfile.lock pins; pip installs it.\nRUN pip install pipenv\nCOPY {files} ./\nRUN pipenv requirements > /tmp/requirements.txt \\\n    && pip install -r /tmp/requirements.txt\n"
            )
        }
        Some(PackageManager::Pdm) => format!(
            "# pdm exports what the lock file pins; pip installs it.\nRUN pip install pdm\nCOPY {manifest} {lock} ./\nRUN pdm export --prod --without-hashes -o /tmp/requirements.txt \\\n    && pip install -r /tmp/requirements.txt\n",
            lock = lock.map_or_else(|| "pdm.lock".to_owned(), at),
            manifest = manifest("pyproject.toml")
        ),
        Some(PackageManager::Pip) => match (lock, project.requirements_dir.as_deref()) {
            (Some(file), Some(dir)) => format!(
                "# The requirements files include each other, so the folder is copied whole.\nCOPY {dir}/ {dir}/\nRUN pip install -r {file}\n"
            ),
            (Some(file), None) => format!("COPY {file} {file}\nRUN pip install -r {file}\n"),
            (None, _) => String::new(),
        },
        None => "# No dependency file was found: list your dependencies (Django, gunicorn, a PostgreSQL\n# driver) in requirements.txt and install them here.\n# COPY requirements.txt .\n# RUN pip install -r requirements.txt\n".to_owned(),
    }
}

/// The `COPY` lines that put the contract's programs where the platform runs them. With
/// `existing`, they are for a Dockerfile the customer keeps: `--chmod` makes them executable
/// without a `RUN` as root, whatever `USER` the image has by then.
#[must_use]
pub fn copy_lines(project: &Project, paths: &ImagePaths, existing: bool) -> String {
    let mut files = vec![("init", &paths.init), ("run", &paths.run)];
    if project.worker.is_some() {
        files.push(("async", &paths.async_worker));
    }
    let mut out = String::new();
    for (name, target) in &files {
        if existing {
            out.push_str(&format!("COPY --chmod=0755 ungleich/{name} {target}\n"));
        } else {
            out.push_str(&format!("COPY ungleich/{name} {target}\n"));
        }
    }
    if !existing {
        let targets: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
        out.push_str(&format!("RUN chmod 0755 {}\n", targets.join(" ")));
    }
    out
}

/// `.dockerignore`: what never belongs in the image (secrets, the local virtualenv, git).
#[must_use]
pub fn dockerignore() -> String {
    "# Written by `ungleich-django init`: kept out of the image.\n.git\n.venv\nvenv\n__pycache__/\n*.py[cod]\n.env\n*.env\n.envrc\nnode_modules/\ndb.sqlite3\nmedia/\nstaticfiles/\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n"
        .to_owned()
}
