# Helpers for the install steps (sourced, not run).

# Installs Debian packages that are not installed yet; as root only.
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "missing Debian packages: ${missing[*]} (run .ci/install as root)" >&2
        return 1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Creates (or reuses) a Python venv at .tools/NAME and installs the given requirements into it.
venv_install() {
    local name=$1; shift
    local venv=".tools/$name"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$@"
}
