// Asset Disposal Request: pick the damaged / lost / not needed lines of a reported stock check.
frappe.ui.form.on("Asset Disposal Request", {
	setup(frm) {
		frm.set_query("stock_check", () => ({
			filters: { workflow_state: ["in", ["Reported to Executive", "Acknowledged"]] },
		}));
		frm.set_query("stock_check_line", "items", () => ({
			filters: {
				stock_check: frm.doc.stock_check,
				result: ["in", ["Damaged", "Lost", "Not Needed"]],
				disposal_request: ["is", "not set"],
			},
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.stock_check) {
			frm.add_custom_button(__("Get Assets to Dispose"), () => frm.trigger("get_lines"));
		}
		if (frm.doc.deadline && !frm.doc.completed_on && frappe.datetime.get_today() > frm.doc.deadline) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator red">${__("Disposal deadline passed on {0}", [frappe.datetime.str_to_user(frm.doc.deadline)])}</span>`
			);
		}
	},
	stock_check(frm) {
		if (frm.doc.stock_check && !(frm.doc.items || []).length) frm.trigger("get_lines");
	},
	get_lines(frm) {
		frappe
			.call("nonsaad_smart.smart_karupan.doctype.asset_disposal_request.asset_disposal_request.lines_to_dispose", {
				stock_check: frm.doc.stock_check,
			})
			.then((r) => {
				const have = new Set((frm.doc.items || []).map((i) => i.stock_check_line));
				(r.message || []).filter((l) => !have.has(l.name)).forEach((l) => {
					frm.add_child("items", {
						stock_check_line: l.name,
						asset: l.asset,
						municipal_asset_code: l.municipal_asset_code,
						asset_name: l.asset_name,
						result: l.result,
					});
				});
				frm.refresh_field("items");
			});
	},
});
