frappe.listview_settings["Street Light Pole"] = {
	add_fields: ["status", "lamp_type", "village"],
	get_indicator(doc) {
		const colour = { Working: "green", Faulty: "red", "Under Repair": "orange", Removed: "gray" }[doc.status];
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
	onload(listview) {
		listview.page.add_action_item(__("Print QR Labels"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return frappe.msgprint(__("Select the poles first"));
			window.open(
				"/api/method/nonsaad_smart.smart_i_pole.labels.qr_label_sheet?names=" +
					encodeURIComponent(JSON.stringify(names))
			);
		});
	},
};
