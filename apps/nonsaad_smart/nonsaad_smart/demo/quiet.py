"""Per-record work the demo load does once (demo/loader.py `quiet_load` enters `per_record_work_once`).

The records written are the same: only reads the database would answer the same way, messages nobody
receives and cache round trips whose result is the same are left out or done once.

- **Point reads once per transaction** (`reads_once`): `frappe.db.get_value(doctype, name, ...)` (and so
  `exists`, the link checks of every insert and save, `get_doc`) asked again for the same row and fields
  with no write to that table since, in the same transaction, is answered from memory. MariaDB's
  REPEATABLE READ gives a transaction the same answer for the same plain read; its own writes are the only
  change it would see, and any write statement on the table (INSERT, UPDATE, DELETE: through
  `frappe.db.sql`, as every Frappe write and bulk insert is) forgets that table's reads; COMMIT, ROLLBACK
  (also to a savepoint) and any other statement (DDL) forget all. Locking reads (`for_update`) and reads of
  Singles always go to the database.
- **No realtime messages** (`frappe.publish_realtime`): every save queues a `doc_update` and a `list_update`
  for the desk's open forms and lists, published after the commit; nobody watches a site being loaded
  (the queue of a big transaction is also scanned once per message it adds).
- **Document cache**: each save deletes the record's cached copy in Redis at once and again after the commit,
  one DEL per save each time; while loading the DELs after the commit are one DEL of every key saved in
  the transaction (the DEL at once stays: other processes, e.g. the other lanes, read the cache).
- **A user's caches**: a User's save and each default set for a user clear ≈ 20 Redis hashes of that user,
  one HDEL each; while loading the same HDELs go in one pipelined round trip (the process's local copies
  are dropped as Frappe drops them).
- **Global search queue**: each save pushes one entry to Redis; while loading they are pushed together at
  each commit, in the same order (one LPUSH per 500).
"""

import json
import re
from contextlib import ExitStack, contextmanager

import frappe
import redis

WRITES = ("insert", "update", "delete", "replace")
# statements that end or keep the transaction's snapshot (anything else, e.g. DDL, forgets every read)
KEEPS_READS = ("select", "(select", "with", "show", "desc", "explain", "savepoint", "release", "set ")
TABLE = re.compile(r"`tab([^`]+)`|\btab(\w+)")
# one record's UPDATE as Frappe's db_update (`%s`) and set_value (`%(param3)s`) write it
ONE_ROW_UPDATE = re.compile(
	r"\s*UPDATE `tab([^`]+)`\s+SET\s(.*)\sWHERE `name`\s*=\s*%(?:\((\w+)\))?s\s*$", re.S | re.I
)
# Database.get_values' parameters after fieldname, in order
POSITIONAL = ("ignore", "as_dict", "debug", "order_by", "update", "cache", "for_update")


@contextmanager
def per_record_work_once():
	with ExitStack() as stack:
		stack.enter_context(reads_once())
		stack.enter_context(no_realtime())
		stack.enter_context(document_cache_once())
		stack.enter_context(global_search_batched())
		stack.enter_context(user_cache_in_one_round_trip())
		yield


@contextmanager
def reads_once():
	db = frappe.db
	sql, get_values = db.sql, db.get_values
	reads: dict[str, dict] = {}  # doctype -> {key: result}
	stats = {"hits": 0, "misses": 0}

	def forget(query, values) -> None:
		text = str(query).lstrip().lower()
		if text.startswith(WRITES):
			if (row := ONE_ROW_UPDATE.match(str(query))) and (name := _updated_name(row, values)) is not None:
				# Frappe's save and set_value of one record (UPDATE … WHERE `name`=…): that row's reads only
				table = reads.get(row.group(1)) or {}
				for key in [k for k in table if k[0].casefold() == name]:
					del table[key]
				return
			for quoted, bare in TABLE.findall(str(query)):
				reads.pop(quoted or bare, None)
		elif not text.startswith(KEEPS_READS):
			reads.clear()  # commit, rollback (to a savepoint too), start transaction, DDL…

	def sql_forgetting(query, values=(), *args, **kwargs):
		forget(query, values)
		return sql(query, values, *args, **kwargs)

	def get_values_once(doctype, filters=None, fieldname="name", *args, **kwargs):
		if len(args) > len(POSITIONAL):
			return get_values(doctype, filters, fieldname, *args, **kwargs)
		kwargs.update(zip(POSITIONAL, args, strict=False))  # get_value passes ignore, as_dict… by position
		if not (
			isinstance(filters, str)
			and filters != doctype
			and not kwargs.get("for_update")
			and not kwargs.get("debug")
			and kwargs.get("update") is None
			and kwargs.get("run", True)
		):
			return get_values(doctype, filters, fieldname, **kwargs)
		fields = tuple(fieldname) if isinstance(fieldname, list | tuple) else fieldname
		key = (filters, fields, tuple(sorted((k, repr(v)) for k, v in kwargs.items() if k != "cache")))
		table = reads.setdefault(doctype, {})
		if key in table:
			stats["hits"] += 1
			return _copy(table[key])
		stats["misses"] += 1
		result = get_values(doctype, filters, fieldname, **kwargs)
		if doctype in reads:  # not forgotten by a write while it was read
			reads[doctype][key] = _copy(result)
		return result

	db.sql, db.get_values = sql_forgetting, get_values_once
	frappe.flags.nonsaad_reads_once = stats
	try:
		yield stats
	finally:
		for name, fn in (("sql", sql_forgetting), ("get_values", get_values_once)):
			if db.__dict__.get(name) is fn:
				del db.__dict__[name]
		frappe.flags.nonsaad_reads_once = None


def _updated_name(match, values) -> str | None:
	"""The `name` an UPDATE of one row sets (its last positional value or its named parameter), casefolded."""
	if "`name`" in match.group(2) or " where " in match.group(2).lower():
		return None  # a rename, or a condition of its own: the whole table's reads are forgotten
	param = match.group(3)
	try:
		name = values[param] if param else values[-1]
	except (KeyError, IndexError, TypeError):
		return None
	return name.casefold() if isinstance(name, str) else None


def _copy(result):
	"""Rows as new objects (callers may change the dicts they get)."""
	if isinstance(result, list):
		return [frappe._dict(row) if isinstance(row, dict) else row for row in result]
	return result


@contextmanager
def no_realtime():
	from frappe import realtime

	framework = frappe.publish_realtime

	def publish_realtime(*args, **kwargs):
		"""nobody watches a site being loaded"""

	frappe.publish_realtime = realtime.publish_realtime = publish_realtime
	try:
		yield
	finally:
		frappe.publish_realtime = realtime.publish_realtime = framework


@contextmanager
def document_cache_once():
	framework_clear = frappe.clear_document_cache
	pending: set[str] = set()

	def clear_document_cache(doctype, name=None):
		if name is None or doctype in ("System Settings", "Website Settings"):
			return framework_clear(doctype, name)
		key = frappe.get_document_cache_key(doctype, name)
		frappe.cache.delete_value(key)  # at once, as Frappe does (other processes, lanes, read Redis)
		if not pending:  # and once more at the end of the transaction, for every record saved in it
			frappe.db.after_commit.add(flush)
			frappe.db.after_rollback.add(flush)
		pending.add(key)

	def flush():
		keys = list(pending)
		pending.clear()
		frappe.cache.delete_value(keys)  # one DEL of every key

	frappe.clear_document_cache = clear_document_cache
	try:
		yield
	finally:
		frappe.clear_document_cache = framework_clear
		if pending:
			flush()


@contextmanager
def global_search_batched():
	from frappe.utils import global_search

	framework = global_search.sync_value_in_queue
	queued: list = []

	def sync_value_in_queue(value):
		if not queued:  # pushed at the end of the transaction, committed or not (as Frappe pushes at once)
			frappe.db.after_commit.add(push)
			frappe.db.after_rollback.add(push)
		queued.append(json.dumps(value))

	def push():
		values, queued[:] = list(queued), []
		key = frappe.cache.make_key("global_search_queue")
		for start in range(0, len(values), 500):
			redis.Redis.lpush(frappe.cache, key, *values[start : start + 500])

	global_search.sync_value_in_queue = sync_value_in_queue
	try:
		yield
	finally:
		push()
		global_search.sync_value_in_queue = framework


@contextmanager
def user_cache_in_one_round_trip():
	from frappe import cache_manager

	framework = cache_manager.clear_user_cache

	def clear_user_cache(user=None):
		if not user:
			return framework(user)
		from frappe.desk.notifications import clear_notifications

		clear_notifications(user)
		cache = frappe.cache
		hashes = [*cache_manager.user_cache_keys]
		fields = {name: [user] for name in hashes}
		fields["defaults"] = [user, *cache_manager.common_default_keys]  # clear_defaults_cache(user)
		pipe = redis.Redis.pipeline(cache, transaction=False)
		for name, keys in fields.items():
			full = cache.make_key(name)
			local = frappe.local.cache.get(full)
			for key in keys:
				if isinstance(local, dict):
					local.pop(key, None)  # as RedisWrapper.hdel drops the process's copy
				pipe.hdel(full, key)
		pipe.execute()
		from nonsaad_smart.demo.loader import ROUND_TRIPS

		ROUND_TRIPS["redis"] += 1  # the pipeline is one round trip (the counter sees no command of it)
		cache.delete_keys("user:" + user)

	cache_manager.clear_user_cache = clear_user_cache
	try:
		yield
	finally:
		cache_manager.clear_user_cache = framework
