// EMS Incident: dispatch (nearest available ambulance with a valid crew), stand down, correct a time
// stamp with a reason, and the crew's phone screen. Every rule is checked again on the server.
const EMS_API = "nonsaad_smart.smart_ems.api.";
const EMS_STEPS = ["call_received", "dispatched", "left_base", "at_scene", "left_scene", "at_hospital", "back_in_service"];

frappe.ui.form.on("EMS Incident", {
	refresh(frm) {
		if (frm.is_new()) return;
		const roles = frappe.user_roles;
		const dispatcher = ["EMS Dispatcher", "Municipal Admin", "System Manager"].some((r) => roles.includes(r));
		if (dispatcher && frm.doc.status === "Awaiting Dispatch") {
			frm.add_custom_button(__("Dispatch Ambulance"), () => ems_dispatch_dialog(frm)).addClass("btn-primary");
		}
		if (dispatcher && !["Closed", "Cancelled"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Stand Down"), () => {
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					(v) => frappe.call(EMS_API + "stand_down", { incident: frm.doc.name, reason: v.reason }).then(() => frm.reload_doc()),
					__("Stand Down")
				);
			});
		}
		if (dispatcher && frm.doc.dispatched) {
			frm.add_custom_button(__("Correct a Time"), () => ems_correct_dialog(frm));
		}
		if (frm.doc.ambulance && !["Closed", "Cancelled"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Time Buttons"), () => frappe.set_route("ems-crew", { incident: frm.doc.name }));
		}
	},
});

function ems_dispatch_dialog(frm) {
	frappe.call(EMS_API + "suggest_ambulances", { incident: frm.doc.name }).then((r) => {
		const rows = r.message || [];
		if (!rows.length) {
			frappe.msgprint(__("No ambulance with a valid crew is available now"));
			return;
		}
		const d = new frappe.ui.Dialog({
			title: __("Dispatch Ambulance"),
			fields: [{ fieldname: "list", fieldtype: "HTML" }],
		});
		const html = rows
			.map((s, i) => {
				const crew = s.crew.map((c) => `${frappe.utils.escape_html(c.full_name)} (${__(c.level)})`).join(", ");
				const distance = s.distance_km === null ? "–" : `${s.distance_km} ${__("km")}, ~${s.estimated_minutes} ${__("min")}`;
				return `<div class="ems-suggestion" style="border:1px solid var(--border-color);border-radius:8px;padding:10px;margin-bottom:8px">
					<b>${frappe.utils.escape_html(s.plate)}</b> (${s.ambulance_type}) – ${distance}
					<div class="text-muted small">${crew}</div>
					<button class="btn btn-primary btn-sm mt-2" data-index="${i}">${__("Dispatch Ambulance")} ${frappe.utils.escape_html(s.plate)}</button>
				</div>`;
			})
			.join("");
		d.fields_dict.list.$wrapper.html(`<p class="text-muted">${__("Nearest first (straight-line distance)")}</p>` + html);
		d.fields_dict.list.$wrapper.find("button").on("click", (e) => {
			const s = rows[$(e.currentTarget).data("index")];
			frappe.call({
				method: EMS_API + "dispatch",
				args: { incident: frm.doc.name, ambulance: s.ambulance },
				freeze: true,
			}).then(() => {
				d.hide();
				frm.reload_doc();
			});
		});
		d.show();
	});
}

function ems_correct_dialog(frm) {
	const options = EMS_STEPS.filter((s) => frm.doc[s]).map((s) => ({ value: s, label: __(frappe.meta.get_label("EMS Incident", s)) }));
	frappe.prompt(
		[
			{ fieldname: "step", fieldtype: "Select", label: __("Step"), options, reqd: 1 },
			{ fieldname: "new_time", fieldtype: "Datetime", label: __("New Time"), reqd: 1 },
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
		],
		(v) => frappe.call(EMS_API + "correct_time", { incident: frm.doc.name, ...v }).then(() => frm.reload_doc()),
		__("Correct a Time")
	);
}
