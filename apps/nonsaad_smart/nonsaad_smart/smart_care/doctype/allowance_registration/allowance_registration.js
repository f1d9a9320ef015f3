// Allowance Registration: tier and amount are computed on the server from the Allowance Rate table; the
// workflow (Verify, Approve, Activate, Suspend, Resume, End) moves it.
frappe.ui.form.on("Allowance Registration", {
	refresh(frm) {
		if (frm.doc.tier) {
			frm.dashboard.set_headline(
				__("Age {0} in fiscal year {1}: tier {2}, {3} baht a month", [
					frm.doc.age_in_fiscal_year,
					frm.doc.fiscal_year,
					frm.doc.tier,
					format_currency(frm.doc.monthly_amount),
				])
			);
		}
	},
});
