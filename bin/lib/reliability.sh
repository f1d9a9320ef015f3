# shellcheck shell=bash
# Issue 18: backup and restore (docs/backup.md), the fault runs and the soak (docs/reliability.md).

# bench backup --with-files of a site; prints the four files (database, public files, private files,
# site config with the encryption key) as "<kind> <path>" lines.
backup_site() {
	local site="${1:-$NONSAAD_SITE}" dir before
	site_exists "$site" || die "no site $site"
	dir="$(site_dir "$site")/private/backups"
	before="$(date +%s)"
	log "$site: bench backup --with-files"
	run_bench --site "$site" backup --with-files >"$ROOT/logs/backup-$site.log" 2>&1 || {
		tail -20 "$ROOT/logs/backup-$site.log"
		die "bench backup failed (logs/backup-$site.log)"
	}
	local db
	db="$(find "$dir" -maxdepth 1 -name '*-database.sql.gz' -newermt "@$((before - 1))" | sort | tail -1)"
	[ -n "$db" ] || die "bench backup wrote no database file in $dir"
	local prefix="${db%-database.sql.gz}"
	echo "database $db"
	echo "files ${prefix}-files.tar"
	echo "private-files ${prefix}-private-files.tar"
	echo "site-config ${prefix}-site_config_backup.json"
}

# Restore a backup (its -database.sql.gz; the other files are found beside it) into a NEW site with its
# own database and user, the backup's encryption key (so Password fields decrypt) and its files.
restore_backup() {
	local backup="${1:-}" site="${2:-restored.localhost}" prefix key
	[ -f "$backup" ] || die "usage: bin/nonsaad restore <…-database.sql.gz> [new-site]"
	prefix="${backup%-database.sql.gz}"
	[ -f "$prefix-site_config_backup.json" ] || die "no $prefix-site_config_backup.json beside the backup"
	if site_exists "$site" && [ "${NONSAAD_RESTORE_OVERWRITE:-0}" != 1 ]; then
		die "site $site exists: restore into a new site (or set NONSAAD_RESTORE_OVERWRITE=1)"
	fi
	key="$("$NONSAAD_PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1])).get('encryption_key',''))" \
		"$prefix-site_config_backup.json")"
	[ -n "$key" ] || die "the backup's site config has no encryption_key: encrypted fields could not be read"
	log "$site: restoring $(basename "$backup")"
	new_site_from_sql "$site" "$key" gzip -dc "$backup"
	# the tars hold "<old site>/public/files/…" and "<old site>/private/files/…"
	local tar
	for tar in "$prefix-files.tar" "$prefix-private-files.tar"; do
		[ -f "$tar" ] || continue
		# members are "./<old site>/…" (bench backup tars a relative site path) or "<old site>/…"
		local strip=1
		tar -tf "$tar" | head -1 | grep -q '^\./' && strip=2
		as_bench tar -xf "$tar" -C "sites/$site" --strip-components=$strip
	done
	as_bench bash -c "basename '$backup' > 'sites/$site/.nonsaad-restored'"
	run_bench --site "$site" clear-cache >/dev/null
	log "$site: restored ($(gzip -dc "$backup" | wc -c) bytes of SQL); serve it or compare with: bin/nonsaad restore-check <old> $site"
}

# Remove a site made by restore_backup (its database, user and folder); refuses any other site.
drop_restored() {
	local site="${1:-}"
	[ -n "$site" ] && [ -f "$(site_dir "$site")/.nonsaad-restored" ] || die "$site was not made by bin/nonsaad restore"
	drop_site_db "$site"
	as_bench rm -rf "sites/$site"
	log "$site: dropped"
}

# Compare two sites: every app DocType's count and checksum of key fields, private files readable,
# Password fields decrypt (nonsaad_smart/tests/reliability.py). Exit 1 on a difference.
restore_check() {
	local old="$1" new="$2"
	as_bench env/bin/python bin/lib/restore_check.py "$old" "$new"
}

# A site of its own for the fault runs (its own MariaDB and Redis: bin/lib/faults.py)
run_faults() { as_bench env/bin/python bin/lib/faults.py "$@"; }

run_soak() { as_bench env/bin/python bin/lib/soak.py "$@"; }
