// Citizen 360 as a desk page: /app/citizen-360/CIT-00001 (or pick the citizen in the field)
frappe.pages["citizen-360"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Citizen 360"), single_column: true });
	const body = $('<div class="nonsaad-c360-page" style="padding: 12px 0;"></div>').appendTo(page.main).get(0);
	wrapper.show_citizen = (citizen) => {
		if (citizen === wrapper.shown) return;
		wrapper.shown = citizen;
		if (!citizen) {
			$(body).html(`<p class="text-muted">${__("Choose a citizen")}</p>`);
			return;
		}
		if (frappe.get_route()[1] !== citizen) frappe.set_route("citizen-360", citizen);
		frappe.require("/assets/nonsaad_smart/js/citizen_360.js", () => nonsaad.render_citizen_360(body, citizen));
	};
	wrapper.citizen_field = page.add_field({
		fieldname: "citizen",
		label: __("Citizen"),
		fieldtype: "Link",
		options: "Citizen",
		change() {
			const value = wrapper.citizen_field.get_value();
			if (value) wrapper.show_citizen(value);
		},
	});
};

frappe.pages["citizen-360"].on_page_show = function (wrapper) {
	const citizen = frappe.get_route()[1] || frappe.route_options?.citizen || null;
	frappe.route_options = null;
	wrapper.show_citizen(citizen);
	if (citizen && wrapper.citizen_field.get_value() !== citizen) wrapper.citizen_field.set_value(citizen);
};
