# shellcheck shell=bash
# All tests: the app's unit/DocType tests (bench run-tests) and the root tests/ (pytest: HTTP API,
# browser, security), on a test site restored fresh from the demo dump. Prints "N passed, N failed".

RESULTS_REL=".test-results/$NONSAAD_TEST_SITE"

run_unit_tests() {
	log "app tests: bench run-tests --app nonsaad_smart"
	# run-tests exits 0 on failures unless CI is set: always set it
	CI=1 as_bench "$BENCH" --site "$NONSAAD_TEST_SITE" run-tests --app nonsaad_smart \
		--junit-xml-output "$ROOT/$RESULTS_REL/unit.xml"
}

run_e2e_tests() {
	log "end-to-end tests: pytest tests/"
	as_bench env/bin/python -m pytest tests -p no:cacheprovider -q --tb=short --junitxml "$ROOT/$RESULTS_REL/e2e.xml" \
		-m "not benchmark and not reliability" "$@"
}

summarize_results() {
	as_bench env/bin/python bin/lib/summarize_junit.py "$ROOT/$RESULTS_REL"/*.xml
}

# The test server's socketio (live progress in the desk) listens on a port of its own.
: "${NONSAAD_TEST_SOCKETIO_PORT:=$((NONSAAD_TEST_PORT + 1000))}"

# A gunicorn of its own for the test run, on its own port, with the code as it is now; beside it a socketio
# server (realtime to the desk: gunicorn tells the desk its port, smart_core/realtime.py) and an RQ worker
# for the "long" queue (background jobs such as the allowance payment run; the "short" and "default" queues
# stay for the tests to drain themselves: tests/browser/roles.py run_background_jobs).
start_test_server() {
	local pidfile="$ROOT/config/pids/test-$NONSAAD_TEST_PORT.pid"
	stop_test_server
	forget_shared_assets_cache
	log "starting a test server on port $NONSAAD_TEST_PORT (socketio on $NONSAAD_TEST_SOCKETIO_PORT, worker for the long queue)"
	as_bench bash -c "cd sites && NONSAAD_REALTIME_PORT=$NONSAAD_TEST_SOCKETIO_PORT exec ../env/bin/gunicorn \
		--bind 127.0.0.1:$NONSAAD_TEST_PORT --workers 2 \
		--threads 4 --timeout 120 --pid '$pidfile' nonsaad_smart.wsgi:application \
		>>../logs/test-server-$NONSAAD_TEST_PORT.log 2>&1 &"
	# each a simple background command (no subshell holding our stdout), in a session of its own: its pid
	# file names the process group that stop_test_server ends
	as_bench bash -c "FRAPPE_SOCKETIO_PORT=$NONSAAD_TEST_SOCKETIO_PORT setsid node apps/frappe/socketio.js \
		>>logs/test-socketio-$NONSAAD_TEST_PORT.log 2>&1 </dev/null & echo \$! >'$ROOT/config/pids/test-socketio-$NONSAAD_TEST_PORT.pid'"
	as_bench bash -c "cd sites || exit 1; setsid ../env/bin/python -m frappe.utils.bench_helper frappe worker --queue long \
		>>../logs/test-worker-$NONSAAD_TEST_PORT.log 2>&1 </dev/null & echo \$! >'$ROOT/config/pids/test-worker-$NONSAAD_TEST_PORT.pid'"
	local i
	for i in $(seq 1 180); do
		curl -fs -m 5 -o /dev/null -H "Host: $NONSAAD_TEST_SITE" \
			"http://127.0.0.1:$NONSAAD_TEST_PORT/api/method/ping" && return 0
		sleep 1
	done
	tail -20 "$ROOT/logs/test-server-$NONSAAD_TEST_PORT.log" >&2
	die "the test server did not come up"
}

# Stop the test server (and its socketio and worker) and wait until it is gone (a new gunicorn refuses to
# start beside its pid file).
stop_test_server() {
	local pidfile="$ROOT/config/pids/test-$NONSAAD_TEST_PORT.pid" pid i helper
	for helper in socketio worker; do
		helper="$ROOT/config/pids/test-$helper-$NONSAAD_TEST_PORT.pid"
		[ -f "$helper" ] || continue
		pid="$(cat "$helper")"
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		rm -f "$helper"
	done
	[ -f "$pidfile" ] || return 0
	pid="$(cat "$pidfile")"
	kill "$pid" 2>/dev/null || true
	for i in $(seq 1 30); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$pidfile"
}

# A failing test must turn the run red: prove it on every run with a canary that fails on purpose.
check_red_on_failure() {
	if NONSAAD_CANARY=1 CI=1 as_bench "$BENCH" --site "$NONSAAD_TEST_SITE" run-tests \
		--module nonsaad_smart.tests.test_canary >"$ROOT/$RESULTS_REL/../canary-$NONSAAD_TEST_SITE.log" 2>&1; then
		die "a deliberately failing test did not fail the run: the test command cannot be trusted"
	fi
	log "checked: a failing test makes bench run-tests exit non-zero"
}

run_all_tests() {
	local started=$SECONDS
	setup_system
	setup_bench
	fresh_test_site
	start_test_server
	trap stop_test_server EXIT
	rm -rf "${ROOT:?}/$RESULTS_REL"
	owned_dir "$ROOT/$RESULTS_REL"
	local unit=0 e2e=0 summary=0
	run_unit_tests || unit=$?
	run_e2e_tests "$@" || e2e=$?
	[ -f "$ROOT/$RESULTS_REL/unit.xml" ] || { warn "the app tests wrote no report"; unit=1; }
	check_red_on_failure
	log "tests took $((SECONDS - started)) s (bench run-tests exit $unit, pytest exit $e2e)"
	summarize_results || summary=$?
	[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ] && [ "$summary" -eq 0 ]
}

# For quick loops while developing: a fresh test site and its server, left running, no tests run.
prepare_test_server() {
	setup_system
	setup_bench
	fresh_test_site
	start_test_server
	log "test site $NONSAAD_TEST_SITE is served on port $NONSAAD_TEST_PORT"
}

# Every benchmark in tests/bench on a fresh test site with its own server (like `test`); one summary table
# of every figure (tests/bench/conftest.py) is printed and written to logs/benchmark-<time>.txt/.json.
run_benchmarks() {
	local started=$SECONDS rc=0
	setup_system
	setup_bench
	fresh_test_site
	start_test_server
	trap stop_test_server EXIT
	owned_dir "$ROOT/logs"
	as_bench env/bin/python -m pytest tests/bench -p no:cacheprovider -q -s --tb=short -m benchmark "$@" || rc=$?
	log "benchmarks took $((SECONDS - started)) s (pytest exit $rc); figures in logs/benchmark-latest.txt"
	return "$rc"
}

# The long reliability runs (pytest marker `reliability`: backup + restore, …) on a fresh test site with its
# own server: `bin/nonsaad reliability` (docs/reliability.md). Not in `bin/nonsaad test` (the permission
# matrix run is, since it takes minutes no more).
run_reliability() {
	local started=$SECONDS rc=0
	setup_system
	setup_bench
	fresh_test_site
	start_test_server
	trap stop_test_server EXIT
	# the fuzzer with every bad value in every parameter (bin/nonsaad test runs its fast set)
	as_bench env NONSAAD_FUZZ=full env/bin/python -m pytest tests -p no:cacheprovider -q -s --tb=short \
		-m "reliability or fuzz" "$@" || rc=$?
	log "reliability runs took $((SECONDS - started)) s (pytest exit $rc)"
	return "$rc"
}

# ruff (Frappe style: tabs, double quotes, 110 columns) on the app, tests/, fixtures/ and bin/lib
run_lint() {
	local ruff_dir="$NONSAAD_CACHE/tools/ruff"
	if [ ! -x "$ruff_dir/bin/ruff" ]; then
		apt_install python3.11 python3.11-venv
		log "installing ruff"
		"$NONSAAD_PYTHON" -m venv "$ruff_dir" && "$ruff_dir/bin/pip" install -q "ruff~=0.8" || die "pip install ruff failed"
	fi
	log "lint: ruff check + ruff format --check"
	(cd "$ROOT" && "$ruff_dir/bin/ruff" check apps/nonsaad_smart tests fixtures bin/lib \
		&& "$ruff_dir/bin/ruff" format --check apps/nonsaad_smart tests fixtures bin/lib)
}
