// The one map of Non Sa-at: municipal boundary + every layer this user may see (smart_core/gis.py).
// Used by the desk page "smart-map" and the public page /map. Needs Leaflet (`L`) loaded first.
// What a layer looks like (shape, colours, legend), its popup rows (labels and values already
// translated by the server) and its links come from the layer registry: nothing per layer here.
// Issue 17 (smart_core/onemap.py): toggles grouped by service, every layer in one request for the bbox in
// view (reloaded on pan/zoom), points clustered on the server past 1 000 in view (a cluster zooms in on
// click), lines (roads, drains: style.shape "line", weight, color_by) and areas, "base" layers drawn
// first (the map shows the municipality without internet tiles), and a search box (codes, road names,
// tracking numbers) that flies to the record and opens it.
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
		.nonsaad-marker-square { border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0,0,0,.5); }
		.nonsaad-map { background: #eef3ea; }
		.nonsaad-cluster { border-radius: 50%; color: #fff; font-weight: 700; font-size: 12px; text-align: center;
			line-height: 34px; border: 3px solid rgba(255,255,255,.8); box-shadow: 0 1px 4px rgba(0,0,0,.5); }
		.nonsaad-toggles { background: #fff; padding: 6px 10px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
			font-size: 13px; max-height: 60vh; overflow-y: auto; min-width: 180px; }
		.nonsaad-toggles h6 { margin: 6px 0 2px; font-size: 12px; font-weight: 700; text-transform: none; color: #555; }
		.nonsaad-toggles label { display: block; margin: 0; font-weight: normal; cursor: pointer; white-space: nowrap; }
		.nonsaad-toggles input { margin-right: 6px; vertical-align: middle; }
		.nonsaad-toggles.nonsaad-folded .nonsaad-toggle-body { display: none; }
		.nonsaad-toggle-head { cursor: pointer; font-weight: 600; }
		.nonsaad-search { background: #fff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.3); width: 260px; }
		.nonsaad-search input { width: 100%; border: 0; padding: 6px 10px; border-radius: 6px; font-size: 14px; }
		.nonsaad-search-results { max-height: 40vh; overflow-y: auto; }
		.nonsaad-search-result { display: block; padding: 4px 10px; border-top: 1px solid #eee; cursor: pointer; color: inherit; }
		.nonsaad-search-result:hover { background: #e3f2fd; text-decoration: none; }
		.nonsaad-search-result small { color: #666; display: block; }`;

	function call(method, args) {
		const query = new URLSearchParams(args || {}).toString();
		const path = method.includes(".") ? method : `gis.${method}`;
		return fetch(`/api/method/nonsaad_smart.smart_core.${path}?${query}`, {
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

	/** A feature's title: the layer's `title` template ("{name} – {status}") with each {field} shown as the
	 * popup shows it (display values: a status translated), else the feature's own title, else its name. */
	function title_of(feature, layer, display) {
		const props = feature.properties || {};
		if (!layer.title) return props.title || props.name || "";
		const shown = display || {};
		return layer.title.replace(/\{(\w+)\}/g, (_, key) => {
			const value = props[key];
			if (value == null) return "";
			const known = shown[key];
			return known && known[value] != null ? known[value] : value;
		});
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

	function popup(layer, feature, display, desk) {
		const props = feature.properties;
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
		return `<div class="nonsaad-popup nonsaad-popup-${escape(layer.name)}"><b>${escape(title_of(feature, layer, display))}</b>
			<table>${rows}</table><div class="nonsaad-popup-links">${links.join("")}</div></div>`;
	}

	function colour_of(layer, props) {
		const style = layer.style;
		if (style.color_by && style.colors && style.colors[props[style.color_by]]) return style.colors[props[style.color_by]];
		return props.color || style.color;
	}

	function cluster_marker(layer, feature, latlng) {
		const count = feature.properties.count;
		const size = count >= 1000 ? 46 : count >= 100 ? 40 : 34;
		const m = L.marker(latlng, {
			title: `${layer.label}: ${count}`,
			icon: L.divIcon({
				className: `nonsaad-cluster nonsaad-layer-${layer.name}`,
				html: count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count),
				iconSize: [size, size],
			}),
		}).on("add", (e) => {
			const el = e.target.getElement();
			if (el) el.style.background = layer.style.color;
		});
		m.nonsaad_cluster = feature.properties.bounds;
		return m;
	}

	function marker(layer, feature, latlng, display) {
		if (feature.properties.cluster) return cluster_marker(layer, feature, latlng);
		const style = layer.style;
		const color = colour_of(layer, feature.properties);
		const className = `nonsaad-feature nonsaad-layer-${layer.name}`;
		if (style.shape === "badge" || style.shape === "square") {
			const badge = style.shape === "badge";
			const text = badge ? escape(feature.properties[style.text_field] ?? "") : "";
			return L.marker(latlng, {
				title: title_of(feature, layer, display),
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

	function feature_key(feature) {
		const p = feature.properties || {};
		if (p.cluster) return `cluster:${feature.geometry.coordinates.join(",")}:${p.count}`;
		return p.name != null ? `n:${p.name}` : `g:${JSON.stringify(feature.geometry).slice(0, 200)}`;
	}

	function shape_style(layer, feature) {
		const style = layer.style;
		const type = feature.geometry.type;
		const className = `nonsaad-feature nonsaad-layer-${layer.name}`;
		if (type === "LineString" || type === "MultiLineString" || style.shape === "line") {
			return {
				color: colour_of(layer, feature.properties), weight: style.weight || 4, opacity: 0.9,
				dashArray: style.dash || null, className,
			};
		}
		// areas (a village with a known boundary): a dashed outline, lightly filled
		return {
			color: colour_of(layer, feature.properties), weight: style.weight || 2, dashArray: "6 4",
			fillOpacity: layer.base ? 0.05 : 0.08, className,
		};
	}

	class SmartMap {
		constructor(element, options) {
			this.element = element;
			this.desk = !!(options && options.desk);
			this.compact = !!(options && options.compact); // small map: the toggles folded
			this.overlays = {};
			this.features = {}; // layer -> {key: leaflet layer}: a reload keeps what is still in view
			this.layers = [];
			this.displays = {};
			this.counts = {};
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
			// internet tiles when there are; the boundary and the base layers show the municipality without
			L.tileLayer(TILE_URL, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(this.map);
			if (settings.boundary) {
				this.boundary = L.geoJSON(settings.boundary, {
					style: { color: "#1565c0", weight: 2, fillOpacity: 0.03 },
					interactive: false,
				}).addTo(this.map);
				this.map.fitBounds(this.boundary.getBounds());
			}
			[this.layers, this.texts] = await Promise.all([call("onemap.get_map_layers"), call("onemap.map_texts")]);
			for (const layer of this.layers) {
				this.overlays[layer.name] = L.featureGroup().addTo(this.map);
				this.features[layer.name] = {};
			}
			this.add_toggles();
			this.add_search();
			await this.load();
			this.add_legend();
			this.map.on("moveend", () => {
				clearTimeout(this._reload);
				this._reload = setTimeout(() => this.load(), 250);
			});
			this.element.dataset.loaded = "1";
			return this;
		}

		/** Every layer for the bbox in view (a little more), in one request; features still in view stay. */
		async load() {
			const bounds = this.map.getBounds().pad(0.25);
			const seq = (this._seq = (this._seq || 0) + 1);
			this.element.dataset.loading = "1";
			const data = await call("onemap.get_all_layers", {
				bbox: bounds.toBBoxString(),
				zoom: this.map.getZoom(),
			});
			if (seq !== this._seq) return; // a newer move is on its way
			for (const layer of this.layers) {
				if (data[layer.name]) this.show_layer(layer, data[layer.name]);
			}
			delete this.element.dataset.loading;
			this.element.dataset.loads = String(seq);
		}

		show_layer(layer, data) {
			const group = this.overlays[layer.name];
			const known = this.features[layer.name];
			this.displays[layer.name] = Object.assign(this.displays[layer.name] || {}, data.display || {});
			const display = this.displays[layer.name];
			const keep = {};
			for (const feature of data.features) {
				const key = feature_key(feature);
				if (known[key]) {
					keep[key] = known[key];
					continue;
				}
				const added = L.geoJSON(feature, {
					pointToLayer: (f, latlng) => marker(layer, f, latlng, display),
					style: (f) => (f.geometry.type === "Point" ? {} : shape_style(layer, f)),
					onEachFeature: (f, l) => {
						if (f.properties.cluster) {
							l.on("click", () => {
								const b = f.properties.bounds;
								this.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { maxZoom: 19 });
							});
						} else {
							l.bindPopup(() => popup(layer, f, display, this.desk));
						}
					},
				});
				added.addTo(group);
				keep[key] = added;
			}
			for (const [key, l] of Object.entries(known)) if (!keep[key]) group.removeLayer(l);
			this.features[layer.name] = keep;
			this.counts[layer.name] = data.total || data.features.length;
			if (layer.base) group.bringToBack && group.eachLayer((l) => l.bringToBack && l.bringToBack());
			const count = this.element.querySelector(`.nonsaad-toggle[data-layer="${layer.name}"] .nonsaad-count`);
			if (count) count.textContent = `(${this.counts[layer.name]})`;
		}

		/** The layer switcher: one checkbox per layer, under its service. */
		add_toggles() {
			const control = L.control({ position: "topright" });
			control.onAdd = () => {
				const div = L.DomUtil.create("div", `nonsaad-toggles${this.compact ? " nonsaad-folded" : ""}`);
				const groups = {};
				for (const layer of this.layers) {
					(groups[layer.group] = groups[layer.group] || { label: layer.group_label, layers: [] }).layers.push(layer);
				}
				const body = Object.entries(groups).map(([key, g]) => `<div class="nonsaad-toggle-group" data-group="${escape(key)}">
					<h6>${escape(g.label)}</h6>${g.layers.map((layer) => `<label class="nonsaad-toggle" data-layer="${escape(layer.name)}">
						<input type="checkbox" checked data-layer="${escape(layer.name)}">${escape(layer.label)}
						<span class="nonsaad-count"></span></label>`).join("")}</div>`).join("");
				div.innerHTML = `<div class="nonsaad-toggle-head">${escape(this.texts.layers)}</div><div class="nonsaad-toggle-body">${body}</div>`;
				div.querySelector(".nonsaad-toggle-head").addEventListener("click", () => div.classList.toggle("nonsaad-folded"));
				div.querySelectorAll("input[data-layer]").forEach((input) =>
					input.addEventListener("change", () => this.toggle(input.dataset.layer, input.checked))
				);
				L.DomEvent.disableClickPropagation(div);
				L.DomEvent.disableScrollPropagation(div);
				return div;
			};
			control.addTo(this.map);
			this.toggles = control;
		}

		toggle(name, on) {
			const group = this.overlays[name];
			if (!group) return;
			if (on) group.addTo(this.map);
			else this.map.removeLayer(group);
		}

		/** The search box: codes (poles, roads...), road names, tracking numbers; a result opens the record. */
		add_search() {
			const control = L.control({ position: "topleft" });
			control.onAdd = () => {
				const div = L.DomUtil.create("div", "nonsaad-search");
				div.innerHTML = `<input type="search" class="nonsaad-search-input" placeholder="${escape(this.texts.search)}">
					<div class="nonsaad-search-results"></div>`;
				const input = div.querySelector("input");
				const results = div.querySelector(".nonsaad-search-results");
				let timer = null;
				input.addEventListener("input", () => {
					clearTimeout(timer);
					timer = setTimeout(async () => {
						const q = input.value.trim();
						if (q.length < 2) {
							results.innerHTML = "";
							return;
						}
						const found = await call("onemap.search", { q });
						if (input.value.trim() !== q) return;
						this.search_results = found;
						results.innerHTML = found.length
							? found.map((r, i) => `<a class="nonsaad-search-result" data-index="${i}" data-name="${escape(r.name)}">
								${escape(r.code)}${r.title && r.title !== r.code ? ` – ${escape(r.title)}` : ""}<small>${escape(r.label)}</small></a>`).join("")
							: `<div class="nonsaad-search-result text-muted">${escape(this.texts.nothing)}</div>`;
						results.querySelectorAll("a[data-index]").forEach((a) =>
							a.addEventListener("click", () => this.open_result(found[Number(a.dataset.index)]))
						);
					}, 300);
				});
				L.DomEvent.disableClickPropagation(div);
				L.DomEvent.disableScrollPropagation(div);
				return div;
			};
			control.addTo(this.map);
			this.search = control;
		}

		async open_result(result) {
			if (result.latitude && result.longitude) {
				this.map.setView([result.latitude, result.longitude], 19);
				await new Promise((resolve) => setTimeout(resolve, 400));
				await this.load();
				const found = result.layer && this.feature_layer(result.layer, result.name);
				if (found && this.map.hasLayer(this.overlays[result.layer])) {
					found.openPopup();
					return;
				}
				const layer = this.layers.find((l) => l.name === result.layer);
				const links = [];
				if (this.desk && result.route) links.push(`<a class="nonsaad-open-desk" href="${escape(result.route)}">${escape(this.texts.open)}</a>`);
				else if (layer) layer.links.filter((l) => l.audience !== "desk").forEach((l) =>
					links.push(`<a href="${escape(fill(l.url, { name: result.name }))}">${escape(l.label)}</a>`));
				L.popup().setLatLng([result.latitude, result.longitude]).setContent(
					`<div class="nonsaad-popup"><b>${escape(result.title)}</b><div>${escape(result.label)}</div>
					<div class="nonsaad-popup-links">${links.join("")}</div></div>`
				).openOn(this.map);
			} else if (this.desk && result.route) {
				window.location.assign(result.route);
			}
		}

		add_legend() {
			const legend = L.control({ position: "bottomright" });
			const layers = this.layers;
			legend.onAdd = () => {
				const div = L.DomUtil.create("div", "nonsaad-legend");
				div.innerHTML = layers.map((layer) => {
					const shape = layer.style.shape === "line" ? "line" : layer.style.shape;
					const rows = layer.legend.map((row) =>
						`<div><span class="nonsaad-swatch nonsaad-shape-${escape(shape)}" style="background:${escape(row.color)}${shape === "line" ? ";height:4px;width:18px" : ""}"></span>${escape(row.label)}</div>`
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
			const holder = (this.features[layer_name] || {})[`n:${name}`];
			if (!holder) return null;
			let found = null;
			holder.eachLayer((l) => (found = l));
			return found;
		}
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, { SmartMap, map_title_of: title_of });
})();
