frappe.pages["smart-map"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("Smart Map"), single_column: true });
	const element = $('<div class="nonsaad-map" style="height: calc(100vh - 160px); min-height: 420px;"></div>')
		.appendTo(page.main)
		.get(0);
	frappe.require("/assets/nonsaad_smart/js/smart_map.js", () => {
		wrapper.smart_map = new nonsaad.SmartMap(element, { desk: true });
	});
};
