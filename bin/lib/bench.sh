# shellcheck shell=bash
# The bench itself: Frappe + ERPNext source, Python env, node modules, assets, and its warm cache.

# --- source --------------------------------------------------------------------------------------

# Print where an app's source comes from: explicit variable, else the local cache, else upstream git.
source_of() {
	local app="$1" explicit="$2" f
	if [ -n "$explicit" ]; then
		echo "$explicit"
		return
	fi
	[ -d "$NONSAAD_CACHE/src/$app" ] && { echo "$NONSAAD_CACHE/src/$app"; return; }
	for f in "$NONSAAD_CACHE/src/$app".tar*; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	echo "git"
}

# Copy (or clone) an app's source into apps/<app> and apply the offline patches. Idempotent.
fetch_app() {
	local app="$1" ref="$2" giturl="$3" explicit="$4"
	local src dest="$ROOT/apps/$app"
	src="$(source_of "$app" "$explicit")"
	if [ -f "$dest/.nonsaad-source" ] && [ "$(cat "$dest/.nonsaad-source")" = "$src@$ref" ]; then
		return 0
	fi
	log "$app: taking source from ${src/#git/$giturl@$ref}"
	rm -rf "$dest" && mkdir -p "$dest"
	case "$src" in
	git)
		git clone -q --depth 1 --branch "$ref" "$giturl" "$dest" \
			|| die "cannot clone $giturl@$ref; for an offline install put the source in $NONSAAD_CACHE/src/$app or set NONSAAD_${app^^}_SRC"
		;;
	*.tar | *.tar.gz | *.tgz | *.tar.zst)
		tar -xf "$src" -C "$dest" --strip-components=1 || die "cannot unpack $src"
		;;
	*)
		[ -d "$src" ] || die "$app source $src does not exist"
		cp -a "$src/." "$dest/"
		;;
	esac
	[ -f "$dest/pyproject.toml" ] || die "$dest has no pyproject.toml: not a Frappe app source"
	"$NONSAAD_PYTHON" "$ROOT/bin/lib/patch_source.py" "$dest" || die "patching $app failed"
	# bench and frappe ask git about each app (branch, version): give the copy a repository of its own
	if [ ! -d "$dest/.git" ]; then
		git -C "$dest" init -q -b version-15 && git -C "$dest" add -A \
			&& git -C "$dest" -c user.name=nonsaad -c user.email=nonsaad@localhost commit -qm "$app $ref" \
			|| die "git init of $dest failed"
	fi
	echo "$src@$ref" >"$dest/.nonsaad-source"
	if is_root; then chown -R "$(bench_user):" "$dest"; fi
}

app_version() { sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/apps/$1/$1/__init__.py"; }

# --- the key of everything built from the source (env, node modules, assets) ----------------------
bench_key() {
	{
		echo "installer=$INSTALLER_VERSION python=$("$NONSAAD_PYTHON" -V 2>&1) node=$(node -v)"
		echo "frappe=$(app_version frappe) erpnext=$(app_version erpnext)"
		cat "$ROOT/apps/nonsaad_smart/pyproject.toml" "$ROOT/tests/requirements.txt"
	} | sha_of
}

# a folder in the (root-owned) checkout that the bench user may write to
owned_dir() {
	mkdir -p "$1"
	is_root && chown "$(bench_user):" "$1"
	return 0
}

prepare_tree() {
	mkdir -p "$ROOT"/{apps,sites,logs,config/pids}
	is_root || return 0
	local d user
	user="$(bench_user)"
	for d in apps apps/nonsaad_smart sites logs config; do
		[ "$(stat -c %U "$ROOT/$d")" = "$user" ] || chown -R "$user:" "$ROOT/$d"
	done
	[ -d "$ROOT/env" ] && [ "$(stat -c %U "$ROOT/env")" != "$user" ] && chown -R "$user:" "$ROOT/env"
	chmod a+rx "$ROOT"
}

build_env() {
	log "building the Python env (frappe, erpnext, nonsaad_smart, test tools)"
	rm -rf "$ROOT/env"
	owned_dir "$ROOT/env"
	as_bench "$NONSAAD_PYTHON" -m venv env || die "venv failed"
	as_bench env/bin/pip install -q uv || die "pip install uv failed"
	local dev
	dev=$(sed -n '/^\[tool.bench.dev-dependencies\]/,/^\[/{s/^\([A-Za-z0-9_.-]*\) *= *"\(.*\)"$/\1\2/p}' \
		"$ROOT/apps/frappe/pyproject.toml")
	# setuptools < 81 keeps pkg_resources, which frappe's Dropbox integration imports at install
	# shellcheck disable=SC2086
	as_bench env/bin/uv pip install -q --python env/bin/python "setuptools<81" \
		-e apps/frappe -e apps/erpnext -e apps/nonsaad_smart -r tests/requirements.txt $dev \
		|| die "Python requirements failed"
}

build_node() {
	local app
	for app in frappe erpnext; do
		log "$app: yarn install"
		as_bench bash -c "cd apps/$app && yarn install --silent --non-interactive --network-timeout 300000" \
			|| die "yarn install in apps/$app failed"
	done
}

build_assets() {
	log "building front-end assets"
	run_bench build --production >"$ROOT/logs/build.log" 2>&1 || {
		tail -30 "$ROOT/logs/build.log"
		die "bench build failed (logs/build.log)"
	}
}

bench_cache_file() { echo "$NONSAAD_CACHE/bench-$1.tar.zst"; }

save_bench_cache() {
	local key="$1" file
	file="$(bench_cache_file "$key")"
	log "saving the built bench to $file"
	tar -C "$ROOT" --zstd -cf "$file.tmp" env apps/frappe apps/erpnext sites/assets \
		&& echo "$ROOT" >"$file.path" && mv "$file.tmp" "$file"
	# keep the two newest
	ls -1t "$NONSAAD_CACHE"/bench-*.tar.zst 2>/dev/null | tail -n +3 | xargs -r rm -f
}

# Paths are baked into venv scripts, .pth files and asset symlinks: rewrite them after a move.
relocate_bench() {
	local old="$1"
	[ "$old" = "$ROOT" ] && return 0
	log "relocating the cached bench from $old to $ROOT"
	grep -rlIF --exclude-dir=__pycache__ "$old" "$ROOT/env" | xargs -r sed -i "s#$old#$ROOT#g"
	local link target
	while IFS= read -r link; do
		target="$(readlink "$link")"
		[ "${target#"$old"}" != "$target" ] && ln -sfn "$ROOT${target#"$old"}" "$link"
	done < <(find "$ROOT/sites/assets" -maxdepth 1 -type l)
}

restore_bench_cache() {
	local key="$1" file
	file="$(bench_cache_file "$key")"
	[ -f "$file" ] || return 1
	log "restoring the built bench from $file"
	rm -rf "$ROOT/env" "$ROOT/sites/assets"
	owned_dir "$ROOT/env"
	as_bench tar -C "$ROOT" --zstd -xf "$file" || return 1
	as_bench bash -c "$(declare -f log relocate_bench); ROOT='$ROOT'; relocate_bench '$(cat "$file.path")'"
}

ensure_app_link() {
	# the app lives in this repository: make sure the env and the assets point at it
	local link="$ROOT/sites/assets/nonsaad_smart"
	if [ "$(readlink "$link")" != "$ROOT/apps/nonsaad_smart/nonsaad_smart/public" ]; then
		as_bench ln -sfn "$ROOT/apps/nonsaad_smart/nonsaad_smart/public" "$link"
	fi
}

setup_bench() {
	prepare_tree
	fetch_app frappe "$NONSAAD_FRAPPE_REF" "$NONSAAD_FRAPPE_GIT" "$NONSAAD_FRAPPE_SRC"
	fetch_app erpnext "$NONSAAD_ERPNEXT_REF" "$NONSAAD_ERPNEXT_GIT" "$NONSAAD_ERPNEXT_SRC"
	local key
	key="$(bench_key)"
	if [ -f "$ROOT/env/.nonsaad-key" ] && [ "$(cat "$ROOT/env/.nonsaad-key")" = "$key" ]; then
		log "bench is up to date ($key)"
	elif restore_bench_cache "$key"; then
		as_bench bash -c "echo $key > env/.nonsaad-key"
	else
		build_env
		build_node
		build_assets
		as_bench bash -c "echo $key > env/.nonsaad-key"
		save_bench_cache "$key"
	fi
	ensure_app_link
	BENCH_KEY="$key"
}
