# shellcheck shell=bash
# Shared settings and small helpers for bin/nonsaad. Every setting can be overridden from the environment.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# --- where Frappe / ERPNext come from -------------------------------------------------------------
# A source is a git URL, a local folder or a tarball (.tar, .tar.gz, .tgz, .tar.zst).
# Default: the upstream repositories at pinned version-15 tags. A folder "$NONSAAD_CACHE/src/<app>"
# (or a tarball "$NONSAAD_CACHE/src/<app>.tar.*") wins over upstream: that is the offline install.
: "${NONSAAD_CACHE:=/var/cache/nonsaad}"
: "${NONSAAD_FRAPPE_REF:=v15.72.4}"
: "${NONSAAD_ERPNEXT_REF:=v15.71.1}"
: "${NONSAAD_FRAPPE_GIT:=https://github.com/frappe/frappe.git}"
: "${NONSAAD_ERPNEXT_GIT:=https://github.com/frappe/erpnext.git}"
: "${NONSAAD_FRAPPE_SRC:=}"
: "${NONSAAD_ERPNEXT_SRC:=}"

# --- the bench and its site -----------------------------------------------------------------------
: "${NONSAAD_USER:=frappe}"                 # non-root owner of the bench when run as root
: "${NONSAAD_SITE:=nonsaad.localhost}"      # the demo site (desk on http://localhost:8000)
: "${NONSAAD_TEST_SITE:=test.nonsaad.localhost}"  # restored fresh for every test run
: "${NONSAAD_PORT:=8000}"
: "${NONSAAD_SOCKETIO_PORT:=9000}"  # a second bench on this machine needs its own
: "${NONSAAD_TEST_PORT:=8001}"               # the test run's own server
: "${NONSAAD_ADMIN_PASSWORD:=admin}"        # demo only; set your own for a real install
: "${NONSAAD_DB_ROOT_USER:=root}"
: "${NONSAAD_DB_ROOT_PASSWORD:=}"
: "${NONSAAD_PYTHON:=/usr/bin/python3.11}"
: "${NONSAAD_BENCH_CLI_VERSION:=5.31.1}"

# Bumped when the way the bench is built changes: part of the cache key.
INSTALLER_VERSION=3

export SSL_CERT_FILE="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export UV_LINK_MODE=copy

BENCH_CLI_DIR="$NONSAAD_CACHE/tools/bench-cli"
BENCH="$BENCH_CLI_DIR/bin/bench"

log() { printf '\033[1;34m[nonsaad %(%H:%M:%S)T]\033[0m %s\n' -1 "$*" >&2; }
warn() { printf '\033[1;33m[nonsaad] warning:\033[0m %s\n' "$*" >&2; }
die() {
	printf '\033[1;31m[nonsaad] error:\033[0m %s\n' "$*" >&2
	exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# The user that owns and runs the bench: $NONSAAD_USER when we are root, else whoever runs us.
bench_user() { if is_root; then echo "$NONSAAD_USER"; else id -un; fi; }

# Run a command as the bench user with a clean, explicit environment (root's PATH holds pyenv shims
# the bench user cannot read).
as_bench() {
	local user home
	user="$(bench_user)"
	home="$(getent passwd "$user" | cut -d: -f6)"
	local envs=(
		"HOME=$home" "USER=$user" "LANG=C.UTF-8" "LC_ALL=C.UTF-8"
		"PATH=$ROOT/env/bin:$BENCH_CLI_DIR/bin:/usr/local/bin:/usr/bin:/bin"
		"SSL_CERT_FILE=$SSL_CERT_FILE" "PIP_DISABLE_PIP_VERSION_CHECK=1" "UV_LINK_MODE=copy"
		"CI=${CI:-}" "NONSAAD_SITE=$NONSAAD_SITE" "NONSAAD_TEST_SITE=$NONSAAD_TEST_SITE"
		"NONSAAD_PORT=$NONSAAD_PORT" "NONSAAD_SOCKETIO_PORT=$NONSAAD_SOCKETIO_PORT" "NONSAAD_TEST_PORT=$NONSAAD_TEST_PORT" "NONSAAD_ROOT=$ROOT"
		"NONSAAD_CANARY=${NONSAAD_CANARY:-}" "NONSAAD_MATRIX_USERS=${NONSAAD_MATRIX_USERS:-}"
		"NONSAAD_DEMO_PROCESSES=${NONSAAD_DEMO_PROCESSES:-}"
	)
	if is_root; then
		(cd "$ROOT" && runuser -u "$user" -- env -i "${envs[@]}" "$@")
	else
		(cd "$ROOT" && env -i "${envs[@]}" "$@")
	fi
}

# bench <args> as the bench user, from the bench root
run_bench() { as_bench "$BENCH" "$@"; }

sha_of() { sha256sum | cut -c1-16; }

# Hash of every file under the given paths (relative to ROOT), sorted, content + name.
hash_tree() {
	(cd "$ROOT" && find "$@" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 2>/dev/null \
		| sort -z | xargs -0 sha256sum) | sha_of
}
