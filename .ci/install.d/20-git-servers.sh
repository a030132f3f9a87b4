# The git servers the GitOps tests start on loopback: OpenSSH's sshd (key auth; the package
# creates the privilege-separation user and /run/sshd that sshd needs), and git's own
# http-backend behind a small Python HTTPS server (python3 is in the base image; git ships
# http-backend). hyperfine runs benches/push.sh.
. .ci/lib.sh
apt_install openssh-server openssh-client openssl git hyperfine
mkdir -p /run/sshd
