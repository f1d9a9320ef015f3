// Pole Repair: technicians only in the Technician field; a request fills in its pole; costs add up.
frappe.ui.form.on("Pole Repair", {
	setup(frm) {
		frm.set_query("technician", () => ({
			query: "nonsaad_smart.smart_i_pole.doctype.pole_repair.pole_repair.technician_query",
		}));
		frm.set_query("pole", () => ({ filters: { status: ["!=", "Removed"] } }));
		frm.set_query("service_request", () => ({
			filters: { asset_doctype: "Street Light Pole", ...(frm.doc.pole ? { asset_name: frm.doc.pole } : {}) },
		}));
	},
	service_request(frm) {
		if (!frm.doc.service_request) return;
		// what the request is about, through E-Smart Service's public API
		frappe
			.xcall("nonsaad_smart.e_smart_service.api.get_request_asset", { name: frm.doc.service_request })
			.then((asset) => {
				if (asset && asset.asset_doctype === "Street Light Pole" && asset.asset_name) {
					frm.set_value("pole", asset.asset_name);
				}
			});
	},
	refresh(frm) {
		if (frm.doc.pole) {
			frm.add_custom_button(__("Pole"), () => frappe.set_route("Form", "Street Light Pole", frm.doc.pole));
		}
	},
});

frappe.ui.form.on("Pole Repair Part", {
	qty: update_total,
	unit_cost: update_total,
	parts_remove: update_total,
});

function update_total(frm, cdt, cdn) {
	if (cdt && cdn && locals[cdt][cdn]) {
		const row = locals[cdt][cdn];
		frappe.model.set_value(cdt, cdn, "amount", flt(row.qty) * flt(row.unit_cost));
	}
	frm.set_value("total_cost", (frm.doc.parts || []).reduce((s, r) => s + flt(r.qty) * flt(r.unit_cost), 0));
}
