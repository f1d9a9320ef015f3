# shellcheck shell=bash
# The server: `bench start` (Procfile: gunicorn web on :8000, socketio, scheduler, worker) in the background.

PIDFILE_REL="config/pids/bench-start.pid"

server_pid() {
	local f="$ROOT/$PIDFILE_REL"
	[ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

server_answers() {
	curl -fs -m 5 -o /dev/null -H "Host: ${1:-$NONSAAD_SITE}" "http://127.0.0.1:$NONSAAD_PORT/api/method/ping"
}

# Frappe keeps the built assets' file names (assets.json) in Redis under a key shared by every bench on the
# same Redis: a second bench on this machine (a CI clone, another checkout) built other file names, and a
# server reading them would link CSS that is not there (prints lose their style, wkhtmltopdf fails).
forget_shared_assets_cache() {
	local url
	url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("redis_cache", ""))' \
		"$ROOT/sites/common_site_config.json" 2>/dev/null || true)"
	[ -n "$url" ] && redis-cli -u "$url" DEL assets_json >/dev/null 2>&1 || true
}

start_server() {
	if server_pid >/dev/null && server_answers; then
		log "server already running on http://localhost:$NONSAAD_PORT"
		return 0
	fi
	stop_server quiet
	if curl -s -m 2 -o /dev/null "http://127.0.0.1:$NONSAAD_PORT/"; then
		die "port $NONSAAD_PORT is taken by another program"
	fi
	forget_shared_assets_cache
	log "starting the server (bench start) on http://localhost:$NONSAAD_PORT"
	as_bench bash -c "setsid nohup '$BENCH' start >logs/bench-start.log 2>&1 </dev/null & echo \$! > $PIDFILE_REL"
	local i
	for i in $(seq 1 90); do
		server_answers && { log "server is up"; return 0; }
		server_pid >/dev/null || break
		sleep 1
	done
	tail -30 "$ROOT/logs/bench-start.log" >&2
	die "the server did not come up (logs/bench-start.log)"
}

stop_server() {
	local pid
	if pid="$(server_pid)"; then
		[ "${1:-}" = quiet ] || log "stopping the server"
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
		local i
		for i in $(seq 1 20); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	rm -f "$ROOT/$PIDFILE_REL"
}

server_status() {
	if pid="$(server_pid)"; then
		echo "server: running (pid $pid), http://localhost:$NONSAAD_PORT"
		server_answers && echo "site $NONSAAD_SITE answers" || echo "site $NONSAAD_SITE does not answer"
	else
		echo "server: stopped"
	fi
}
