# Secrets: an independent unsealer (PyPI kubesealpy, which needs cryptography >= 41) proves that
# what we seal is what the SealedSecrets controller unseals; openssl makes the test certificates
# and hyperfine runs benches/secret-set.sh. aes-gcm-rsa-oaep pins cryptography < 38, so it must
# never share this venv.
. .ci/lib.sh
apt_install openssl hyperfine python3-venv
venv_install kubesealpy "kubesealpy==1.0.1" "cryptography>=41"
