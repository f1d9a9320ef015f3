import frappe

no_cache = 1


def get_context(context):
	context.settings = frappe.get_cached_doc("Smart Settings")
	context.no_breadcrumbs = True
	return context
