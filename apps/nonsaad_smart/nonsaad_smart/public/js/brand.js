// The desk's About dialog speaks for the municipality (the framework's names the upstream product and its
// sites). The rest of the brand is set in settings and hooks: see setup/brand.py.
(function () {
	if (!window.frappe || !frappe.provide) return;
	frappe.provide("frappe.ui.misc");
	frappe.ui.misc.about = function () {
		if (!frappe.ui.misc.about_dialog) {
			// this site's municipality (setup/brand.py boot_session: Smart Settings)
			const brand = frappe.boot.nonsaad_brand || {};
			const esc = frappe.utils.escape_html;
			const d = new frappe.ui.Dialog({ title: __(brand.title || "Smart Government") });
			const version = (frappe.boot.versions || {}).nonsaad_smart || "";
			const logo = brand.logo || "/assets/nonsaad_smart/images/nonsaad-logo.svg";
			$(d.body).html(`<div class="nonsaad-about">
				<p><img src="${esc(logo)}" alt="" style="height: 48px;"></p>
				<p><b>${esc(brand.name || "")}</b></p>
				<p>${__("Smart Government services of the municipality")}</p>
				<p class="text-muted">v${frappe.utils.escape_html(version)}</p>
			</div>`);
			frappe.ui.misc.about_dialog = d;
		}
		frappe.ui.misc.about_dialog.show();
	};
})();
