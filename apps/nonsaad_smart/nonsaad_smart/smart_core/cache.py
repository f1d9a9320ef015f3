"""Process caches of what every request reads (the municipal boundary and the villages as prepared
geometry, holiday lists…), kept in step with the database by a generation counter per DocType in Redis.

    from nonsaad_smart.smart_core.cache import cached
    villages = cached("villages", ("Village",), build_villages)

`cached` returns the value built in this process while the generations of `doctypes` are unchanged (one
Redis MGET per request or job, see `generations`), and builds it again after any change. A change of a record of a WATCHED DocType
(doc_events "*": on_change, on_trash, after_delete, after_rename) raises its generation at once and again
after the commit (another worker may have rebuilt from the old rows in between) and after a rollback.
Bulk writes that bypass the controllers (demo loaders) call `bump(doctype)` themselves.
"""

import frappe

# DocTypes whose changes invalidate process caches; a module may add its own (cached(..., doctypes))
WATCHED = {"Village", "Smart Settings", "Holiday List", "Service Type"}
_VALUES: dict[tuple[str, str], tuple[tuple, object]] = {}


def _key(doctype: str) -> str:
	return frappe.cache.make_key(f"nonsaad_gen:{doctype}")


def _memo() -> dict:
	"""This request's generations (a job's or a console's when there is no request): owned by the request
	object, so a server that keeps frappe.local between requests still reads them once per request."""
	owner = getattr(frappe.local, "request", None)
	memo = getattr(frappe.local, "nonsaad_generations", None)
	if memo is None or memo[0] is not owner:
		memo = frappe.local.nonsaad_generations = (owner, {})
	return memo[1]


def generations(doctypes) -> tuple:
	"""The generations of `doctypes`, read from Redis once per request or job (one MGET, with every WATCHED
	DocType): a citizen's report reads six caches, which cost six MGETs before. A bump made in this
	process updates the request's memo at once; another process's bump is seen from the next request."""
	memo = _memo()
	if missing := [d for d in doctypes if d not in memo]:
		names = sorted({*missing, *WATCHED} - memo.keys())
		values = frappe.cache.mget([_key(d) for d in names])
		memo.update({d: int(v) if v else 0 for d, v in zip(names, values, strict=True)})
	return tuple(memo[d] for d in doctypes)


def cached(name: str, doctypes, build):
	"""`build()` once per process and generation of `doctypes` (WATCHED, or bumped by the caller)."""
	doctypes = tuple(doctypes)
	version = generations(doctypes)
	key = (frappe.local.site, name)
	hit = _VALUES.get(key)
	if hit and hit[0] == version:
		return hit[1]
	value = build()
	_VALUES[key] = (version, value)
	return value


def bump(doctype: str) -> None:
	_memo()[doctype] = int(frappe.cache.incr(_key(doctype)))


def bump_all() -> None:
	for doctype in WATCHED:
		bump(doctype)


def on_doc_change(doc, method=None, *args) -> None:
	"""doc_events "*": a set lookup for every other DocType."""
	doctype = doc.doctype
	if doctype not in WATCHED:
		return
	bump(doctype)
	after_transaction(f"gen:{doctype}", lambda: bump(doctype))


def after_transaction(key: str, fn) -> None:
	"""Run `fn` after this transaction ends, committed or rolled back; once per `key` per transaction
	(a loader saving 500 records of a DocType queues one call, not 500)."""
	pending = frappe.flags.setdefault("nonsaad_after_transaction", set())
	if key in pending:
		return
	pending.add(key)

	def run():
		pending.discard(key)
		fn()

	frappe.db.after_commit.add(run)
	frappe.db.after_rollback.add(run)
