# shellcheck shell=bash
# Issue 20: the stock distributed deployment on one machine (bin/lib/cluster.py, docs/deploy.md).

run_cluster() {
	# nginx comes from Debian (the project's apt step); the rest is the bench's own Python
	apt_install nginx-light
	local v envs=()
	for v in NONSAAD_CLUSTER_SOURCE NONSAAD_CLUSTER_PORT NONSAAD_CLUSTER_DB_PORT NONSAAD_CLUSTER_REDIS_PORT \
		NONSAAD_ADMIN_PASSWORD; do
		[ -n "${!v:-}" ] && envs+=("$v=${!v}")
	done
	as_bench env "${envs[@]}" env/bin/python bin/lib/cluster.py "$@"
}
