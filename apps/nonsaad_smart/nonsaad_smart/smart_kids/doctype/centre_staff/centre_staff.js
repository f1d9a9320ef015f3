// Centre Staff: training hours this fiscal year against the target; the person's trainings and certificates.
frappe.ui.form.on("Centre Staff", {
	refresh(frm) {
		const wrapper = frm.get_field("training_summary").$wrapper;
		if (frm.is_new()) {
			wrapper.empty();
			return;
		}
		frm.call("training_summary").then((r) => {
			const s = r.message;
			const state = s.target
				? s.met
					? `<span class="indicator-pill green">${__("Target met")}</span>`
					: `<span class="indicator-pill orange">${__("Below target")}</span>`
				: "";
			wrapper.html(
				`<p>${__("Fiscal year {0}: {1} of {2} hours", [s.fiscal_year, s.hours, s.target || "-"])} ${state}</p>`
			);
		});
		for (const [label, doctype] of [
			[__("Trainings"), "Staff Training"],
			[__("Certificates"), "Staff Certificate"],
		]) {
			frm.add_custom_button(label, () => frappe.set_route("List", doctype, { staff: frm.doc.name }));
		}
	},
});
