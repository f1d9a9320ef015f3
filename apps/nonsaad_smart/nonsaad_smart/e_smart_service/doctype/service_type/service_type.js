// Service Type: the related asset type is one of the asset registers of the installed modules
// (hooks nonsaad_asset_registers, sent in frappe.boot by e_smart_service.api.boot_session).
frappe.ui.form.on("Service Type", {
	setup(frm) {
		frm.set_query("asset_doctype", () => ({
			filters: { name: ["in", (frappe.boot.nonsaad_service_request || {}).asset_doctypes || []] },
		}));
	},
});
