// Care Person: the home point (latitude/longitude fetched from the Citizen) on a read-only map, drawn by the
// shared public/js/geodata_form.js. The field is at permlevel 2 like the point: a role that may not read
// the home location gets no map either.
frappe.ui.form.on("Care Person", {
	refresh(frm) {
		nonsaad.geodata_form.point_map(frm, "home_map", frm.doc.latitude, frm.doc.longitude, frm.doc.full_name);
	},
});
