# The shells that load our completion scripts, mandoc for the man pages, and the C toolchain
# pieces git2's vendored libgit2 needs (pkg-config and OpenSSL headers for the https transport),
# and gdb, whose core dump at exit shows the tests that no secret is left in memory.
. .ci/lib.sh
apt_install zsh fish mandoc pkg-config libssl-dev git gdb
