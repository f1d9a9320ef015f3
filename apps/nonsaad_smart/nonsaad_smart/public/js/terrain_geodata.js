// Smart Terrain: import (dry run, then all-or-nothing) and export of a layer, from its list view.
// shared by the Road, Drain and Culvert lists
window.nonsaad_terrain_geodata = function (listview, doctype) {
	listview.page.add_inner_button(__("Import GeoJSON / KML / GPX"), () => {
		const dialog = new frappe.ui.Dialog({
			title: __("Import {0}", [__(doctype)]),
			fields: [
				{ fieldname: "file", fieldtype: "Attach", label: __("File"), reqd: 1, options: { restrictions: { allowed_file_types: [".geojson", ".json", ".kml", ".gpx"] } } },
				{ fieldname: "report", fieldtype: "HTML" },
			],
			primary_action_label: __("Check (dry run)"),
			primary_action(values) {
				const run = (dry_run) => frappe.call({
					method: "nonsaad_smart.smart_terrain.geodata.import_file",
					args: { doctype, file_url: values.file, dry_run },
					freeze: true,
				});
				run(1).then((r) => {
					const res = r.message;
					const rows = res.rows.map((row) => `<tr><td>${row.row}</td><td>${frappe.utils.escape_html(row.title || "")}</td>
						<td>${row.type || ""}</td><td>${row.length_m ? Math.round(row.length_m) + " m" : ""}</td>
						<td class="${row.error ? "text-danger" : "text-success"}">${frappe.utils.escape_html(row.error || __("Passes"))}</td></tr>`).join("");
					dialog.fields_dict.report.$wrapper.html(`<div id="terrain-import-preview" style="height:200px"></div>
						<table class="table table-sm"><thead><tr><th>${__("Row")}</th><th>${__("Name")}</th><th>${__("Geometry")}</th>
						<th>${__("Length (m)")}</th><th>${__("Result")}</th></tr></thead><tbody>${rows}</tbody></table>`);
					const map = L.map("terrain-import-preview");
					L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", { maxZoom: 19 }).addTo(map);
					const layer = L.geoJSON(res.rows.filter((x) => x.geometry).map((x) => ({ type: "Feature", geometry: x.geometry, properties: {} }))).addTo(map);
					if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
					if (res.errors) {
						dialog.set_primary_action(__("Check (dry run)"), () => dialog.primary_action(dialog.get_values()));
						return;
					}
					dialog.set_primary_action(__("Import all {0} rows", [res.rows.length]), () =>
						run(0).then((r2) => {
							dialog.hide();
							frappe.show_alert({ message: __("{0} rows imported", [r2.message.written]), indicator: "green" });
							listview.refresh();
						}));
				});
			},
		});
		dialog.show();
	});
	for (const fmt of ["geojson", "kml"]) {
		listview.page.add_inner_button(fmt === "kml" ? "KML" : "GeoJSON", () => {
			window.open(`/api/method/nonsaad_smart.smart_terrain.geodata.export_layer?doctype=${encodeURIComponent(doctype)}&fmt=${fmt}`);
		}, __("Export"));
	}
};
