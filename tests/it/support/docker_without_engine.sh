#!/usr/bin/env bash
# `docker` for a machine where no Docker engine can run (this one): the calls `dev --postgres
# docker` makes (version, run, port, inspect, exec, logs, stop, rm), answered as the Docker CLI
# answers them, with a real PostgreSQL started by pg_ctl in place of the official image's
# container. It refuses what the real one would treat differently from what dev means (a
# published port off loopback, a value in an `--env` argument, an image it does not have) and
# records every call in $DOCKER_STATE/calls for the test to read.
set -euo pipefail
state=${DOCKER_STATE:?}
printf '%s\n' "$*" >> "$state/calls"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() {
    if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
container() { # id: its folder, or the CLI's error
    [ -d "$state/$1" ] || { echo "Error: No such container: $1" >&2; exit 1; }
    echo "$state/$1"
}

case "$1" in
version) echo "28.2.2-without-engine" ;;
run)
    shift
    publish= volume= envs=()
    while [ $# -gt 0 ]; do
        case "$1" in
        --detach) shift ;;
        --label) shift 2 ;;
        --publish) publish=$2; shift 2 ;;
        --env) envs+=("$2"); shift 2 ;;
        --volume) volume=$2; shift 2 ;;
        -*) echo "unknown flag: $1" >&2; exit 125 ;;
        *) break ;;
        esac
    done
    image=$1; shift
    [ "$publish" = 127.0.0.1::5432 ] || { echo "published off loopback: $publish" >&2; exit 125; }
    for e in "${envs[@]}"; do
        case "$e" in *=*) echo "a value in an argument: ${e%%=*}=…" >&2; exit 125 ;; esac
    done
    [ "$image" = "${DOCKER_IMAGES:-postgres:17}" ] || {
        echo "Unable to find image '$image' locally" >&2
        echo "docker: Error response from daemon: pull access denied for ${image%%:*}." >&2
        exit 125
    }
    id=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    dir=$state/$id
    mkdir -m 711 "$dir"
    data=${volume%%:*}
    [ -n "$data" ] || data=$dir/data
    mkdir -p "$data"
    [ "$(id -u)" != 0 ] || chown 65534:65534 "$dir" "$data"
    echo "$data" > "$dir/data"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" > "$dir/port"
    if [ ! -f "$data/PG_VERSION" ]; then
        # The image's entrypoint: trust on the socket, passwords over TCP.
        printf '%s\n' "$POSTGRES_PASSWORD" > "$dir/pw"
        [ "$(id -u)" != 0 ] || chown 65534 "$dir/pw"
        as_postgres "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile="$dir/pw" \
            --auth-local=trust --auth-host=scram-sha-256 $POSTGRES_INITDB_ARGS >/dev/null
        rm "$dir/pw"
        echo "host all all 0.0.0.0/0 scram-sha-256" >> "$data/pg_hba.conf"
    fi
    # Started without waiting, as a container's server comes up after `docker run` returns.
    (cd / && as_postgres "$bin/pg_ctl" -D "$data" -W -l "$dir/log" \
        -o "-p $port -h 127.0.0.1 -c unix_socket_directories= $*" start >/dev/null)
    echo "$id"
    ;;
port) echo "127.0.0.1:$(cat "$(container "$2")/port")" ;;
inspect)
    dir=$(container "${@: -1}")
    if as_postgres "$bin/pg_ctl" -D "$(cat "$dir/data")" status >/dev/null; then echo true; else echo false; fi
    ;;
exec) shift 2; "$bin/$1" "${@:2}" ;;
logs) tail -n 40 "$(container "${@: -1}")/log" ;;
stop) as_postgres "$bin/pg_ctl" -D "$(cat "$(container "${@: -1}")/data")" -m fast -w stop >/dev/null; echo "${@: -1}" ;;
rm)
    id=${*: -1}
    dir=$(container "$id")
    as_postgres "$bin/pg_ctl" -D "$(cat "$dir/data")" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    echo "$id"
    ;;
*) echo "docker without an engine does not know: $*" >&2; exit 1 ;;
esac
