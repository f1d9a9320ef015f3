# shellcheck shell=bash
# All tests: the app's unit/DocType tests (bench run-tests) and the root tests/ (pytest: HTTP API,
# browser, security), on a test site restored fresh from the demo dump. Prints "N passed, N failed".

RESULTS_REL=".test-results"

run_unit_tests() {
	log "app tests: bench run-tests --app nonsaad_smart"
	# run-tests exits 0 on failures unless CI is set: always set it
	CI=1 as_bench "$BENCH" --site "$NONSAAD_TEST_SITE" run-tests --app nonsaad_smart \
		--junit-xml-output "$ROOT/$RESULTS_REL/unit.xml"
}

run_e2e_tests() {
	log "end-to-end tests: pytest tests/"
	as_bench env/bin/python -m pytest tests -p no:cacheprovider -q --junitxml "$ROOT/$RESULTS_REL/e2e.xml" \
		-m "not benchmark" "$@"
}

summarize_results() {
	as_bench env/bin/python bin/lib/summarize_junit.py "$ROOT/$RESULTS_REL"/*.xml
}

run_all_tests() {
	local started=$SECONDS
	setup_system
	setup_bench
	fresh_test_site
	start_server
	as_bench rm -rf "$RESULTS_REL"
	as_bench mkdir -p "$RESULTS_REL"
	local unit=0 e2e=0 summary=0
	run_unit_tests || unit=$?
	run_e2e_tests "$@" || e2e=$?
	[ -f "$ROOT/$RESULTS_REL/unit.xml" ] || { warn "the app tests wrote no report"; unit=1; }
	log "tests took $((SECONDS - started)) s (bench run-tests exit $unit, pytest exit $e2e)"
	summarize_results || summary=$?
	[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ] && [ "$summary" -eq 0 ]
}

run_benchmarks() {
	setup_bench
	start_server
	as_bench env/bin/python -m pytest tests/bench -p no:cacheprovider -q -s -m benchmark "$@"
}
