// Thai on the desk where Frappe shows a raw value instead of its translation.
// A workflow state is a Link to "Workflow State", a DocType municipal users cannot read: Frappe's link
// formatter then prints the English name ("Submitted"). The state names have Thai rows in th.csv.
frappe.provide("frappe.form.link_formatters");
frappe.form.link_formatters["Workflow State"] = (value) => (value ? __(value) : value);
// the same for a DocType name (a request is about a "Street Light Pole"): DocType names have Thai rows
frappe.form.link_formatters["DocType"] = (value) => (value ? __(value) : value);
// a report sent from the public web form is owned by Guest: the timeline names it in Thai
if (frappe.boot && frappe.boot.user_info) {
	frappe.boot.user_info.Guest = Object.assign({}, frappe.boot.user_info.Guest, { fullname: __("Guest") });
}

// The timeline prints a changed field's old and new values raw ("Draft" to "Checking", "null"): show a
// Select option or workflow state as the form shows it (translated) and an empty value as "(empty)".
// Patched once on the timeline's class (Frappe does not export it), then redrawn.
$(document).on("form-refresh", (_event, frm) => {
	const proto = frm.timeline && Object.getPrototypeOf(frm.timeline);
	if (!proto || proto.__nonsaad_thai_values) return;
	proto.__nonsaad_thai_values = true;
	const original = proto.get_version_timeline_contents;
	proto.get_version_timeline_contents = function () {
		const versions = (this.doc_info && this.doc_info.versions) || [];
		const raw = versions.map((version) => version.data);
		versions.forEach((version) => (version.data = translated_changes(version.data, this.frm.doctype)));
		try {
			return original.call(this);
		} finally {
			versions.forEach((version, i) => (version.data = raw[i]));
		}
	};
	frm.timeline.refresh(); // the first form may have drawn its timeline already
});

function translated_changes(data, doctype) {
	let parsed;
	try {
		parsed = JSON.parse(data);
	} catch (e) {
		return data;
	}
	(parsed.changed || []).forEach((change) => {
		const df = frappe.meta.get_docfield(doctype, change[0]);
		const translatable =
			df && (df.fieldtype === "Select" || (df.fieldtype === "Link" && df.options === "Workflow State"));
		for (const i of [1, 2]) {
			if (change[i] === null || change[i] === undefined || change[i] === "") {
				change[i] = __("(empty)");
			} else if (translatable) {
				change[i] = __(change[i]);
			}
		}
	});
	return JSON.stringify(parsed);
}
