frappe.listview_settings["Pet"] = {
	add_fields: ["status", "next_due"],
	get_indicator(doc) {
		if (doc.status !== "Alive") return [__(doc.status), "gray", `status,=,${doc.status}`];
		if (!doc.next_due || doc.next_due < frappe.datetime.get_today())
			return [__("Not Vaccinated"), "red", "status,=,Alive"];
		return [__("Alive"), "green", "status,=,Alive"];
	},
};
