// Home Visit: the check-in point from the caregiver's phone (the server checks it is in the municipality).
frappe.ui.form.on("Home Visit", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.latitude && navigator.geolocation) {
			navigator.geolocation.getCurrentPosition((pos) => {
				frm.set_value("latitude", pos.coords.latitude);
				frm.set_value("longitude", pos.coords.longitude);
			});
		}
	},
});
