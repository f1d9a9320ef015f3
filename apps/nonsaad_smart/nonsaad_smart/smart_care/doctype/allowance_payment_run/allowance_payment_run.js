// Allowance Payment Run: start / stop the background job, live progress (frappe.publish_progress from the
// job: Frappe's progress dialog), the bank transfer file and the signed summary. The job announces each
// status change (doc_update), so the open form reloads by itself (Running, then Completed/Failed/Stopped).
// Every rule is on the server (payment_run.py).
const RUN_API = "nonsaad_smart.smart_care.payment_run.";

frappe.ui.form.on("Allowance Payment Run", {
	refresh(frm) {
		if (frm.is_new()) return;
		const status = frm.doc.status;
		if (["Draft", "Failed", "Stopped"].includes(status)) {
			frm.add_custom_button(__("Start Payment Run"), () =>
				frappe.call({ method: RUN_API + "queue_run", args: { name: frm.doc.name } }).then(() => frm.reload_doc())
			).addClass("btn-primary");
		}
		if (["Queued", "Running"].includes(status)) {
			frm.add_custom_button(__("Stop"), () =>
				frappe.call({ method: RUN_API + "stop_run", args: { name: frm.doc.name } }).then(() =>
					frappe.show_alert(__("The run stops after the current batch; nothing of it is kept"))
				)
			);
			frm.dashboard.show_progress(__("Allowance payment run"), frm.doc.progress || 0);
		}
		if (status === "Completed") {
			for (const format of ["CSV", "XLSX"]) {
				frm.add_custom_button(
					__("Bank Transfer File ({0})", [format]),
					() => window.open(`/api/method/nonsaad_smart.smart_care.bank_file.download_bank_file?run=${encodeURIComponent(frm.doc.name)}&file_format=${format}`),
					__("Export")
				);
			}
		}
	},
});
