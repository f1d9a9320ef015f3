import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt


class UnitRate(Document):
	def validate(self):
		if flt(self.rate) <= 0:
			frappe.throw(_("The rate must be more than 0"), frappe.ValidationError)
