// Asset (ERPNext) in the municipality: print the QR label of this one asset (print format "Asset QR Label").
frappe.ui.form.on("Asset", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.municipal_asset_code) return;
		frm.add_custom_button(__("QR Label"), () => {
			const url = `/printview?${new URLSearchParams({
				doctype: "Asset",
				name: frm.doc.name,
				format: "Asset QR Label",
				no_letterhead: 1,
				trigger_print: 1,
			})}`;
			window.open(url, "_blank");
		});
	},
});
