// Child Development Centre: the latest term's staff ratio per age group, and the centre's staff.
frappe.ui.form.on("Child Development Centre", {
	refresh(frm) {
		render_ratio(frm);
		if (!frm.is_new()) {
			frm.add_custom_button(__("Staff"), () =>
				frappe.set_route("List", "Centre Staff", { centre: frm.doc.name })
			);
		}
		frm.set_query("head", () => ({
			filters: { centre: frm.doc.name, position: "Head of Centre", status: ["!=", "Left"] },
		}));
	},
});

function render_ratio(frm) {
	const wrapper = frm.get_field("ratio_html").$wrapper;
	if (frm.is_new()) {
		wrapper.empty();
		return;
	}
	frm.call("get_ratio").then((r) => {
		const rows = r.message || [];
		if (!rows.length) {
			wrapper.html(`<p class="text-muted">${__("No enrolment recorded yet")}</p>`);
			return;
		}
		const body = rows
			.map(
				(row) => `<tr class="${row.over ? "text-danger" : ""}">
				<td>${frappe.utils.escape_html(__(row.age_group))}</td><td>${row.children}</td>
				<td>${row.caregivers}</td><td>${row.per_caregiver ?? "-"}</td>
				<td>${row.limit ? "1 : " + row.limit : "-"}</td>
				<td>${row.over ? __("Over the ratio") : __("Within the ratio")}</td></tr>`
			)
			.join("");
		wrapper.html(`<table class="table table-bordered table-sm"><thead><tr>
			<th>${__("Age Group")}</th><th>${__("Children")}</th><th>${__("Caregivers")}</th>
			<th>${__("Children per Caregiver")}</th><th>${__("Rule")}</th><th>${__("Status")}</th>
			</tr></thead><tbody>${body}</tbody></table>`);
	});
}
