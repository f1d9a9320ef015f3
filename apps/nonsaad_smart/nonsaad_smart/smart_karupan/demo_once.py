"""What Smart Karupan's demo loader asks or does once instead of once per document (smart_karupan.demo):
the answers and the data written are the same, only repeated round trips are left out. Each context
manager puts Frappe's and ERPNext's functions back when it ends.

- `site_cache_cleared_once`: ERPNext's `Employee.on_update` clears every cache of the site (≈ 300 queries
  and 100 Redis commands to rebuild them) for each new employee: cleared once after the last one;
- `no_realtime`: nothing listens to the realtime events of a load (no desk is open on a site being set up);
- `series_counted_in_process`: the naming series of the asset, its movement and its schedule (and the
  municipal asset code) are counted in the process after their first read, which locks the series row
  (SELECT … FOR UPDATE, held until the transaction ends, so no other process can number from it
  meanwhile) and written back once before the transaction commits: the same names, and the same counter
  in tabSeries, without two queries per name;
- `values_read_once`: `frappe.db.get_value` of a record by name, for DocTypes the asset loop does not
  write (company, item, asset category, employee, cost center, location, department, finance book) –
  the link checks and ERPNext's checks of each asset – is asked once per record and field list; a write
  statement on one of those tables while it is on forgets what was read;
- `new_assets_known`: what ERPNext and the app ask the database about an asset being inserted in the
  block – its depreciation schedules (4 lookups per asset, made while only the block writes them), whether
  it has an activity yet (never: the block's activities are written at its end), whether its municipal
  code is taken, and its name, docstatus, company and asset name once its row is written (the link checks
  of its movement and schedule) – is answered from the documents the block wrote, the same answer the
  database gives, and so are its receipt movement's "latest movement of the asset" (that movement: the
  only one of a new asset) and the asset's custodian and location it compares (kept on the document);
  ERPNext's `db_set` of its finance book row before the row is written (an UPDATE of no
  row: the value goes in with the row) is not sent;
- `schedule_rows_in_one_insert`: the rows of a new depreciation schedule (one per fiscal year left) are
  written with one multi-row INSERT right after the schedule's own row, where Frappe's insert writes them
  one by one (the same rows and values: they are checked by the schedule's validation as before);
- `document_cache_cleared_once`: Frappe clears the cached copy of a document (a Redis DEL, and again
  after the commit) on every save or `db_set` of it: 10 per asset, for documents nobody has cached (they
  are new). A key cached in this process is still cleared at once; the others are cleared together when
  the block ends and again after the commit or rollback, as Frappe does.
"""

import copy
import re
from contextlib import contextmanager

import frappe
from frappe.utils import cint


def patched(owner, name: str, function):
	"""Set owner.name to function; returns what puts the attribute back as it was (own or inherited)."""
	own = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name)
	setattr(owner, name, function)
	if isinstance(owner, type) and own is None:
		return lambda: delattr(owner, name)
	return lambda: setattr(owner, name, own)


@contextmanager
def site_cache_cleared_once():
	"""`frappe.clear_cache()` of the whole site (no user, no doctype) is done once when the block ends,
	not once per call inside it; a user's or a DocType's cache is still cleared at once."""
	original = frappe.clear_cache
	asked = []

	def clear_cache(user=None, doctype=None):
		if user or doctype:
			return original(user=user, doctype=doctype)
		asked.append(True)

	restore = patched(frappe, "clear_cache", clear_cache)
	try:
		yield
	finally:
		restore()
		if asked:
			original()


@contextmanager
def no_realtime():
	"""`frappe.publish_realtime` does nothing inside the block (nobody listens while the demo loads)."""
	restore = patched(frappe, "publish_realtime", lambda *args, **kwargs: None)
	try:
		yield
	finally:
		restore()


@contextmanager
def series_counted_in_process():
	"""`frappe.model.naming.getseries` counted in the process: the first call for a key reads the row as
	Frappe does (SELECT … FOR UPDATE, or INSERT of a new series: the row stays locked until the
	transaction ends), later calls count on from it; the counters are written before the transaction
	commits (and forgotten on a rollback, which also undoes the first read's INSERT). Names and the
	final counters are the same as Frappe's own getseries gives."""
	from frappe.model import naming

	original = naming.getseries
	counters: dict[str, list[int]] = {}  # key -> [current, current as written to tabSeries]

	def write_counters():
		series = frappe.qb.DocType("Series")
		for key, (current, written) in counters.items():
			if current != written:
				frappe.qb.update(series).set(series.current, current).where(series.name == key).run()
		counters.clear()

	def getseries(key, digits):
		if key not in counters:
			if not counters:
				frappe.db.before_commit.add(write_counters)
				frappe.db.after_rollback.add(counters.clear)
			current = cint(original(key, digits))
			counters[key] = [current, current]
		else:
			counters[key][0] += 1
		return ("%0" + str(digits) + "d") % counters[key][0]

	restore = patched(naming, "getseries", getseries)
	try:
		yield
	finally:
		restore()
		write_counters()


# DocTypes the asset loop reads by name and never writes (the assets' company, item, category, custodian,
# cost center, location, department and finance book)
READ_ONLY_WHILE_LOADING = (
	"Company",
	"Item",
	"Asset Category",
	"Employee",
	"Cost Center",
	"Location",
	"Department",
	"Finance Book",
)


# SELECTs on these tables only (ERPNext's fiscal years of a company, asked for every depreciation schedule:
# an empty answer is not cached by ERPNext) are sent once per query text and values
QUERIES_READ_ONCE = "`tabFiscal Year`"
QUERY_TABLES = frozenset(("`tabFiscal Year`", "`tabFiscal Year Company`"))
TABLE = re.compile(r"`tab[^`]+`")


@contextmanager
def values_read_once(doctypes=READ_ONLY_WHILE_LOADING):
	"""`frappe.db.get_value(doctype, name, fields)` of the given DocTypes, and SELECTs of the fiscal years,
	answered from what was read before (a copy) inside the block. Any INSERT/UPDATE/DELETE/REPLACE sent
	on one of their tables forgets every answer, so a change made inside the block is read again."""
	db = frappe.db
	get_value, sql = db.get_value, db.sql
	tables = tuple(f"`tab{doctype}`" for doctype in doctypes) + tuple(QUERY_TABLES)
	kept: dict = {}

	def read_once(doctype, filters=None, fieldname="name", *args, **kwargs):
		if doctype not in doctypes or not isinstance(filters, str) or args or kwargs.get("for_update"):
			return get_value(doctype, filters, fieldname, *args, **kwargs)
		key = (doctype, filters, repr(fieldname), repr(sorted(kwargs.items())))
		if key not in kept:
			kept[key] = get_value(doctype, filters, fieldname, **kwargs)
		return copy.deepcopy(kept[key])

	def sql_watched(query, *args, **kwargs):
		text = str(query)
		verb = text.lstrip()[:7].upper()
		if verb.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
			if kept and any(table in text for table in tables):
				kept.clear()
		elif (
			verb.startswith("SELECT")
			and set(TABLE.findall(text)) <= QUERY_TABLES
			and QUERIES_READ_ONCE in text
		):
			if "FOR UPDATE" in text.upper():
				return sql(query, *args, **kwargs)
			key = ("sql", text, repr(args), repr(sorted(kwargs.items())))
			if key not in kept:
				kept[key] = sql(query, *args, **kwargs)
			return copy.deepcopy(kept[key])
		return sql(query, *args, **kwargs)

	db.get_value = read_once
	own_sql = db.__dict__.get("sql")
	db.sql = sql_watched
	try:
		yield
	finally:
		db.__dict__.pop("get_value", None)
		if own_sql is not None:
			db.sql = own_sql
		else:
			db.__dict__.pop("sql", None)


@contextmanager
def document_cache_cleared_once():
	"""`frappe.clear_document_cache(doctype, name)` of a document not cached in this process is done
	together with the others when the block ends (one Redis DEL), and again after the commit or rollback;
	a document cached in this process (its copy is in `frappe.local.cache`), or a whole DocType's cache,
	is cleared at once as Frappe does."""
	original = frappe.clear_document_cache
	keys: set[str] = set()

	def clear_document_cache(doctype, name=None):
		if name is None:
			return original(doctype, name)
		key = frappe.get_document_cache_key(doctype, name)
		if frappe.cache.make_key(key) in frappe.local.cache or doctype in (
			"System Settings",
			"Website Settings",
		):
			return original(doctype, name)
		keys.add(key)

	restore = patched(frappe, "clear_document_cache", clear_document_cache)
	try:
		yield
	finally:
		restore()
		if keys:
			cleared = list(keys)

			def clear_in_redis():
				frappe.cache.delete_value(cleared)

			clear_in_redis()
			frappe.db.after_commit.add(clear_in_redis)
			frappe.db.after_rollback.add(clear_in_redis)


# fields of an asset that do not change after its row is written while the demo loads (it is inserted
# submitted): what the link checks of its movement and schedule read
ASSET_FIELDS_FIXED_ONCE_WRITTEN = frozenset(("name", "docstatus", "company", "asset_name"))
# ... and fields that change only through the document (db_set, which also sets them on it): a direct
# frappe.db.set_value of one of them to another value than the document's makes the asset asked again
ASSET_FIELDS_KEPT_ON_THE_DOCUMENT = frozenset(("status", "location", "custodian"))


@contextmanager
def new_assets_known():
	"""Questions about the assets inserted inside the block answered from the documents themselves (see
	the module's docstring); any other question goes to the database. Every Asset Depreciation Schedule
	and Asset row written in the block is seen (their classes' db_insert), and a schedule's status
	changes through db_set, which changes the document too."""
	from erpnext.assets.doctype.asset.asset import Asset
	from erpnext.assets.doctype.asset_depreciation_schedule import asset_depreciation_schedule as schedules
	from erpnext.assets.doctype.asset_depreciation_schedule.asset_depreciation_schedule import (
		AssetDepreciationSchedule,
	)
	from erpnext.assets.doctype.asset_movement.asset_movement import AssetMovement

	db = frappe.db
	get_value, exists, set_value = db.get_value, db.exists, db.set_value
	taken = set(
		frappe.get_all("Asset", filters={"municipal_asset_code": ("is", "set")}, pluck="municipal_asset_code")
	)
	inserting: dict[str, object] = {}  # assets whose insert began in the block (named, validating)
	written: dict[str, object] = {}  # ... and whose row is written
	changed: set[str] = set()  # ... and then changed behind the document (not answered from it)
	schedules_of: dict[str, list] = {}  # asset -> its schedules written in the block
	asset_validate, asset_db_insert = Asset.validate, Asset.db_insert
	schedule_db_insert = AssetDepreciationSchedule.db_insert
	schedule_name = schedules.get_asset_depr_schedule_name

	def validate(self):
		if self.is_new() and self.name:
			inserting[self.name] = self
		return asset_validate(self)

	def db_insert_asset(self, *args, **kwargs):
		result = asset_db_insert(self, *args, **kwargs)
		if self.name in inserting:
			written[self.name] = self
			if self.municipal_asset_code:
				taken.add(self.municipal_asset_code)
		return result

	def db_insert_schedule(self, *args, **kwargs):
		result = schedule_db_insert(self, *args, **kwargs)
		if self.asset in inserting:
			schedules_of.setdefault(self.asset, []).append(self)
		return result

	def get_asset_depr_schedule_name(asset_name, status, finance_book=None):
		if asset_name not in inserting:
			return schedule_name(asset_name, status, finance_book)
		statuses = [status] if isinstance(status, str) else status
		return [
			frappe._dict(name=schedule.name)
			for schedule in schedules_of.get(asset_name, ())
			if schedule.status in statuses
			and schedule.docstatus < 2
			and (schedule.finance_book == finance_book if finance_book else not schedule.finance_book)
		][:1]

	def known_exists(dt, dn=None, cache=False):
		if isinstance(dt, dict) and dt.get("doctype") == "Asset Activity" and set(dt) == {"doctype", "asset"}:
			if dt["asset"] in inserting:
				return None  # the block's activities are written at its end (assets_written_once)
		if dt == "Asset" and isinstance(dn, dict) and set(dn) == {"municipal_asset_code", "name"}:
			other = dn["name"]
			if isinstance(other, tuple) and other[0] == "!=" and other[1] in inserting:
				if dn["municipal_asset_code"] not in taken:
					return None
		if dt == "Asset" and isinstance(dn, str) and dn in inserting:
			return dn if dn in written else None
		return exists(dt, dn, cache=cache)

	def known_set_value(dt, dn, field, val=None, *args, **kwargs):
		if dt == "Asset Finance Book" and isinstance(dn, str):
			for name, asset in inserting.items():
				if name not in written and any(row.name == dn for row in asset.get("finance_books")):
					# ERPNext's db_set of a row not written yet (the asset's validate): the UPDATE would
					# change no row; the value, set on the row too, is written with the asset
					return None
		if dt == "Asset" and isinstance(dn, str) and dn in written:
			values = field if isinstance(field, dict) else {field: val}
			doc = written[dn]
			if any(
				f not in ASSET_FIELDS_KEPT_ON_THE_DOCUMENT or doc.get(f) != v for f, v in values.items()
			) and not set(values) <= {"modified", "modified_by"}:
				changed.add(dn)  # changed behind the document: asked from the database from now on
		return set_value(dt, dn, field, val, *args, **kwargs)

	def known_value(doctype, filters=None, fieldname="name", *args, **kwargs):
		if (
			doctype == "Asset"
			and isinstance(filters, str)
			and filters in written
			and filters not in changed
			and not args
		):
			doc = written[filters]
			only = {"as_dict", "cache", "order_by"}
			fields = [fieldname] if isinstance(fieldname, str) else fieldname
			known = ASSET_FIELDS_FIXED_ONCE_WRITTEN | ASSET_FIELDS_KEPT_ON_THE_DOCUMENT
			if set(kwargs) <= only and set(fields) <= known:
				if isinstance(fieldname, str) and not kwargs.get("as_dict"):
					return doc.get(fieldname)
				if kwargs.get("as_dict") and not isinstance(fieldname, str):
					return frappe._dict({field: doc.get(field) for field in fields})
				if not kwargs.get("as_dict") and len(fields) > 1:
					return tuple(doc.get(field) for field in fields)
		return get_value(doctype, filters, fieldname, *args, **kwargs)

	movements_of: dict[str, list] = {}  # asset -> the movements of it written in the block
	movement_db_insert = AssetMovement.db_insert
	latest_of = AssetMovement.get_latest_location_and_custodian
	update_asset = AssetMovement.update_asset_location_and_custodian

	def db_insert_movement(self, *args, **kwargs):
		result = movement_db_insert(self, *args, **kwargs)
		for row in self.get("assets"):
			if row.asset in inserting:
				movements_of.setdefault(row.asset, []).append(self)
		return result

	def get_latest_location_and_custodian(self, asset):
		"""The asset's latest submitted movement: for an asset inserted in the block whose only movement
		is this submitted one (with one row for it), this row."""
		rows = [row for row in self.get("assets") if row.asset == asset]
		if (
			asset in written
			and asset not in changed
			and movements_of.get(asset) == [self]
			and self.docstatus == 1
			and len(rows) == 1
			and written[asset].company == self.company
		):
			return rows[0].target_location, rows[0].to_employee
		return latest_of(self, asset)

	def update_asset_location_and_custodian(self, asset_id, location, employee):
		"""ERPNext's, with the asset's custodian and location read from the document written in the
		block (they change only through it, see known_set_value) instead of loading it again."""
		if asset_id not in written or asset_id in changed:
			return update_asset(self, asset_id, location, employee)
		asset = written[asset_id]
		if employee and employee != asset.custodian:
			frappe.db.set_value("Asset", asset_id, "custodian", employee)
		if location and location != asset.location:
			frappe.db.set_value("Asset", asset_id, "location", location)

	restore = [
		patched(AssetMovement, "db_insert", db_insert_movement),
		patched(AssetMovement, "get_latest_location_and_custodian", get_latest_location_and_custodian),
		patched(AssetMovement, "update_asset_location_and_custodian", update_asset_location_and_custodian),
		patched(Asset, "validate", validate),
		patched(Asset, "db_insert", db_insert_asset),
		patched(AssetDepreciationSchedule, "db_insert", db_insert_schedule),
		patched(schedules, "get_asset_depr_schedule_name", get_asset_depr_schedule_name),
	]
	own = {name: db.__dict__.get(name) for name in ("get_value", "exists", "set_value")}
	db.get_value, db.exists, db.set_value = known_value, known_exists, known_set_value
	try:
		yield
	finally:
		for name, function in own.items():
			if function is not None:
				setattr(db, name, function)
			else:
				db.__dict__.pop(name, None)
		for undo in restore:
			undo()


@contextmanager
def schedule_rows_in_one_insert():
	"""A new Asset Depreciation Schedule's rows (Depreciation Schedule) written in one INSERT when its own
	row is written (`db_insert`, which Frappe's insert calls just before writing the rows one by one);
	each row's own `db_insert` that follows then does nothing. The rows are those Frappe would write,
	named, stamped and converted as `BaseDocument.db_insert` does."""
	from erpnext.assets.doctype.asset_depreciation_schedule.asset_depreciation_schedule import (
		AssetDepreciationSchedule,
	)
	from erpnext.assets.doctype.depreciation_schedule.depreciation_schedule import DepreciationSchedule
	from frappe.model.naming import set_new_name
	from frappe.utils import now

	schedule_db_insert, row_db_insert = AssetDepreciationSchedule.db_insert, DepreciationSchedule.db_insert

	def db_insert_schedule(self, *args, **kwargs):
		result = schedule_db_insert(self, *args, **kwargs)
		rows = [row for row in self.get_all_children() if row.doctype == "Depreciation Schedule"]
		if len(rows) > 1:
			values = []
			for row in rows:
				if not row.name:
					set_new_name(row)
				if not row.creation:
					row.creation = row.modified = now()
					row.owner = row.modified_by = frappe.session.user
				values.append(row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
			fields = list(values[0])
			frappe.db.bulk_insert(
				"Depreciation Schedule", fields, [[v.get(f) for f in fields] for v in values]
			)
			for row in rows:
				row.set("__islocal", False)
				row.flags.nonsaad_written = True
		return result

	def db_insert_row(self, *args, **kwargs):
		if self.flags.pop("nonsaad_written", False):
			return
		return row_db_insert(self, *args, **kwargs)

	restore = [
		patched(AssetDepreciationSchedule, "db_insert", db_insert_schedule),
		patched(DepreciationSchedule, "db_insert", db_insert_row),
	]
	try:
		yield
	finally:
		for undo in reversed(restore):
			undo()
