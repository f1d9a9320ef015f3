// Web form "report" (แจ้งเรื่องร้องเรียน/ร้องทุกข์): service types, pole pre-fill from the query string,
// GPS or a Leaflet map pin, a photo shrunk in the browser, and the tracking number on the success page.
frappe.ready(function () {
	const wf = frappe.web_form;
	const params = frappe.utils.get_query_params();
	const MAX_SIDE = 1600;
	let map, marker, asset_layer, asset_types = {};

	frappe.call({
		method: "nonsaad_smart.e_smart_service.web.form_settings",
		args: { asset_doctype: params.asset_doctype || "", asset_name: params.asset_name || "" },
	}).then((r) => {
		const s = r.message || {};
		const types = s.service_types || [];
		types.forEach((t) => (asset_types[t.name] = t.asset_doctype));
		ASSET_LAYERS = s.asset_layers || {};
		ASSET_STYLES = s.asset_styles || {};
		wf.set_df_property("service_type", "options", [{ label: "", value: "" }].concat(
			types.map((t) => ({ label: t.name_en ? `${t.name_th} (${t.name_en})` : t.name_th, value: t.name }))
		));
		let type = params.service_type;
		if (!type && params.asset_doctype) {
			const match = types.find((t) => t.asset_doctype === params.asset_doctype);
			type = match && match.name;
		}
		if (type) wf.set_value("service_type", type);
		if (params.asset_doctype && params.asset_name) {
			wf.set_value("asset_doctype", params.asset_doctype);
			wf.set_value("asset_name", params.asset_name);
		}
		if (s.me) {
			// a logged-in citizen files as themselves: their name and phone are filled in
			if (!wf.get_value("requester_name")) wf.set_value("requester_name", s.me.name);
			if (!wf.get_value("requester_phone") && s.me.phone) wf.set_value("requester_phone", s.me.phone);
		}
		setup_map(s);
	});

	// --- place: browser GPS, or a pin on the map ----------------------------------------------
	function set_point(lat, lng, pan, zoom) {
		wf.set_value("latitude", Number(lat.toFixed(7)));
		wf.set_value("longitude", Number(lng.toFixed(7)));
		if (map) {
			if (!marker) marker = L.marker([lat, lng]).addTo(map);
			marker.setLatLng([lat, lng]);
			if (pan) map.setView([lat, lng], zoom || 16);
		}
	}

	function locate() {
		if (!navigator.geolocation) return;
		navigator.geolocation.getCurrentPosition(
			(pos) => set_point(pos.coords.latitude, pos.coords.longitude, true),
			() => $("#nonsaad-gps-status").text(__("No position from GPS: tap the map to drop a pin")),
			{ enableHighAccuracy: true, timeout: 15000 }
		);
	}

	function setup_map(s) {
		const $after = wf.fields_dict.longitude.$wrapper;
		$after.after(`
			<div class="form-group">
				<button type="button" class="btn btn-default btn-sm" id="nonsaad-gps">📍 ${__("Use my current location (GPS)")}</button>
				<span class="text-muted small" id="nonsaad-gps-status">${__("or tap the map to drop a pin")}</span>
				<div id="nonsaad-report-map" style="height: 280px; margin-top: 8px; border-radius: 8px;"></div>
			</div>`);
		$("#nonsaad-gps").on("click", locate);
		$("head").append('<link rel="stylesheet" href="/assets/frappe/js/lib/leaflet/leaflet.css">');
		$.getScript("/assets/frappe/js/lib/leaflet/leaflet.js").then(() => {
			// the municipality's map centre (Smart Settings); without one, its boundary, else Thailand
			map = L.map("nonsaad-report-map");
			if (s.center && s.center[0]) map.setView(s.center, s.zoom || 13);
			else if (s.boundary) map.fitBounds(L.geoJSON(s.boundary).getBounds());
			else map.setView([15.87, 100.99], 6);
			wf.nonsaad_map = map; // for other scripts and the browser tests
			L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
				maxZoom: 19,
				attribution: "© OpenStreetMap",
			}).addTo(map);
			if (s.boundary) L.geoJSON(s.boundary, { style: { color: "#1565c0", weight: 2, fill: false } }).addTo(map);
			map.on("click", (e) => {
				set_point(e.latlng.lat, e.latlng.lng, false);
				snap_to_nearest(e.latlng.lat, e.latlng.lng);
			});
			map.on("moveend", show_assets);
			wf.on("service_type", show_assets);
			const lat = wf.get_value("latitude"), lng = wf.get_value("longitude");
			if (s.asset && s.asset.name === wf.get_value("asset_name")) {
				// opened from an asset (a pole's QR page, the map): the map opens on it, close up
				set_point(s.asset.latitude, s.asset.longitude, true, 18);
			} else if (lat && lng) set_point(lat, lng, true);
			show_assets();
		});
		if (!params.asset_name) locate();
	}

	// --- pick the exact pole on the map: the public street-light layer around the current view ------
	// register DocType -> map layer, from the server (hooks nonsaad_asset_registers), and how each layer
	// draws its features (the one map's spec: style.color_by/colors, the title template)
	let ASSET_LAYERS = {};
	let ASSET_STYLES = {};

	// the colour of a feature as the one map gives it (smart_map.js colour_of): by `color_by`, else its own
	function colour_of(layer, feature, fallback) {
		const style = (ASSET_STYLES[layer] || {}).style || {};
		const props = feature.properties || {};
		if (style.color_by && style.colors && style.colors[props[style.color_by]]) return style.colors[props[style.color_by]];
		return props.color || style.color || fallback;
	}

	// its title (smart_map.js title_of): the layer's template with the display values (a status translated)
	function title_of(layer, feature, display) {
		const template = (ASSET_STYLES[layer] || {}).title;
		const props = feature.properties || {};
		if (!template) return props.title || props.name;
		return template.replace(/\{(\w+)\}/g, (_, key) => {
			const value = props[key];
			if (value == null) return "";
			const known = (display || {})[key];
			return known && known[value] != null ? known[value] : value;
		});
	}

	function show_assets() {
		if (!map) return;
		const layer = ASSET_LAYERS[asset_types[wf.get_value("service_type")]];
		if (asset_layer) {
			map.removeLayer(asset_layer);
			asset_layer = null;
		}
		if (!layer || map.getZoom() < 15) {
			const zoom_hint = pole_layer(layer) ? __("Zoom in on the map to pick the broken pole") : __("Zoom in on the map to pick it, or drop a pin near it");
			$("#nonsaad-gps-status").text(layer ? zoom_hint : __("or tap the map to drop a pin"));
			return;
		}
		frappe.call({
			method: "nonsaad_smart.smart_core.gis.get_layer",
			args: { layer, bbox: map.getBounds().toBBoxString() },
		}).then((r) => {
			const display = (r.message && r.message.display) || {};
			asset_layer = L.geoJSON(r.message, {
				// lines (roads, drains): the picked one thicker and blue
				style: (feature) => {
					const picked = feature.properties.name === wf.get_value("asset_name");
					return { weight: picked ? 9 : 6, color: picked ? "#1565c0" : colour_of(layer, feature, "#757575"), opacity: 0.85 };
				},
				pointToLayer: (feature, latlng) => {
					const picked = feature.properties.name === wf.get_value("asset_name");
					return L.circleMarker(latlng, {
						radius: picked ? 12 : 8, weight: picked ? 4 : 2, color: picked ? "#1565c0" : "#333",
						fillOpacity: 0.9, fillColor: colour_of(layer, feature, "#f9a825"),
						className: picked ? "nonsaad-pick-asset nonsaad-picked-asset" : "nonsaad-pick-asset",
						bubblingMouseEvents: false, // a tap on a pole is not also a pin on the map
					});
				},
				onEachFeature: (feature, l) => l.on("click", (e) => {
					if (e.originalEvent) L.DomEvent.stopPropagation(e);
					pick_asset(feature, layer, e.latlng, display);
				}),
			}).addTo(map);
			$("#nonsaad-gps-status").text(
				pole_layer(layer) ? __("Tap the broken pole on the map") : __("Tap it on the map, or drop a pin near it")
			);
		});
	}

	function pole_layer(layer) {
		return ASSET_LAYERS["Street Light Pole"] === layer;
	}

	function pick_asset(feature, layer, latlng, display) {
		const doctype = Object.keys(ASSET_LAYERS).find((d) => ASSET_LAYERS[d] === layer);
		// a point asset: its own place; a line (road, drain): where it was tapped
		const point = feature.geometry.type === "Point";
		const [lng, lat] = point ? feature.geometry.coordinates : [latlng.lng, latlng.lat];
		wf.set_value("asset_doctype", doctype);
		wf.set_value("asset_name", feature.properties.name);
		set_point(lat, lng, false);
		if (asset_layer) {
			// the chosen asset is drawn as picked
			asset_layer.eachLayer((l) => {
				const picked = l.feature.properties.name === feature.properties.name;
				if (l.setRadius) {
					l.setRadius(picked ? 12 : 8);
					l.setStyle({ weight: picked ? 4 : 2, color: picked ? "#1565c0" : "#333" });
				} else {
					l.setStyle({ weight: picked ? 9 : 6, color: picked ? "#1565c0" : colour_of(layer, l.feature, "#757575") });
				}
				if (l.getElement()) l.getElement().classList.toggle("nonsaad-picked-asset", picked);
			});
		}
		const label = title_of(layer, feature, display);
		$("#nonsaad-gps-status").text(
			doctype === "Street Light Pole" ? __("Selected pole {0}", [feature.properties.name]) : __("Selected {0}", [label])
		);
	}

	// --- a pin dropped near a road/drain/culvert snaps to it (registers with a `nearest` method) ------
	function snap_to_nearest(lat, lng) {
		const doctype = asset_types[wf.get_value("service_type")];
		if (!doctype || doctype === "Street Light Pole") return;
		frappe.call({
			method: "nonsaad_smart.e_smart_service.assets.nearest",
			args: { asset_doctype: doctype, latitude: lat, longitude: lng },
		}).then((r) => {
			const found = r.message;
			if (!found) return;
			wf.set_value("asset_doctype", doctype);
			wf.set_value("asset_name", found.name);
			$("#nonsaad-gps-status").text(__("Selected {0} ({1} m away)", [found.title || found.name, found.distance_m]));
			show_assets();
		});
	}

	// --- photo: our own picker; the image is shrunk and sent with the form (checked on the server) ---
	const photo_field = wf.fields_dict.photo;
	photo_field.$wrapper.find(".control-input-wrapper, .attached-file, .control-input").hide();
	photo_field.$wrapper.append(`
		<input type="file" id="nonsaad-photo" class="form-control" accept="image/jpeg,image/png,image/webp" capture="environment">
		<img id="nonsaad-photo-preview" style="max-width: 100%; max-height: 200px; margin-top: 8px; display: none;">`);
	$("#nonsaad-photo").on("change", function () {
		const file = this.files && this.files[0];
		delete wf.doc.photo;
		if (!file) return;
		if (!/^image\/(jpeg|png|webp)$/.test(file.type)) {
			frappe.msgprint(__("Only JPG, PNG or WebP images are accepted"));
			this.value = "";
			return;
		}
		const reader = new FileReader();
		reader.onload = () => {
			const img = new Image();
			img.onload = () => {
				const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
				const canvas = document.createElement("canvas");
				canvas.width = Math.round(img.width * scale);
				canvas.height = Math.round(img.height * scale);
				canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
				const data_url = canvas.toDataURL("image/jpeg", 0.85);
				const base = file.name.replace(/\.[^.]+$/, "").replace(/[^\w\-]/g, "_") || "photo";
				wf.doc.photo = `${base}.jpg,${data_url}`;
				$("#nonsaad-photo-preview").attr("src", data_url).show();
			};
			img.onerror = () => frappe.msgprint(__("The image file cannot be read"));
			img.src = reader.result;
		};
		reader.readAsDataURL(file);
	});

	// --- success: the tracking number and a link to follow it ----------------------------------
	const show_success = wf.handle_success.bind(wf);
	wf.handle_success = (data) => {
		show_success(data);
		const no = frappe.utils.escape_html(data.name || "");
		const merged = data.merged
			? `<p>${__("This was already reported: your report was added to that request")}</p>`
			: "";
		$(".success-message").html(`
			${merged}
			<p>${__("Your tracking number")}</p>
			<p style="font-size: 1.6em; font-weight: bold;" id="tracking-number">${no}</p>
			<p>${__("Use the tracking number with the last 4 digits of your phone to follow the status")}</p>
			<p><a class="btn btn-primary" id="status-link" href="/request-status?tracking_number=${encodeURIComponent(data.name || "")}">${__("Track status")}</a></p>`);
	};
});
