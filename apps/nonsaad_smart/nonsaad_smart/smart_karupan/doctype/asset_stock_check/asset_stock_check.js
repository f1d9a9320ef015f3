// Asset Stock Check: the committee's annual check. Lines are scanned on /karupan-scan.
frappe.ui.form.on("Asset Stock Check", {
	setup(frm) {
		frm.set_query("user", "committee", () => ({ filters: { enabled: 1, user_type: "System User" } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Lines"), () =>
			frappe.set_route("List", "Asset Stock Check Line", { stock_check: frm.doc.name })
		);
		if (frm.doc.workflow_state === "Checking") {
			frm.add_custom_button(__("Open Scanning Page"), () =>
				window.open(`/karupan-scan?check=${encodeURIComponent(frm.doc.name)}`)
			);
		}
		if (["Reported to Executive", "Acknowledged"].includes(frm.doc.workflow_state)) {
			frm.add_custom_button(__("Disposal Request"), () =>
				frappe.new_doc("Asset Disposal Request", { stock_check: frm.doc.name })
			);
		}
		if (frm.doc.due_date && frm.doc.docstatus === 0 && frappe.datetime.get_today() > frm.doc.due_date) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator red">${__("Report overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)])}</span>`
			);
		}
	},
});
