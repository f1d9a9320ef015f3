# shellcheck shell=bash
# Issue 20: one bench, many municipalities (docs/multi-site.md). A municipality is a site made from the
# Frappe + ERPNext base dump, with the app installed and its settings file applied: no code change, no
# Non Sa-at demo data.

# the bench as built (setup_bench wrote its key); a helper run as the bench user does not rebuild it
bench_ready_key() {
	[ -f "$ROOT/env/.nonsaad-key" ] || die "the bench is not built yet: run bin/nonsaad setup first"
	cat "$ROOT/env/.nonsaad-key"
}

settings_value() {
	"$NONSAAD_PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' "$1" "$2"
}

# the site config's nonsaad_municipality: what the installer needs before Smart Settings exist
municipality_config() {
	"$NONSAAD_PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
keys = ("municipality_name_th", "municipality_name_en", "short_name_th", "company_abbr", "district", "province", "postcode", "map_center_lat", "map_center_lng")
print(json.dumps({k: d[k] for k in keys if d.get(k)}, ensure_ascii=False))' "$1"
}

# what shapes the municipality's database: the app (site_key) and its settings file + boundary
municipality_key() {
	local file="$1" dir
	dir="$(dirname "$file")"
	{
		site_key
		cat "$file"
		local b
		for b in "$(settings_value "$file" boundary)" "$(settings_value "$file" logo)"; do
			[ -n "$b" ] && [ -f "$dir/$b" ] && cat "$dir/$b"
		done
	} | sha_of
}

# bin/nonsaad new-municipality <settings.json>: create (or re-create) the LAO's site. The database of
# a settings file already made with the same app is kept as a dump (NONSAAD_MUNICIPALITY_CACHE=0: never),
# so a second creation (the test run) restores it in seconds; the figures go to logs/municipality-<site>.txt.
new_municipality() {
	local file="${1:-}" site key t0=$SECONDS t_restore t_install t_apply
	[ -f "$file" ] || die "usage: bin/nonsaad new-municipality <settings.json>  (example: municipalities/yang-lo/settings.json)"
	file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
	site="$(settings_value "$file" site)"
	[[ "$site" =~ ^[a-z0-9][a-z0-9.-]*$ ]] || die "$file: \"site\" must be a host name such as yanglo.localhost"
	if [ "$site" = "$NONSAAD_SITE" ] || [ "$site" = "$NONSAAD_TEST_SITE" ]; then
		die "$site is the demo or the test site: give the new municipality a site of its own"
	fi
	BENCH_KEY="$(bench_ready_key)"
	key="municipality-$(municipality_key "$file")"
	# its dump is kept in the bench (the bench user writes it: the test run calls this as that user; the
	# machine's cache keeps the app dumps of every checkout and prunes them)
	local base_cache="$NONSAAD_CACHE" own_cache="$ROOT/sites/.nonsaad-cache"
	if [ "${NONSAAD_MUNICIPALITY_CACHE:-1}" = 1 ] && [ -f "$own_cache/site-$key.sql.zst" ]; then
		NONSAAD_CACHE="$own_cache" restore_site "$site" "$key"
		t_restore=$((SECONDS - t0))
		t_install=0
	else
		local base_key="base-$BENCH_KEY"
		[ -f "$(dump_file "$base_key")" ] || die "no Frappe + ERPNext base dump $(dump_file "$base_key"): run bin/nonsaad setup first"
		restore_site "$site" "$base_key"
		t_restore=$((SECONDS - t0))
		# the installer reads the municipality's names (ERPNext company, brand) from the site config
		run_bench --site "$site" set-config --parse nonsaad_municipality "$(municipality_config "$file")" >/dev/null
		log "$site: installing nonsaad_smart"
		owned_dir "$ROOT/logs"
		run_bench --site "$site" install-app nonsaad_smart >"$ROOT/logs/install-$site.log" 2>&1 || {
			tail -40 "$ROOT/logs/install-$site.log"
			die "install-app nonsaad_smart on $site failed (logs/install-$site.log)"
		}
		t_install=$((SECONDS - t0 - t_restore))
	fi
	# the names the brand and the ERPNext company are made from (also on a site restored from its dump)
	run_bench --site "$site" set-config --parse nonsaad_municipality "$(municipality_config "$file")" >/dev/null
	log "$site: applying $file"
	run_bench --site "$site" execute nonsaad_smart.smart_core.municipality.apply_settings_file \
		--kwargs "{'path': '$file'}" || die "applying $file to $site failed"
	t_apply=$((SECONDS - t0 - t_restore - t_install))
	if [ "${NONSAAD_MUNICIPALITY_CACHE:-1}" = 1 ] && [ ! -f "$own_cache/site-$key.sql.zst" ]; then
		as_bench mkdir -p "$own_cache"
		NONSAAD_CACHE="$own_cache" save_site_dump "$site" "$key"
	fi
	NONSAAD_CACHE="$base_cache"
	[ -n "${NONSAAD_MUNICIPALITY_HOST_NAME:-}" ] && run_bench --site "$site" set-config host_name "$NONSAAD_MUNICIPALITY_HOST_NAME" >/dev/null
	run_bench --site "$site" set-config --parse nonsaad_trusted_proxies '["127.0.0.1"]' >/dev/null
	run_bench --site "$site" enable-scheduler >/dev/null
	as_bench bash -c "echo '$key' > 'sites/$site/.nonsaad-municipality'"
	mark_site "$site" "$key"
	local size
	size="$(db_root -N -e "select round(sum(data_length + index_length) / 1048576, 1) from information_schema.tables where table_schema = '$(site_db_name "$site")'")"
	as_bench bash -c "printf 'site %s\nrestore_s %s\ninstall_s %s\napply_s %s\ntotal_s %s\ndb_mib %s\n' '$site' '$t_restore' '$t_install' '$t_apply' '$((SECONDS - t0))' '$size' > logs/municipality-$site.txt"
	log "$site: ready in $((SECONDS - t0)) s (restore ${t_restore} s, install ${t_install} s, settings ${t_apply} s; database ${size} MiB); served by any gunicorn of this bench with Host: $site"
}

# bin/nonsaad drop-municipality <site>: remove a site made by new-municipality (refuses any other)
drop_municipality() {
	local site="${1:-}"
	[ -n "$site" ] && [ -f "$(site_dir "$site")/.nonsaad-municipality" ] || die "$site was not made by bin/nonsaad new-municipality"
	drop_site_db "$site"
	as_bench rm -rf "sites/$site"
	log "$site: dropped"
}
