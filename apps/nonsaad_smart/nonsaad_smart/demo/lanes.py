"""The service loaders of the demo data set in parallel lanes: OS processes, each with its own frappe.init /
connect, its own transactions and commits (demo/loader.py runs the shared prefix first: settings,
villages, citizens, users).

Why processes: a loader waits on the database and Redis most of its time (docs/performance.md) and Frappe
keeps its state per process (frappe.local, flags, the DB connection), so two loaders can only overlap in two
processes. Each entry of the hook `nonsaad_demo_loaders` is a dotted path, or a dict

    {"method": "nonsaad_smart.smart_ems.demo.load", "after": ["nonsaad_smart.smart_karupan.demo.load"],
     "weight": 2}

`after`: the loaders it needs (their data, or a counter they share: two loaders numbering the same series
at once would give names that depend on the interleaving, so one waits for the other); `weight`: its
relative cost, to balance the lanes (the heaviest ready loader goes first to the lane that is free).
A loader starts when every loader it is `after` has committed. `NONSAAD_DEMO_PROCESSES` (default 2) is the
number of lanes; 1 loads one loader after the other, in hook order (each after those it needs).

Deterministic names: every series has its own counter (smart_core/naming.py), loaders that share a counter
are ordered by `after`, so a record's name does not depend on which lane ran what when
(smart_core/tests/test_demo_lanes.py compares a sequential and a parallel load).

Locks: each lane's transactions run READ COMMITTED. Under MariaDB's default REPEATABLE READ, a
`SELECT … FOR UPDATE` of a counter row that does not exist yet (`frappe.model.naming.getseries` of a new
prefix) locks the gap around it until the loader commits, and two lanes creating two new counters in the same
gap deadlock; READ COMMITTED takes no such gap locks, and a counter is still read and raised under its
row lock. A failed loader stops the load: the other lanes are stopped and the error names the lane's loader
with its traceback.
"""

import multiprocessing
import os
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

import frappe

DEFAULT_PROCESSES = 2


class DemoLoadError(Exception):
	"""A loader of a lane failed (its traceback is in the message)."""


@dataclass(frozen=True)
class Entry:
	method: str
	after: tuple[str, ...] = ()
	weight: float = 1.0
	order: int = 0  # its place in the hook

	@property
	def label(self) -> str:
		return self.method


def parse_entries(values: list) -> list[Entry]:
	"""The hook's entries (dotted paths or dicts) as Entry, checked: known `after` names, no cycle."""
	entries = []
	for order, value in enumerate(values):
		if isinstance(value, str):
			value = {"method": value}
		entries.append(
			Entry(
				method=value["method"],
				after=tuple(value.get("after") or ()),
				weight=float(value.get("weight", 1)),
				order=order,
			)
		)
	known = {e.method for e in entries}
	for entry in entries:
		unknown = set(entry.after) - known
		if unknown:
			raise DemoLoadError(f"{entry.method}: 'after' names no demo loader: {sorted(unknown)}")
	sequential_order(entries)  # raises on a cycle
	return entries


def hook_entries() -> list[Entry]:
	return parse_entries(frappe.get_hooks("nonsaad_demo_loaders") or [])


def ready(pending: list[Entry], done: set[str]) -> list[Entry]:
	return [e for e in pending if set(e.after) <= done]


def sequential_order(entries: list[Entry]) -> list[Entry]:
	"""Hook order, each loader after those it needs."""
	pending, done, order = sorted(entries, key=lambda e: e.order), set(), []
	while pending:
		can = ready(pending, done)
		if not can:
			raise DemoLoadError(f"demo loaders wait on each other: {[e.method for e in pending]}")
		order.append(can[0])
		done.add(can[0].method)
		pending.remove(can[0])
	return order


def next_entry(pending: list[Entry], done: set[str]) -> Entry | None:
	"""The heaviest loader whose `after` loaders have all committed (hook order between equals)."""
	can = ready(pending, done)
	return min(can, key=lambda e: (-e.weight, e.order)) if can else None


def processes() -> int:
	return max(1, int(os.environ.get("NONSAAD_DEMO_PROCESSES") or DEFAULT_PROCESSES))


# --- the parent: hands each free lane the next loader ----------------------------------------------------
@dataclass
class Lane:
	number: int
	process: multiprocessing.Process
	conn: object
	entry: Entry | None = None
	started: float = 0.0


def run_in_lanes(entries: list[Entry], count: int, root: Path, first: int, total: int) -> list[dict]:
	"""Load `entries` in `count` processes; returns one result per loader (label, seconds, sql, redis,
	lane, started/ended seconds after the lanes started) in the order they started. Raises DemoLoadError
	with the failed lane's traceback (the other lanes are stopped first)."""
	context = multiprocessing.get_context("spawn")  # a fresh interpreter: no connection shared with us
	site, sites_path = frappe.local.site, os.path.abspath(frappe.local.sites_path)
	lanes: list[Lane] = []
	for number in range(1, count + 1):
		parent, child = context.Pipe()
		process = context.Process(
			target=lane_main,
			args=(number, site, sites_path, str(root), frappe.local.lang, child),
			name=f"demo-lane-{number}",
		)
		process.start()
		child.close()
		lanes.append(Lane(number, process, parent))
	pending, done, results = list(entries), set(), []
	locks_before = innodb_lock_status()
	begun = time.perf_counter()
	index = first
	try:
		for lane in lanes:
			expect(lane, "ready")
		while pending or any(lane.entry for lane in lanes):
			for lane in lanes:
				if lane.entry is None and (entry := next_entry(pending, done)):
					pending.remove(entry)
					lane.entry, lane.started = entry, time.perf_counter() - begun
					lane.conn.send((index, total, entry.method))
					index += 1
			busy = [lane for lane in lanes if lane.entry]
			if not busy:
				raise DemoLoadError(f"no demo loader can start: {[e.method for e in pending]}")
			signalled = wait([lane.conn for lane in busy] + [lane.process.sentinel for lane in busy])
			for lane in busy:
				if lane.conn not in signalled and lane.process.sentinel not in signalled:
					continue
				result = expect(lane, "done")
				result.update(lane=lane.number, started_s=round(lane.started, 2))
				result["ended_s"] = round(time.perf_counter() - begun, 2)
				results.append(result)
				done.add(lane.entry.method)
				lane.entry = None
		for lane in lanes:
			lane.conn.send(None)
		for lane in lanes:
			expect(lane, "closed")
			lane.process.join(timeout=60)
		locks = {k: v - locks_before.get(k, 0) for k, v in innodb_lock_status().items()}
		print(
			f"demo lanes: {time.perf_counter() - begun:.1f} s; InnoDB row lock waits +{locks.get('waits', 0)}"
			f" ({locks.get('wait_ms', 0)} ms), deadlocks +{locks.get('deadlocks', 0)}"
			" (server-wide counters: other sites' work included)",
			flush=True,
		)
		for result in results:
			if result.get("slowest_sql_s", 0) >= 1:
				print(
					f"  slow query in {result['label']}: {result['slowest_sql_s']} s {result['slowest_sql']}"
				)
	finally:
		for lane in lanes:
			if lane.process.is_alive():
				lane.process.terminate()
				lane.process.join(timeout=10)
	return results


def innodb_lock_status() -> dict[str, int]:
	"""The server's row lock waits, their total time (ms) and deadlocks so far (global status)."""
	names = {
		"Innodb_row_lock_waits": "waits",
		"Innodb_row_lock_time": "wait_ms",
		"Innodb_deadlocks": "deadlocks",
	}
	rows = frappe.db.sql(
		"show global status where Variable_name in ('Innodb_row_lock_waits', 'Innodb_row_lock_time',"
		" 'Innodb_deadlocks')"
	)
	return {names[name]: int(value) for name, value in rows if name in names}


def expect(lane: Lane, kind: str) -> dict:
	"""The lane's next message, which must be `kind`; a failure or a dead lane raises DemoLoadError."""
	try:
		message = lane.conn.recv()
	except EOFError:
		lane.process.join(timeout=5)
		what = lane.entry.method if lane.entry else "starting"
		raise DemoLoadError(
			f"demo lane {lane.number} ({what}) ended without a word (exit code {lane.process.exitcode})"
		) from None
	if message[0] == "failed":
		raise DemoLoadError(f"demo lane {lane.number}: {message[1]} failed:\n{message[2]}")
	if message[0] != kind:
		raise DemoLoadError(f"demo lane {lane.number}: {kind} expected, got {message[0]}")
	return message[1] if len(message) > 1 else {}


# --- a lane: its own process, site connection and transactions ------------------------------------------
def lane_main(number: int, site: str, sites_path: str, root: str, lang: str, conn) -> None:
	"""A lane starts as the parent is after the shared prefix: its site, and its language (saving Smart
	Settings made it the site's, Thai: the texts loaders write, comments, notes, check results, follow it)."""
	os.chdir(sites_path)
	try:
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.local.lang = lang
		read_committed()
		from nonsaad_smart.demo import loader

		loader.start_load()
		with loader.quiet_load(), loader.counting_round_trips():
			conn.send(("ready",))
			while (task := conn.recv()) is not None:
				index, total, method = task
				try:
					result = loader.run_one(index, total, frappe.get_attr(method), Path(root), label=method)
				except Exception:
					frappe.db.rollback()
					conn.send(("failed", method, traceback.format_exc()))
					return
				conn.send(("done", result))
		loader.end_load()
		conn.send(("closed",))
	except Exception:
		conn.send(("failed", f"lane {number}", traceback.format_exc()))
	finally:
		if getattr(frappe.local, "db", None):
			frappe.db.close()
		frappe.destroy()


def read_committed() -> None:
	"""This connection's next transactions READ COMMITTED (no gap locks: see the module's docstring)."""
	frappe.db.sql("set session transaction isolation level read committed")
	frappe.db.commit()
