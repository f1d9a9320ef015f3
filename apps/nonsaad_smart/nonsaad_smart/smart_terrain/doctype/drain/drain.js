// Drain: drawn on the map (Geolocation field); condition from its latest survey.
// The map and the "Create" buttons: public/js/geodata_form.js (shared with Road, Culvert and Care Person).
frappe.ui.form.on("Drain", nonsaad.geodata_form.terrain_asset("Drain"));
