# shellcheck shell=bash
# Sites: the demo site and the test site, created once and restored from a cached SQL dump after that.

# Everything that shapes the database: the bench, the app's schema and code (not its tests), the demo set.
site_key() {
	local app_hash
	app_hash=$(cd "$ROOT" && find apps/nonsaad_smart fixtures -type f \
		! -path '*/__pycache__/*' ! -path '*/.ruff_cache/*' ! -name '*.pyc' ! -name 'test_*.py' ! -path '*/tests/*' \
		! -name '*.md' \
		-print0 | sort -z | xargs -0 sha256sum | sha_of)
	echo "$BENCH_KEY $app_hash" | sha_of
}

site_dir() { echo "$ROOT/sites/$1"; }
site_db_name() { echo "_$(printf '%s' "$1" | sha1sum | cut -c1-16)"; }
dump_file() { echo "$NONSAAD_CACHE/site-$1.sql.zst"; }

# A site counts as there once it was completely created or restored (.nonsaad-key is written last).
site_exists() {
	local site="$1"
	[ -f "$(site_dir "$site")/.nonsaad-key" ] || return 1
	[ -n "$(db_root -N -e "show databases like '$(site_db_name "$site")'")" ]
}

# Create a site: Frappe + ERPNext from the base dump (made once per bench: new-site with ERPNext is the
# slow part), then install nonsaad_smart (its after_sync runs the ERPNext setup in code) and the demo data.
create_site() {
	local site="$1" base_key="base-$BENCH_KEY"
	if [ -f "$(dump_file "$base_key")" ]; then
		restore_site "$site" "$base_key"
	else
		new_erpnext_site "$site"
		save_site_dump "$site" "$base_key"
	fi
	log "$site: installing nonsaad_smart"
	run_bench --site "$site" install-app nonsaad_smart >"$ROOT/logs/install-$site.log" 2>&1 || {
		tail -40 "$ROOT/logs/install-$site.log"
		die "install-app nonsaad_smart on $site failed (logs/install-$site.log)"
	}
	load_demo "$site"
}

new_erpnext_site() {
	local site="$1" db
	db="$(site_db_name "$site")"
	log "$site: creating a Frappe + ERPNext site (once per bench), this takes a few minutes"
	drop_site_db "$site"
	as_bench rm -rf "sites/$site"
	local pw=()
	[ -n "$NONSAAD_DB_ROOT_PASSWORD" ] && pw=(--db-root-password "$NONSAAD_DB_ROOT_PASSWORD")
	# an empty root password is answered on stdin: frappe prompts for it when the option is empty
	printf '\n' | run_bench new-site "$site" --db-name "$db" --db-root-username "$NONSAAD_DB_ROOT_USER" "${pw[@]}" \
		--admin-password "$NONSAAD_ADMIN_PASSWORD" --install-app erpnext \
		>"$ROOT/logs/new-site-$site.log" 2>&1 || {
		tail -40 "$ROOT/logs/new-site-$site.log"
		die "new-site $site failed (logs/new-site-$site.log)"
	}
}

# One progress line per loader as it starts and ends (with its time); the whole output in logs/demo-<site>.log.
load_demo() {
	local site="$1" started=$SECONDS
	log "$site: loading the demo data set (fixtures/)"
	run_bench --site "$site" execute nonsaad_smart.demo.loader.load_demo_data \
		--kwargs "{'path': '$ROOT/fixtures'}" 2>&1 | tee "$ROOT/logs/demo-$site.log" \
		| sed -u -n -E 's/^(\[[0-9]+\/[0-9]+\] .*)$/    demo \1/p' >&2 || {
		tail -40 "$ROOT/logs/demo-$site.log"
		die "loading the demo data failed (logs/demo-$site.log)"
	}
	log "$site: demo data loaded in $((SECONDS - started)) s (per loader: logs/demo-$site.log)"
}

drop_site_db() {
	local db
	db="$(site_db_name "$1")"
	local host drop="DROP DATABASE IF EXISTS \`$db\`;"
	for host in localhost 127.0.0.1 %; do drop+=" DROP USER IF EXISTS '$db'@'$host';"; done
	db_root -e "$drop"
}

save_site_dump() {
	local site="$1" key="$2" file
	file="$(dump_file "$key")"
	log "$site: saving the database dump to $file"
	# the key is made on first use: make it now so restored copies can read encrypted fields
	run_bench --site "$site" execute frappe.utils.password.get_encryption_key >/dev/null
	mariadb-dump -h 127.0.0.1 -u"$NONSAAD_DB_ROOT_USER" ${NONSAAD_DB_ROOT_PASSWORD:+-p"$NONSAAD_DB_ROOT_PASSWORD"} \
		--single-transaction --quick "$(site_db_name "$site")" | zstd -q -T0 >"$file.$$.tmp" \
		&& "$NONSAAD_PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))['encryption_key'])" \
			"$(site_dir "$site")/site_config.json" >"$file.key" \
		&& mv "$file.$$.tmp" "$file"
	# app dumps only (site-<16 hex>.sql.zst): the Frappe + ERPNext base dump (site-base-…) is kept
	# (grep finds nothing on a new machine, where the base dump is the only one: not an error under pipefail)
	ls -1t "$NONSAAD_CACHE"/site-*.sql.zst 2>/dev/null | { grep -v '/site-base-' || true; } | tail -n +7 | xargs -r rm -f
}

# A NEW site from an SQL stream: its own database and user, an empty site folder and a site config with
# `key` as encryption key (so encrypted fields decrypt). `new_site_from_sql <site> <key> <command…>`: the
# command writes the SQL (zstd -dc dump, gzip -dc backup). Used by restore_site and restore_backup.
new_site_from_sql() {
	local site="$1" key="$2" db pw
	shift 2
	db="$(site_db_name "$site")"
	pw="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
	drop_site_db "$site"
	db_root -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER '$db'@'localhost' IDENTIFIED BY '$pw'; CREATE USER '$db'@'%' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON \`$db\`.* TO '$db'@'localhost'; GRANT ALL PRIVILEGES ON \`$db\`.* TO '$db'@'%';
		FLUSH PRIVILEGES;" || die "cannot create the database of $site"
	"$@" | db_root "$db" || die "loading the SQL of $site ($*) failed"
	as_bench rm -rf "sites/$site"
	as_bench mkdir -p "sites/$site/public/files" "sites/$site/private/files" "sites/$site/private/backups" \
		"sites/$site/logs" "sites/$site/locks"
	as_bench "$NONSAAD_PYTHON" -c 'import json,sys
json.dump({"db_name": sys.argv[2], "db_password": sys.argv[3], "db_type": "mariadb",
	"encryption_key": sys.argv[4]}, open(sys.argv[1], "w"), indent=1)' \
		"sites/$site/site_config.json" "$db" "$pw" "$key"
}

# Restore a site from a cached dump (with the dump's encryption key).
restore_site() {
	local site="$1" key="$2" file
	file="$(dump_file "$key")"
	log "$site: restoring the database from the cached dump"
	new_site_from_sql "$site" "$(cat "$file.key")" zstd -dc "$file"
	run_bench --site "$site" clear-cache >/dev/null
}

mark_site() { as_bench bash -c "echo '$2' > 'sites/$1/.nonsaad-key'"; }

# The demo site: kept between runs (its data is the municipality's), migrated when the app changed.
setup_site() {
	local site="$1" key
	key="$(site_key)"
	if site_exists "$site"; then
		if [ "$(cat "$(site_dir "$site")/.nonsaad-key" 2>/dev/null)" = "$key" ]; then
			log "$site is up to date"
		else
			SITE_CHANGED=1
			log "$site: migrating to the current app"
			run_bench --site "$site" migrate >"$ROOT/logs/migrate.log" 2>&1 || {
				tail -40 "$ROOT/logs/migrate.log"
				die "migrate failed (logs/migrate.log)"
			}
			load_demo "$site"
			mark_site "$site" "$key"
		fi
	elif [ -f "$(dump_file "$key")" ]; then
		SITE_CHANGED=1
		restore_site "$site" "$key"
		mark_site "$site" "$key"
	else
		SITE_CHANGED=1
		create_site "$site"
		save_site_dump "$site" "$key"
		mark_site "$site" "$key"
	fi
	run_bench --site "$site" enable-scheduler >/dev/null
}

# The test site: always a fresh copy of the demo database, so every run starts from the same state.
fresh_test_site() {
	local site="$NONSAAD_TEST_SITE" key
	key="$(site_key)"
	if [ -f "$(dump_file "$key")" ]; then
		restore_site "$site" "$key"
	else
		create_site "$site"
		save_site_dump "$site" "$key"
	fi
	run_bench --site "$site" set-config allow_tests true >/dev/null
	# links and PDFs (wkhtmltopdf fetches the print CSS) point at the test run's own server
	run_bench --site "$site" set-config host_name "http://$site:$NONSAAD_TEST_PORT" >/dev/null
	# the tests play the reverse proxy on 127.0.0.1: the client address is the X-Forwarded-For hop they
	# append (smart_core/client_ip.py); the demo site, with no proxy in front, trusts no header
	run_bench --site "$site" set-config --parse nonsaad_trusted_proxies '["127.0.0.1"]' >/dev/null
	mark_site "$site" "$key"
}
