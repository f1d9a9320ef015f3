// Map and geometry code shared by the desk forms (included in the desk by hooks.py app_include_js):
// - Smart Terrain's Road, Drain and Culvert: a Geolocation field drawn on the map, the "Create" buttons
//   of a terrain asset, and a new asset's map opening on the municipality;
// - Smart Care's Care Person: a read-only Leaflet map of the home point (latitude/longitude fetched from
//   the Citizen) in an HTML field.
// One place for this code: a form script calls `nonsaad.geodata_form.*`, never a copy of it.
frappe.provide("nonsaad.geodata_form");

(function () {
	let settings_promise = null;

	// Smart Settings' map centre, zoom and municipal boundary (asked once per page load)
	function map_settings() {
		if (!settings_promise) {
			settings_promise = frappe
				.call({ method: "nonsaad_smart.smart_core.gis.map_settings" })
				.then((r) => r.message || {});
		}
		return settings_promise;
	}

	// a new asset's map opens on the municipality (the Geolocation control's default centre is elsewhere)
	function centre_new_map(frm, fieldname = "geometry", tries = 20) {
		const control = frm.fields_dict[fieldname];
		if (!control || (frm.doc[fieldname] || "").includes("coordinates")) return;
		if (!control.map) {
			// the control draws its map when the field is laid out: look again shortly
			if (tries > 0) setTimeout(() => centre_new_map(frm, fieldname, tries - 1), 250);
			return;
		}
		map_settings().then((s) => {
			if (s.center && s.center[0]) control.map.setView(s.center, 15);
		});
	}

	// the form events of a Smart Terrain asset (Road, Drain, Culvert): map centre on a new record and the
	// "Create > Condition Survey / Maintenance Work" buttons; `extra(frm)` adds the doctype's own buttons
	function terrain_asset(doctype, extra) {
		return {
			refresh(frm) {
				if (frm.is_new()) setTimeout(() => centre_new_map(frm), 300);
				if (frm.is_new()) return;
				for (const target of ["Condition Survey", "Maintenance Work"]) {
					frm.add_custom_button(
						__(target),
						() => frappe.new_doc(target, { asset_doctype: doctype, asset_name: frm.doc.name }),
						__("Create")
					);
				}
				if (extra) extra(frm);
			},
		};
	}

	// A read-only map of one point (e.g. a person's home) in the HTML field `fieldname`: a marker on the
	// point, the municipal boundary around it. The map element carries `nonsaad_map` / `nonsaad_marker` for
	// other scripts and the browser tests. Without a point the field says so.
	function point_map(frm, fieldname, latitude, longitude, title) {
		const field = frm.fields_dict[fieldname];
		if (!field || !field.$wrapper) return null;
		const old = field.$wrapper.find(".nonsaad-point-map")[0];
		if (old && old.nonsaad_map) old.nonsaad_map.remove();
		if (!latitude || !longitude || typeof L === "undefined") {
			field.$wrapper.html(
				`<p class="text-muted small nonsaad-point-map-empty">${__("No location recorded")}</p>`
			);
			return null;
		}
		field.$wrapper.html(
			`<div class="nonsaad-point-map border rounded" style="height: 280px; z-index: 1; max-width: 100%"></div>`
		);
		const element = field.$wrapper.find(".nonsaad-point-map")[0];
		const map = L.map(element, { scrollWheelZoom: false }).setView([latitude, longitude], 16);
		L.tileLayer(frappe.utils.map_defaults.tiles, frappe.utils.map_defaults.options).addTo(map);
		const marker = L.circleMarker([latitude, longitude], {
			radius: 9,
			color: "#c62828",
			weight: 3,
			fillColor: "#ef5350",
			fillOpacity: 0.9,
			className: "nonsaad-point-marker",
		}).addTo(map);
		if (title) marker.bindTooltip(frappe.utils.escape_html(title));
		element.nonsaad_map = map;
		element.nonsaad_marker = marker;
		map_settings().then((s) => {
			if (s.boundary && element.isConnected) {
				L.geoJSON(s.boundary, {
					style: { color: "#1565c0", weight: 2, fillOpacity: 0.03 },
					interactive: false,
				}).addTo(map);
			}
		});
		// the form may lay the field out after this call: let Leaflet measure again once it is shown
		setTimeout(() => map.invalidateSize(), 400);
		return map;
	}

	Object.assign(nonsaad.geodata_form, { map_settings, centre_new_map, terrain_asset, point_map });
})();
