#!/usr/bin/env bash
# Benchmark (not a test): commit and push one change to a loopback sshd, median wall time,
# `ungleich-django deploy --no-wait` next to `git commit && git push` on the same server.
# Budget: ungleich-django is no slower than the git program.
#
#   cargo build --release && bash benches/push.sh [RUNS]
#
# Needs sshd (openssh-server), ssh-keygen, git, hyperfine and python3: `.ci/install` as root.
# Each side pushes to its own bare repository on the same server, so neither has to fetch the
# other's commits. ungleich-django also fetches before every change (git here does not), so
# this measures our whole action against git's bare minimum.
set -euo pipefail

runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/ungleich-django"
[ -x "$bin" ] || { echo "build it first: cargo build --release" >&2; exit 1; }
for tool in /usr/sbin/sshd ssh-keygen git hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run .ci/install as root" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/ud-bench-XXXXXX)
trap 'kill $(cat "$tmp/sshd.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache" GIT_CONFIG_GLOBAL="$tmp/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1
unset SSH_AUTH_SOCK
# OpenSSH finds ~ through the password database, not $HOME: point git's ssh at the bench's files.
export GIT_SSH_COMMAND="ssh -F /dev/null -o UserKnownHostsFile=$HOME/.ssh/known_hosts -o IdentitiesOnly=yes -i $HOME/.ssh/id_ed25519"
mkdir -p "$HOME/.ssh" /run/sshd
printf '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n' > "$GIT_CONFIG_GLOBAL"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519"
cp "$HOME/.ssh/id_ed25519.pub" "$tmp/authorized_keys"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$tmp/hostkey.pub")" > "$HOME/.ssh/known_hosts"
cat > "$tmp/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
AuthorizedKeysFile $tmp/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PidFile $tmp/sshd.pid
MaxStartups 100
LogLevel ERROR
CONF
/usr/sbin/sshd -f "$tmp/sshd_config"
for _ in $(seq 50); do [ -s "$tmp/sshd.pid" ] && break; sleep 0.1; done

seed() {
    git init -q --bare "$tmp/$1.git"
    git init -q "$tmp/$1.seed"
    printf '# bench\nname: shop\nimage: registry.example.com/acme/shop:1.0\n' > "$tmp/$1.seed/app.yaml"
    git -C "$tmp/$1.seed" add app.yaml
    git -C "$tmp/$1.seed" commit -qm initial
    git -C "$tmp/$1.seed" push -q "$tmp/$1.git" main
}
seed ud
seed git

# ungleich-django: a source tree linked to the deploy repository over ssh; the first deploy
# makes the cached clone, as a user's first deploy does.
mkdir -p "$tmp/src"
printf 'app: shop\nnamespace: shop\ndeploy:\n  repo: ssh://root@127.0.0.1:%s%s\n  branch: main\n  path: .\n' \
    "$port" "$tmp/ud.git" > "$tmp/src/ungleich-django.yaml"
(cd "$tmp/src" && "$bin" deploy --tag warm --no-wait --quiet >/dev/null)

# git: a clone of the other repository, changed the same way.
git clone -q "ssh://root@127.0.0.1:$port$tmp/git.git" "$tmp/gitclone"

echo 0 > "$tmp/n"
next='n=$(($(cat '"$tmp"'/n)+1)); echo $n > '"$tmp"'/n'
hyperfine --warmup 3 --runs "$runs" --export-json "$tmp/result.json" \
    -n "ungleich-django deploy" \
    "sh -c '$next; cd $tmp/src && $bin deploy --tag v\$n --no-wait >/dev/null'" \
    -n "git commit && git push" \
    "sh -c '$next; cd $tmp/gitclone && sed -i \"s/^image: .*/image: registry.example.com\\/acme\\/shop:v\$n/\" app.yaml && git commit -qam \"deploy shop: v\$n\" && git push -q origin main'"

python3 - "$tmp/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
median = {r["command"]: r["median"] for r in results}
for name, value in median.items():
    print(f"median {name}: {value * 1000:.1f} ms")
ours, git = median["ungleich-django deploy"], median["git commit && git push"]
print(f"ratio ungleich-django / git: {ours / git:.2f} (budget: <= 1.00)")
sys.exit(0 if ours <= git else 1)
PY
