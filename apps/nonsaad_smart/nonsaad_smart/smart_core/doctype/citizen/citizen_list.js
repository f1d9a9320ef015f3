frappe.listview_settings["Citizen"] = {
	add_fields: ["consent_status", "village"],
	get_indicator(doc) {
		const colors = { Given: "green", Withdrawn: "red", "Not Asked": "gray" };
		return [__(doc.consent_status), colors[doc.consent_status] || "gray", `consent_status,=,${doc.consent_status}`];
	},
};
