// The one map of Non Sa-at: municipal boundary + every layer this user may see (smart_core/gis.py).
// Used by the desk page "smart-map" and the public page /map. Needs Leaflet (`L`) loaded first.
// What a layer looks like (shape, colours, legend), its popup rows (labels and values already
// translated by the server) and its links come from the layer registry: nothing per layer here.
(function () {
	const TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
	const ATTRIBUTION = "&copy; OpenStreetMap contributors";
	const CSS = `
		.nonsaad-popup table { margin-top: 4px; }
		.nonsaad-popup th { font-weight: 600; padding-right: 8px; vertical-align: top; white-space: nowrap; }
		.nonsaad-popup-links { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 6px; }
		.nonsaad-popup-links a { display: inline-block; padding: 3px 8px; border-radius: 4px; border: 1px solid #1565c0; }
		.nonsaad-popup-links a.nonsaad-link-report { background: #c62828; border-color: #c62828; color: #fff; }
		.nonsaad-legend { background: #fff; padding: 6px 10px; border-radius: 6px; line-height: 1.5;
			box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 13px; max-width: 220px; }
		.nonsaad-legend-layer + .nonsaad-legend-layer { margin-top: 4px; padding-top: 4px; border-top: 1px solid #eee; }
		.nonsaad-legend h6 { margin: 4px 0 2px; font-size: 13px; font-weight: 600; }
		.nonsaad-swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: middle;
			border: 1px solid rgba(0,0,0,.4); }
		.nonsaad-swatch.nonsaad-shape-circle { border-radius: 50%; }
		.nonsaad-swatch.nonsaad-shape-badge { width: 14px; border-radius: 3px 3px 7px 7px; }
		.nonsaad-marker-badge { color: #fff; font-weight: 700; font-size: 12px; text-align: center; line-height: 20px;
			border: 2px solid #fff; border-radius: 4px 4px 10px 10px; box-shadow: 0 1px 3px rgba(0,0,0,.5); }
		.nonsaad-marker-square { border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0,0,0,.5); }`;

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

	function fill(template, props) {
		return template.replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(props[key] == null ? "" : props[key]));
	}

	function show_value(field, value, display) {
		const known = display[field.field];
		if (known && known[value] != null) return known[value];
		if (field.type === "Check") return value && value !== "0" && value !== "false" ? field.yes : field.no;
		if (["Date", "Datetime"].includes(field.type) && window.nonsaad && nonsaad.be_date)
			return nonsaad.be_date(value, field.type === "Date" ? "long" : "medium");
		if (["Int", "Float", "Currency"].includes(field.type) && !isNaN(Number(value)))
			return Number(value).toLocaleString("th-TH");
		return value;
	}

	function popup(layer, props, display, desk) {
		const rows = layer.popup
			.filter((f) => props[f.field] !== null && props[f.field] !== undefined && props[f.field] !== "")
			.map((f) => `<tr><th>${escape(f.label)}</th><td>${escape(show_value(f, props[f.field], display))}</td></tr>`)
			.join("");
		const links = layer.links
			.filter((l) => l.audience === "all" || l.audience === (desk ? "desk" : "public"))
			.map((l) => {
				const kind = l.url.startsWith("/report/") ? "nonsaad-link-report" : "";
				return `<a class="${kind}" href="${escape(fill(l.url, props))}">${escape(l.label)}</a>`;
			});
		if (desk && layer.desk_route && props.name)
			links.unshift(`<a class="nonsaad-open-desk" href="${escape(fill(layer.desk_route, props))}">${escape(layer.open_label)}</a>`);
		return `<div class="nonsaad-popup nonsaad-popup-${escape(layer.name)}"><b>${escape(props.title || props.name || "")}</b>
			<table>${rows}</table><div class="nonsaad-popup-links">${links.join("")}</div></div>`;
	}

	function colour_of(layer, props) {
		const style = layer.style;
		if (style.color_by && style.colors && style.colors[props[style.color_by]]) return style.colors[props[style.color_by]];
		return props.color || style.color;
	}

	function marker(layer, feature, latlng) {
		const style = layer.style;
		const color = colour_of(layer, feature.properties);
		const className = `nonsaad-feature nonsaad-layer-${layer.name}`;
		if (style.shape === "badge" || style.shape === "square") {
			const badge = style.shape === "badge";
			const text = badge ? escape(feature.properties[style.text_field] ?? "") : "";
			return L.marker(latlng, {
				title: feature.properties.title || "",
				icon: L.divIcon({
					className: `${className} nonsaad-marker-${style.shape}`,
					html: badge ? text : "",
					iconSize: badge ? [26, 24] : [12, 12],
				}),
			}).on("add", (e) => {
				const el = e.target.getElement();
				if (el) el.style.background = color;
			});
		}
		return L.circleMarker(latlng, {
			radius: style.radius || 6, color: "#333", weight: 1, fillColor: color, fillOpacity: 0.85, className,
		});
	}

	class SmartMap {
		constructor(element, options) {
			this.element = element;
			this.desk = !!(options && options.desk);
			this.compact = !!(options && options.compact); // small map: the layer switcher folded
			this.overlays = {};
			this.layers = [];
			element.smart_map = this; // for other scripts and the browser tests
			this.ready = this.init();
		}

		async init() {
			// the styles go where the map is: the page, or a shadow root (the workspace's custom block)
			const root = this.element.getRootNode();
			const in_shadow = typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot;
			if (!(in_shadow ? root : document).getElementById("nonsaad-map-css")) {
				const style = document.createElement("style");
				style.id = "nonsaad-map-css";
				style.textContent = CSS;
				(in_shadow ? root : document.head).appendChild(style);
			}
			const settings = await call("map_settings");
			this.map = L.map(this.element).setView(settings.center, settings.zoom);
			L.tileLayer(TILE_URL, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(this.map);
			if (settings.boundary) {
				this.boundary = L.geoJSON(settings.boundary, {
					style: { color: "#1565c0", weight: 2, fillOpacity: 0.03 },
				}).addTo(this.map);
				this.map.fitBounds(this.boundary.getBounds());
			}
			this.layers = await call("get_layers");
			this.control = L.control.layers(null, null, { collapsed: this.compact }).addTo(this.map);
			await Promise.all(this.layers.map((layer) => this.add_layer(layer)));
			this.add_legend();
			this.element.dataset.loaded = "1";
			return this;
		}

		async add_layer(layer) {
			const data = await call("get_layer", { layer: layer.name });
			const display = data.display || {};
			const overlay = L.geoJSON(data, {
				pointToLayer: (feature, latlng) => marker(layer, feature, latlng),
				// areas (e.g. a village with a known boundary): a dashed outline, lightly filled
				// lines (roads, drains: style.shape "line"): solid, coloured by the spec's color_by
				style: (feature) => feature.geometry.type === "Point" ? {} : layer.style.shape === "line" ? {
					color: colour_of(layer, feature.properties), weight: layer.style.weight || 4, opacity: 0.9,
					dashArray: layer.style.dash || null, className: `nonsaad-feature nonsaad-layer-${layer.name}`,
				} : {
					color: colour_of(layer, feature.properties), weight: 2, dashArray: "6 4", fillOpacity: 0.08,
					className: `nonsaad-feature nonsaad-layer-${layer.name}`,
				},
				onEachFeature: (feature, l) => l.bindPopup(() => popup(layer, feature.properties, display, this.desk)),
			}).addTo(this.map);
			this.overlays[layer.name] = overlay;
			this.control.addOverlay(overlay, `${escape(layer.label)} (${data.features.length})`);
		}

		add_legend() {
			const legend = L.control({ position: "bottomright" });
			const layers = this.layers;
			legend.onAdd = () => {
				const div = L.DomUtil.create("div", "nonsaad-legend");
				div.innerHTML = layers.map((layer) => {
					const rows = layer.legend.map((row) =>
						`<div><span class="nonsaad-swatch nonsaad-shape-${escape(layer.style.shape)}" style="background:${escape(row.color)}"></span>${escape(row.label)}</div>`
					).join("");
					const title = layer.legend.length > 1 ? `<h6>${escape(layer.label)}</h6>` : "";
					return `<div class="nonsaad-legend-layer" data-layer="${escape(layer.name)}">${title}${rows}</div>`;
				}).join("");
				return div;
			};
			legend.addTo(this.map);
			this.legend = legend;
		}

		/** The Leaflet layer of one feature (by its `name` property), for scripts and tests. */
		feature_layer(layer_name, name) {
			let found = null;
			(this.overlays[layer_name] || { eachLayer() {} }).eachLayer((l) => {
				if (l.feature && l.feature.properties.name === name) found = l;
			});
			return found;
		}
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, { SmartMap });
})();
