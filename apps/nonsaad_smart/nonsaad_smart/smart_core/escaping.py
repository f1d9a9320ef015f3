"""Text typed by citizens is shown escaped in every print, including Frappe's own "Standard" format.

Frappe's Standard print format and the desk print view write a field through `doc.get_formatted()`,
which returns Data and Small Text values as stored: markup in them would run in the staff member's
browser. Input is refused when it holds markup (e_smart_service/validation.py), but a value stored before
that check, imported or written by a script must not run either. A DocType whose rows hold citizen text
mixes `EscapedTextMixin` into its controller: its text fields come out HTML-escaped (line breaks kept).
App print formats and templates escape each value themselves (`{{ doc.x | e }}`).
"""

from frappe import _
from frappe.utils import escape_html

TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text", "Read Only")
MULTILINE_FIELDTYPES = ("Small Text", "Text", "Long Text")


class EscapedTextMixin:
	def get_formatted(
		self, fieldname, doc=None, currency=None, absolute_value=False, translated=False, format=None
	):
		df = self.meta.get_field(fieldname)
		value = self.get(fieldname)
		if df and df.fieldtype in TEXT_FIELDTYPES and isinstance(value, str):
			text = escape_html(_(value) if translated else value)
			return text.replace("\n", "<br>") if df.fieldtype in MULTILINE_FIELDTYPES else text
		return super().get_formatted(
			fieldname,
			doc=doc,
			currency=currency,
			absolute_value=absolute_value,
			translated=translated,
			format=format,
		)
