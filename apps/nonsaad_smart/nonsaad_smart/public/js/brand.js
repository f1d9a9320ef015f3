// The desk's About dialog speaks for the municipality (the framework's names the upstream product and its
// sites). The rest of the brand is set in settings and hooks: see setup/brand.py.
(function () {
	if (!window.frappe || !frappe.provide) return;
	frappe.provide("frappe.ui.misc");
	frappe.ui.misc.about = function () {
		if (!frappe.ui.misc.about_dialog) {
			const d = new frappe.ui.Dialog({ title: __("Non Sa-at Smart") });
			const version = (frappe.boot.versions || {}).nonsaad_smart || "";
			$(d.body).html(`<div class="nonsaad-about">
				<p><img src="/assets/nonsaad_smart/images/nonsaad-logo.svg" alt="" style="height: 48px;"></p>
				<p><b>${__("Non Sa-at Subdistrict Municipality")}</b></p>
				<p>${__("Smart Government services of the municipality")}</p>
				<p class="text-muted">v${frappe.utils.escape_html(version)}</p>
			</div>`);
			frappe.ui.misc.about_dialog = d;
		}
		frappe.ui.misc.about_dialog.show();
	};
})();
