"""Condition classes and treatments of Smart Terrain.

Roads are rated PASER 1–10 (Pavement Surface Evaluation and Rating, Wisconsin Transportation Information
Center, "PASER Asphalt Roads" manual, 2002; the same 1–10 scale is used for concrete and gravel roads).
Condition class from the rating:  8–10 Good, 5–7 Fair, 3–4 Poor, 1–2 Very Poor.
Drains and culverts: Good (blockage < 25 % and no/minor damage), Fair (< 50 %, at most moderate damage),
Poor (< 75 % or severe damage), Very Poor (≥ 75 % blocked).

The treatment a rating calls for is data (DocType Treatment Rule, seeded create-only from
`seed_data.json`, editable by the office): PASER 9–10 routine maintenance, 7–8 preventive maintenance /
crack sealing, 5–6 resurfacing, 3–4 structural overlay, 1–2 reconstruction (the manual's bands).
"""

import frappe
from frappe import _
from frappe.utils import cint, flt

CLASSES = ("Good", "Fair", "Poor", "Very Poor")


class InvalidRatingError(frappe.ValidationError):
	pass


def road_class(paser) -> str | None:
	if paser in (None, "", 0):
		return None
	paser = cint(paser)
	if not 1 <= paser <= 10:
		frappe.throw(_("The PASER rating must be between 1 and 10"), InvalidRatingError)
	if paser >= 8:
		return "Good"
	if paser >= 5:
		return "Fair"
	if paser >= 3:
		return "Poor"
	return "Very Poor"


def structure_class(blockage_pct, damage: str | None) -> str:
	blockage = flt(blockage_pct)
	if not 0 <= blockage <= 100:
		frappe.throw(_("Blockage must be between 0 and 100 %"), InvalidRatingError)
	damage = damage or "None"
	if blockage >= 75:
		return "Very Poor"
	if blockage >= 50 or damage == "Severe":
		return "Poor"
	if blockage >= 25 or damage == "Moderate":
		return "Fair"
	return "Good"


def treatment_for(asset_doctype: str, paser=None, condition_class: str | None = None) -> str | None:
	"""The Treatment Rule for a road's PASER rating, or a drain's/culvert's condition class."""
	if asset_doctype == "Road":
		if not paser:
			return None
		rows = frappe.get_all(
			"Treatment Rule",
			filters={
				"applies_to": "Road",
				"paser_from": ("<=", cint(paser)),
				"paser_to": (">=", cint(paser)),
			},
			pluck="name",
			order_by="paser_from desc",
			limit=1,
		)
	else:
		if not condition_class:
			return None
		rows = frappe.get_all(
			"Treatment Rule",
			filters={"applies_to": asset_doctype, "condition_class": condition_class},
			pluck="name",
			limit=1,
		)
	return rows[0] if rows else None
