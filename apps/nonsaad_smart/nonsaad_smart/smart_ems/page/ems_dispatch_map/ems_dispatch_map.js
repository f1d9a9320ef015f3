// The dispatch map (staff only): ambulances (available / busy), active incidents by triage colour and every
// map layer registered with "dispatch": 1 (e.g. Smart Care's vulnerable homes). Refreshes every 15 s.
frappe.pages["ems-dispatch-map"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("EMS Dispatch Map"), single_column: true });
	const element = $('<div class="ems-dispatch-map" style="height: calc(100vh - 180px); min-height: 420px;"></div>')
		.appendTo(page.main)
		.get(0);
	const status = $('<div class="text-muted small ems-refreshed"></div>').appendTo(page.main);
	wrapper.dispatch_map = new EMSDispatchMap(element, status);
};
frappe.pages["ems-dispatch-map"].on_page_hide = function (wrapper) {
	wrapper.dispatch_map && wrapper.dispatch_map.stop();
};
frappe.pages["ems-dispatch-map"].on_page_show = function (wrapper) {
	wrapper.dispatch_map && wrapper.dispatch_map.start();
};

const EMS_REFRESH_MS = 15000;

class EMSDispatchMap {
	constructor(element, status) {
		this.element = element;
		this.status = status;
		element.dispatch_map = this;
		this.ready = this.init();
	}

	async init() {
		const settings = (await frappe.call("nonsaad_smart.smart_core.gis.map_settings")).message;
		this.map = L.map(this.element).setView(settings.center, settings.zoom);
		L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
			maxZoom: 19,
			attribution: "&copy; OpenStreetMap contributors",
		}).addTo(this.map);
		if (settings.boundary) {
			L.geoJSON(settings.boundary, { style: { color: "#1565c0", weight: 2, fillOpacity: 0.03 } }).addTo(this.map);
		}
		this.group = L.layerGroup().addTo(this.map);
		await this.refresh();
		this.start();
	}

	start() {
		this.stop();
		this.timer = setInterval(() => this.refresh(), EMS_REFRESH_MS);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}

	async refresh() {
		const data = (await frappe.call("nonsaad_smart.smart_ems.api.dispatch_map_data")).message;
		this.data = data;
		this.group.clearLayers();
		const esc = frappe.utils.escape_html;
		(data.layers || []).forEach((layer) => {
			const colour = layer.info.color;
			L.geoJSON(layer.data, {
				pointToLayer: (f, latlng) =>
					L.circleMarker(latlng, { radius: 5, color: "#333", weight: 1, fillColor: colour, fillOpacity: 0.7 }),
				onEachFeature: (f, l) => {
					const rows = (layer.info.popup || [])
						.map((p) => `<tr><th>${esc(p.label)}</th><td>${esc(String(f.properties[p.field] ?? ""))}</td></tr>`)
						.join("");
					l.bindPopup(`<b>${esc(layer.info.label)}</b><table>${rows}</table>`);
				},
			}).addTo(this.group);
		});
		data.incidents.forEach((row) => {
			if (!row.latitude || !row.longitude) return;
			L.circleMarker([row.latitude, row.longitude], {
				radius: 10, color: "#000", weight: 2, fillColor: row.color, fillOpacity: 0.9, className: "ems-incident",
			})
				.bindPopup(`<b><a href="/app/ems-incident/${encodeURIComponent(row.name)}">${esc(row.case_number || row.name)}</a></b><br>
					${esc(row.triage_label)} · ${esc(row.status_label)}<br>${esc(row.landmark || "")}`)
				.addTo(this.group);
		});
		data.ambulances.forEach((row) => {
			if (!row.latitude || !row.longitude) return;
			const colour = row.status === "Available" ? "#2e7d32" : row.status === "Out of Service" ? "#616161" : "#c62828";
			L.marker([row.latitude, row.longitude], {
				icon: L.divIcon({
					className: "ems-ambulance",
					html: `<div style="background:${colour};color:#fff;padding:2px 6px;border-radius:6px;font-weight:700;white-space:nowrap">🚑 ${esc(row.ambulance_type)}</div>`,
				}),
			})
				.bindPopup(`<b>${esc(row.plate)}</b><br>${esc(row.status_label)}${row.current_incident ? "<br>" + esc(row.current_incident) : ""}`)
				.addTo(this.group);
		});
		this.status.text(`${__("Updated")} ${frappe.datetime.str_to_user(data.server_time)}`);
	}
}
