"""A citizen's own pets and each one's rabies vaccination card, and the form to register a new pet with
its photo (Smart Pet). Only the logged-in citizen's own pets are ever read (smart_pet.api.my_pets)."""

import frappe
from frappe import _

from nonsaad_smart.smart_core.thai_date import format_be_date
from nonsaad_smart.smart_pet.api import citizen_of, my_pets

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-pets"
		raise frappe.Redirect
	context.is_citizen = bool(citizen_of(frappe.session.user))
	pets = my_pets(frappe.session.user)
	for pet in pets:
		pet.species_th = _(pet.species)
		pet.sex_th = _(pet.sex, context="Pet sex")
		pet.status_th = _(pet.status, context="Pet status")
		pet.due = format_be_date(pet.next_due, "medium") if pet.next_due else ""
		pet.birth = format_be_date(pet.birth_date, "medium") if pet.birth_date else ""
		for v in pet.vaccinations:
			v.when = format_be_date(v.vaccination_date, "medium")
			v.due = format_be_date(v.next_due, "medium")
	context.pets = pets
	context.title = _("My pets")
	context.show_sidebar = False
	context.no_breadcrumbs = True
