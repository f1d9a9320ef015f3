// Service Request (desk): asks for what a workflow action needs before it runs (reason, original,
// assignee, resolution note and after photo), and prints the walk-in receipt.
const ACTION_FIELDS = {
	Reject: [{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
	"Mark Duplicate": [
		{ fieldname: "duplicate_of", fieldtype: "Link", options: "Service Request", label: __("Duplicate Of"), reqd: 1 },
		{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
	],
	Assign: [
		{
			fieldname: "assigned_to",
			fieldtype: "Link",
			options: "User",
			label: __("Assigned To"),
			reqd: 1,
			// only those who do the work: repair technicians and public works officers
			get_query: () => ({ query: "nonsaad_smart.e_smart_service.doctype.service_request.service_request.assignee_query" }),
		},
	],
	// a matter outside the municipality's powers: the agency and a note the citizen reads
	Transfer: [
		{ fieldname: "transfer_agency", fieldtype: "Data", label: __("Transferred To"), reqd: 1 },
		{ fieldname: "transfer_reference", fieldtype: "Data", label: __("Agency Reference") },
		{ fieldname: "transfer_note", fieldtype: "Small Text", label: __("Transfer Note"), reqd: 1 },
	],
	Resolve: [
		{ fieldname: "resolution_note", fieldtype: "Small Text", label: __("Resolution Note"), reqd: 1 },
		{ fieldname: "after_photo", fieldtype: "Attach Image", label: __("After Photo") },
	],
};

function ask(frm, action) {
	const fields = ACTION_FIELDS[action].map((df) => ({ ...df, default: frm.doc[df.fieldname] }));
	if (action === "Resolve") fields[1].reqd = frm.doc.kind === "Repair Report" ? 1 : 0;
	return new Promise((resolve, reject) => {
		let done = false;
		const dialog = new frappe.ui.Dialog({
			title: __(action),
			fields,
			primary_action_label: __(action),
			primary_action(values) {
				done = true;
				dialog.hide();
				resolve(values);
			},
		});
		dialog.onhide = () => !done && reject(new Error("cancelled"));
		dialog.show();
	});
}

// Citizen text is shown as text in the read-only form too: Frappe's formatter for Data/Small Text writes
// the value as HTML (it relies on sanitising at save; a value stored before our check or by a script
// would run). The server refuses markup on input (validation.py); this is the second layer.
const CITIZEN_TEXT = {
	"Service Request": ["description", "requester_name", "requester_phone", "reason", "resolution_note", "public_description", "citizen_note", "transfer_agency", "transfer_note"],
	"Service Request Report": ["reporter_name", "reporter_phone", "note"],
};

function as_text(value) {
	return frappe.utils.escape_html(value == null ? "" : String(value)).replace(/\n/g, "<br>");
}

function escape_citizen_text(frm) {
	// the meta's field and this document's copy of it (child tables copy per parent document)
	for (const [doctype, fieldnames] of Object.entries(CITIZEN_TEXT)) {
		for (const fieldname of fieldnames) {
			for (const df of [frappe.meta.get_docfield(doctype, fieldname), frappe.meta.get_docfield(doctype, fieldname, frm.doc.name)]) {
				if (df) df.formatter = as_text;
			}
			const control = doctype === frm.doctype && frm.fields_dict[fieldname];
			if (control) control.df.formatter = as_text;
		}
	}
}

frappe.ui.form.on("Service Request", {
	setup(frm) {
		escape_citizen_text(frm);
	},

	onload(frm) {
		escape_citizen_text(frm);
	},

	async before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		if (!ACTION_FIELDS[action]) return;
		// the workflow menu froze the page before this hook: a dialog under the freeze overlay cannot be
		// clicked, and Esc would leave the page frozen. Lift it while the officer answers, freeze again
		// for the save (workflow.js unfreezes once at the end).
		frappe.dom.unfreeze();
		let values;
		try {
			values = await ask(frm, action);
		} catch (e) {
			frm.selected_workflow_action = null;
			throw e;
		}
		frappe.dom.freeze();
		try {
			await frappe.xcall("frappe.client.set_value", {
				doctype: frm.doctype,
				name: frm.doc.name,
				fieldname: values,
			});
		} catch (e) {
			frappe.dom.unfreeze();
			throw e;
		}
		Object.assign(frm.doc, values);
	},

	after_workflow_action(frm) {
		frm.reload_doc(); // the next step (intro) and the assignment come with the loaded document
	},

	setup(frm) {
		frm.set_query("assigned_to", () => ({
			query: "nonsaad_smart.e_smart_service.doctype.service_request.service_request.assignee_query",
		}));
	},

	refresh(frm) {
		escape_citizen_text(frm);
		const next_step = (frm.doc.__onload || {}).next_step;
		if (next_step && !frm.is_new()) frm.set_intro(next_step, "blue");
		if (!frm.is_new()) {
			frm.add_custom_button(__("Print Receipt"), () =>
				frm.print_doc ? frm.print_doc() : frappe.set_route("print", frm.doctype, frm.doc.name)
			);
			const overdue = frm.doc.due_date && frm.doc.due_date < frappe.datetime.get_today()
				&& ((frappe.boot.nonsaad_service_request || {}).open_states || []).includes(frm.doc.workflow_state);
			if (overdue) frm.dashboard.set_headline_alert(__("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_date)]), "red");
		}
		frm.set_query("duplicate_of", () => ({ filters: { name: ["!=", frm.doc.name] } }));
	},
});
