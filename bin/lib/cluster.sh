# shellcheck shell=bash
# Issue 20: the stock distributed deployment on one machine (bin/lib/cluster.py, docs/deploy.md).

run_cluster() {
	# nginx comes from Debian (the project's apt step); the rest is the bench's own Python
	apt_install nginx-light
	as_bench env/bin/python bin/lib/cluster.py "$@"
}
