"""Checks on what citizens and integrators send: the shared text check of `smart_core.text_input`.

Kept as this module's name for its callers (Service Request, the report form, Open311, the patch that
neutralised stored markup); the rules (normalising, markup, lengths, lone surrogates) live in
smart_core/text_input.py, shared with Smart Pet and the guard on every other web form.
"""

from nonsaad_smart.smart_core.text_input import (
	KEPT_CONTROLS,
	MARKUP,
	MAX_NAME,
	MAX_TEXT,
	InvalidInputError,
	MissingFieldError,
	UnsafeTextError,
	as_number,
	as_text,
	clean_text,
	normalize_text,
	parse_form_data,
	require,
)

__all__ = [
	"KEPT_CONTROLS",
	"MARKUP",
	"MAX_NAME",
	"MAX_TEXT",
	"InvalidInputError",
	"MissingFieldError",
	"UnsafeTextError",
	"as_number",
	"as_text",
	"clean_text",
	"normalize_text",
	"parse_form_data",
	"require",
]
