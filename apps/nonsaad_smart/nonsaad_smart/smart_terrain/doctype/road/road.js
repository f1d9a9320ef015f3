// Road: draw the road on the map (Geolocation field, Leaflet.draw polyline); length and ends on save.
// The map and the "Create" buttons: public/js/geodata_form.js (shared with Drain, Culvert and Care Person).
frappe.ui.form.on(
	"Road",
	nonsaad.geodata_form.terrain_asset("Road", (frm) => {
		frm.add_custom_button(__("Maintenance History"), () =>
			frappe.set_route("query-report", "Maintenance History", { asset_doctype: "Road", asset_name: frm.doc.name })
		);
	})
);
