"""Web form "report": anyone (guest or logged-in citizen) reports a problem; see e_smart_service/web.py."""


def get_context(context):
	context.no_cache = 1
