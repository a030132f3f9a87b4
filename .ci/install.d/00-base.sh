# The shells that load our completion scripts, mandoc for the man pages, and the C toolchain
# pieces git2's vendored libgit2 needs (pkg-config and OpenSSL headers for the https transport).
. .ci/lib.sh
apt_install zsh fish mandoc pkg-config libssl-dev git
