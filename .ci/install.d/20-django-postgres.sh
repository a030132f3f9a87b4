# The end-to-end contract test (tests/it/contract.rs): a real Django project served by the
# generated /init, /run and /async against a real PostgreSQL the test starts itself.
# Debian's postgresql gives initdb/pg_ctl/postgres; the venv gives Django, the ORM-broker worker
# (django-q2), the servers the scripts exec (gunicorn, uvicorn) and the driver (psycopg).
. .ci/lib.sh
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
fi
apt_install python3 python3-venv util-linux
venv_install venv-django "django>=5.1,<6" "django-q2>=1.7" "gunicorn>=23" "uvicorn>=0.30" "psycopg[binary]>=3.2"
