#!/usr/bin/env bash
# `dev --check` benchmark: the wall time of the whole local contract run on the test project
# (the contract test's: startproject, an app with a migration, django-q2 for /async), PostgreSQL's
# initdb and start included, median of 5 runs, next to the time of an image build that builds
# nothing at all (`docker build` of the same tree with every layer cached), which is the floor of
# the build, push and deploy path that dev --check answers before. Budget: dev --check under 5 s.
# The first run (initdb, then the template kept in the cache) is shown apart.
# Needs the test venv (.ci/install.d/20-django-postgres.sh), PostgreSQL's server programs and,
# for the comparison, a running Docker daemon (without one that line says so). As root,
# PostgreSQL runs as nobody, so the work folder is made traversable.
set -euo pipefail
cd "$(dirname "$0")/.."

# The binary's own speed hardly counts here (Python and PostgreSQL do): PROFILE=debug measures
# the debug build and saves a release build on a busy machine.
profile=${PROFILE:-release}
if [ "$profile" = release ]; then cargo build --release --quiet; else cargo build --quiet; fi
bin=$PWD/target/$profile/ungleich-django
venv=$PWD/.tools/venv-django
[ -x "$venv/bin/python" ] || { echo "needs $venv: run bash .ci/install" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 711 "$work"
mkdir -m 711 "$work/tmp"
export PATH=$venv/bin:$PATH HOME=$work TMPDIR=$work/tmp GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$work/.gitconfig
git config --global user.name Bench
git config --global user.email bench@example.com

app=$work/shop
mkdir "$app" && cd "$app"
python -m django startproject mysite . >/dev/null
python manage.py startapp shop >/dev/null
cat >> mysite/settings.py <<'PY'

import os
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
INSTALLED_APPS += ["django_q", "shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": os.environ["PGHOST"],
    "PORT": os.environ["PGPORT"], "NAME": os.environ["PGDATABASE"], "USER": os.environ["PGUSER"]}}
STATIC_ROOT = os.environ.get("STATIC_ROOT")
Q_CLUSTER = {"name": "shop", "orm": "default", "workers": 1, "timeout": 30, "retry": 60, "poll": 0.1}
PY
printf 'from django.db import models\n\n\nclass Done(models.Model):\n    value = models.CharField(max_length=100)\n' > shop/models.py
printf 'Django>=5.1\ngunicorn>=23\ndjango-q2>=1.7\npsycopg[binary]>=3.2\n' > requirements.txt
SECRET_KEY=x ALLOWED_HOSTS=x PGHOST=127.0.0.1 PGPORT=1 PGDATABASE=x PGUSER=x \
    python manage.py makemigrations shop >/dev/null
git init -q .
"$bin" init --yes --app shop --async --deploy-repo . >/dev/null 2>&1
echo "SECRET_KEY=bench" > .env

seconds() { # command...: wall time in seconds, the command's output discarded, failure fatal
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    end=$(date +%s.%N)
    python3 -c "print('%.2f' % ($end - $start))"
}
median() { python3 -c 'import statistics,sys; print("%.2f" % statistics.median(map(float, sys.argv[1:])))' "$@"; }

# The first run initialises PostgreSQL (initdb) and keeps the result as a template in the cache;
# every later one copies it. Each run's JSON report gives the phases.
phases() { # a run's JSON report: total, /init, /run serving
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.2f %.2f %.2f" % (r["seconds"], r["init_seconds"], r["serving_after_seconds"]))'
}
timed_run() { # wall time, then the phases
    local start end report
    start=$(date +%s.%N)
    report=$("$bin" dev --check --env-file .env -o json 2>/dev/null) || { "$bin" dev --check --env-file .env >&2 || true; exit 1; }
    end=$(date +%s.%N)
    echo "$(python3 -c "print('%.2f' % ($end - $start))") $(phases <<<"$report")"
}
cold=$(timed_run)
runs=() inits=() serving=()
for _ in 1 2 3 4 5; do
    read -r wall _ init serve <<<"$(timed_run)"
    runs+=("$wall") inits+=("$init") serving+=("$serve")
done
build="n/a (no Docker daemon answers here)"
if docker info >/dev/null 2>&1; then
    docker build -q -t ungleich-bench-shop . >/dev/null # fills the cache
    build="$(seconds docker build -q -t ungleich-bench-shop .) s"
fi

printf '%-52s %s\n' "command" "wall time"
printf '%-52s %s s (runs: %s)\n' "ungleich-django dev --check (PostgreSQL included)" "$(median "${runs[@]}")" "${runs[*]}"
printf '%-52s %s s\n' "  of which /init twice at once (median)" "$(median "${inits[@]}")"
printf '%-52s %s s\n' "  of which /run until it answers (median)" "$(median "${serving[@]}")"
printf '%-52s %s s\n' "the first run, initdb included (no template yet)" "${cold%% *}"
printf '%-52s %s\n' "docker build, every layer cached (builds nothing)" "$build"
printf 'binary: %s build; machine: %s cores, load average %s\n' "$profile" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "budget: dev --check under 5 s"
