# shellcheck shell=bash
# Machine-level setup: Debian packages, MariaDB, Redis, the bench user, yarn, the bench CLI.
# Every step checks first and changes nothing when the machine is already right.

APT_PACKAGES=(
	git curl ca-certificates build-essential pkg-config zstd cron
	python3.11 python3.11-dev python3.11-venv libffi-dev libssl-dev libmariadb-dev
	wkhtmltopdf fonts-thai-tlwg xfonts-75dpi poppler-utils
	chromium
)

need_root() { is_root || die "this step changes the machine: run bin/nonsaad as root (or with sudo)"; }

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
	done
}

apt_install() {
	local missing
	mapfile -t missing < <(missing_packages "$@")
	[ "${#missing[@]}" -eq 0 ] && return 0
	need_root
	log "installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || die "apt-get update failed"
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
		|| die "apt-get install ${missing[*]} failed"
}

db_root() { mariadb -h 127.0.0.1 -u"$NONSAAD_DB_ROOT_USER" ${NONSAAD_DB_ROOT_PASSWORD:+-p"$NONSAAD_DB_ROOT_PASSWORD"} "$@"; }

ensure_mariadb() {
	if ! mariadb-admin -h 127.0.0.1 -u"$NONSAAD_DB_ROOT_USER" ${NONSAAD_DB_ROOT_PASSWORD:+-p"$NONSAAD_DB_ROOT_PASSWORD"} \
		ping >/dev/null 2>&1; then
		apt_install mariadb-server mariadb-client
		log "starting MariaDB"
		if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
			systemctl start mariadb
		else
			start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
		fi
		local i
		for i in $(seq 1 30); do
			mariadb-admin -h 127.0.0.1 -u"$NONSAAD_DB_ROOT_USER" ping >/dev/null 2>&1 && break
			sleep 1
		done
	fi
	db_root -e "select 1" >/dev/null 2>&1 || die "cannot log in to MariaDB as $NONSAAD_DB_ROOT_USER (set NONSAAD_DB_ROOT_PASSWORD)"
	# Frappe needs utf8mb4. The conf file holds for the next restart; SET GLOBAL makes it true now.
	local conf=/etc/mysql/mariadb.conf.d/99-nonsaad.cnf
	if is_root && [ -d /etc/mysql/mariadb.conf.d ] && [ ! -f "$conf" ]; then
		cat >"$conf" <<-'EOF'
			[mysqld]
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci
			character-set-client-handshake = FALSE
			innodb_buffer_pool_size = 1G

			[mysql]
			default-character-set = utf8mb4
		EOF
	fi
	if [ "$(db_root -N -e 'select @@character_set_server')" != "utf8mb4" ]; then
		log "MariaDB: switching the server charset to utf8mb4"
		db_root -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';"
	fi
}

ensure_redis() {
	redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
	apt_install redis-server
	log "starting Redis on 127.0.0.1:6379"
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
		--dir /tmp --logfile /tmp/nonsaad-redis.log
	sleep 1
	redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis did not start"
}

ensure_node() {
	if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then
		apt_install nodejs npm
	fi
	command -v npm >/dev/null || apt_install npm
	if ! command -v yarn >/dev/null; then
		need_root
		log "installing yarn 1"
		npm install -g --silent yarn@1.22.22 >/dev/null || die "npm install -g yarn failed"
	fi
}

ensure_bench_user() {
	is_root || return 0
	id "$NONSAAD_USER" >/dev/null 2>&1 && return 0
	log "creating the bench user $NONSAAD_USER"
	useradd --create-home --shell /bin/bash "$NONSAAD_USER"
}

ensure_hosts() {
	# wkhtmltopdf fetches the print CSS from the site's own host name; glibc does not resolve *.localhost
	local host
	for host in "$NONSAAD_SITE" "$NONSAAD_TEST_SITE"; do
		getent hosts "$host" >/dev/null && continue
		need_root
		echo "127.0.0.1 $host" >>/etc/hosts
	done
}

ensure_bench_cli() {
	[ -x "$BENCH" ] && (cd / && "$BENCH" --version 2>/dev/null) | grep -q "$NONSAAD_BENCH_CLI_VERSION" && return 0
	log "installing the bench CLI $NONSAAD_BENCH_CLI_VERSION"
	mkdir -p "$(dirname "$BENCH_CLI_DIR")"
	"$NONSAAD_PYTHON" -m venv "$BENCH_CLI_DIR"
	"$BENCH_CLI_DIR/bin/pip" install -q "frappe-bench==$NONSAAD_BENCH_CLI_VERSION" || die "pip install frappe-bench failed"
	chmod -R a+rX "$BENCH_CLI_DIR"
}

setup_system() {
	apt_install "${APT_PACKAGES[@]}"
	ensure_mariadb
	ensure_redis
	ensure_node
	ensure_bench_user
	ensure_hosts
	mkdir -p "$NONSAAD_CACHE" && chmod a+rx "$NONSAAD_CACHE"
	ensure_bench_cli
}
