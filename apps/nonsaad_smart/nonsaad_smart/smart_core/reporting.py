"""Helpers for Script Reports."""


def column(
	label: str,
	fieldname: str,
	fieldtype: str = "Data",
	width: int = 120,
	options: str | None = None,
	precision: int | None = None,
) -> dict:
	"""A Script Report column; pass the label already translated (`_("…")`) so it is extracted."""
	col = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options is not None:
		col["options"] = options
	if precision is not None:
		col["precision"] = precision
	return col
