// Citizen 360 as a desk page: /app/citizen-360/CIT-00001 (or pick the citizen in the field)
frappe.pages["citizen-360"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Citizen 360"), single_column: true });
	const body = $('<div class="nonsaad-c360-page" style="padding: 12px 0;"></div>').appendTo(page.main).get(0);
	const show = (citizen) => {
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
			show(wrapper.citizen_field.get_value());
		},
	});
	wrapper.show_citizen = show;
};

frappe.pages["citizen-360"].on_page_show = function (wrapper) {
	const citizen = frappe.get_route()[1] || frappe.route_options?.citizen;
	frappe.route_options = null;
	if (citizen && wrapper.citizen_field.get_value() !== citizen) wrapper.citizen_field.set_value(citizen);
	else if (!citizen) wrapper.show_citizen(null);
};
