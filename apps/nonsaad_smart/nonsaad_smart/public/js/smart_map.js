// The one map of Non Sa-at: municipal boundary + every layer this user may see (smart_core/gis.py).
// Used by the desk page "smart-map" and the public page /map. Needs Leaflet (`L`) loaded first.
(function () {
	const TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
	const ATTRIBUTION = "&copy; OpenStreetMap contributors";

	function call(method, args) {
		const query = new URLSearchParams(args || {}).toString();
		return fetch(`/api/method/nonsaad_smart.smart_core.gis.${method}?${query}`, {
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": window.csrf_token || "" },
			credentials: "same-origin",
		}).then((r) => {
			if (!r.ok) throw new Error(`${method}: HTTP ${r.status}`);
			return r.json();
		}).then((r) => r.message);
	}

	function escape(text) {
		const div = document.createElement("div");
		div.textContent = text == null ? "" : String(text);
		return div.innerHTML;
	}

	function popup(props, desk) {
		const skip = new Set(["title", "doctype", "name", "color"]);
		const rows = Object.entries(props)
			.filter(([k, v]) => !skip.has(k) && v !== null && v !== "")
			.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`)
			.join("");
		let title = escape(props.title || props.name || "");
		if (desk && props.doctype && props.name) {
			const slug = props.doctype.toLowerCase().replace(/ /g, "-");
			title = `<a href="/app/${slug}/${encodeURIComponent(props.name)}">${title}</a>`;
		}
		return `<div class="nonsaad-popup"><b>${title}</b><table>${rows}</table></div>`;
	}

	class SmartMap {
		constructor(element, options) {
			this.element = element;
			this.desk = !!(options && options.desk);
			this.overlays = {};
			this.ready = this.init();
		}

		async init() {
			const settings = await call("map_settings");
			this.map = L.map(this.element).setView(settings.center, settings.zoom);
			L.tileLayer(TILE_URL, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(this.map);
			if (settings.boundary) {
				this.boundary = L.geoJSON(settings.boundary, {
					style: { color: "#1565c0", weight: 2, fillOpacity: 0.03 },
				}).addTo(this.map);
				this.map.fitBounds(this.boundary.getBounds());
			}
			const layers = await call("get_layers");
			this.control = L.control.layers(null, null, { collapsed: false }).addTo(this.map);
			await Promise.all(layers.map((layer) => this.add_layer(layer)));
			this.element.dataset.loaded = "1";
			return this;
		}

		async add_layer(layer) {
			const data = await call("get_layer", { layer: layer.name });
			const color = layer.color || "#e65100";
			const overlay = L.geoJSON(data, {
				pointToLayer: (feature, latlng) =>
					L.circleMarker(latlng, {
						radius: 6, color, weight: 1, fillColor: feature.properties.color || color, fillOpacity: 0.8,
						className: `nonsaad-feature nonsaad-layer-${layer.name}`,
					}),
				onEachFeature: (feature, l) => l.bindPopup(popup(feature.properties, this.desk)),
			}).addTo(this.map);
			this.overlays[layer.name] = overlay;
			this.control.addOverlay(overlay, `${escape(layer.label)} (${data.features.length})`);
		}
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, { SmartMap });
})();
