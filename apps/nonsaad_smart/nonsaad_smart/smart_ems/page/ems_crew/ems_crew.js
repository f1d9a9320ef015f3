// The crew's phone screen: one big button for the next step of the incident, stamped with the server's
// time in one tap (smart_ems/timechain.py checks the order and that the user rides on the incident).
frappe.pages["ems-crew"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({ parent: wrapper, title: __("EMS Time Buttons"), single_column: true });
	wrapper.ems_crew = new EMSCrewScreen(page);
};
frappe.pages["ems-crew"].on_page_show = function (wrapper) {
	wrapper.ems_crew && wrapper.ems_crew.show();
};

const EMS_TRIAGE = { Red: "#c62828", Yellow: "#f9a825", Green: "#2e7d32", White: "#9e9e9e", Black: "#212121" };
const EMS_CSS = `
	.ems-crew { max-width: 480px; margin: 0 auto; }
	.ems-crew .ems-head { border-left: 12px solid #999; padding: 8px 12px; margin-bottom: 12px; background: var(--card-bg); border-radius: 8px; }
	.ems-crew .ems-head h3 { margin: 0 0 4px; font-size: 20px; }
	.ems-crew .ems-next { display: block; width: 100%; min-height: 96px; font-size: 26px; font-weight: 700;
		border-radius: 14px; border: none; color: #fff; background: #1565c0; margin: 8px 0 12px; touch-action: manipulation; }
	.ems-crew .ems-next[disabled] { opacity: .6; }
	.ems-crew .ems-alt { display: block; width: 100%; min-height: 64px; font-size: 20px; border-radius: 12px; margin-bottom: 12px; }
	.ems-crew .ems-steps { list-style: none; padding: 0; margin: 0; font-size: 17px; }
	.ems-crew .ems-steps li { display: flex; justify-content: space-between; padding: 10px 4px; border-bottom: 1px solid var(--border-color); }
	.ems-crew .ems-steps li.done { color: var(--text-color); font-weight: 600; }
	.ems-crew .ems-steps li.todo { color: var(--text-muted); }
	.ems-crew .ems-pick { display: block; width: 100%; min-height: 64px; font-size: 18px; text-align: left; margin-bottom: 8px; border-radius: 10px; }`;

class EMSCrewScreen {
	constructor(page) {
		this.page = page;
		if (!document.getElementById("ems-crew-css")) {
			$(`<style id="ems-crew-css">${EMS_CSS}</style>`).appendTo(document.head);
		}
		this.$body = $('<div class="ems-crew"></div>').appendTo(page.main);
		this.page.set_secondary_action(__("My Incidents"), () => this.pick());
	}

	show() {
		const incident = (frappe.route_options && frappe.route_options.incident) || frappe.utils.get_url_arg("incident");
		frappe.route_options = null;
		if (incident) this.open(incident);
		else this.pick();
	}

	pick() {
		this.incident = null;
		frappe.call("nonsaad_smart.smart_ems.api.my_incidents").then((r) => {
			const rows = r.message || [];
			if (rows.length === 1) return this.open(rows[0].name);
			this.$body.empty();
			if (!rows.length) {
				this.$body.html(`<p class="text-muted" style="font-size:18px">${__("No active incident for you")}</p>`);
				return;
			}
			rows.forEach((row) => {
				$(`<button class="btn btn-default ems-pick" style="border-left:10px solid ${EMS_TRIAGE[row.triage] || "#999"}"></button>`)
					.text(`${row.case_number || row.name} · ${__(row.status)}${row.landmark ? " · " + row.landmark : ""}`)
					.on("click", () => this.open(row.name))
					.appendTo(this.$body);
			});
		});
	}

	open(incident) {
		this.incident = incident;
		frappe.call("nonsaad_smart.smart_ems.api.incident_chain", { incident }).then((r) => this.render(r.message));
	}

	render(state) {
		this.state = state;
		this.$body.empty();
		const head = $(`<div class="ems-head" style="border-left-color:${EMS_TRIAGE[state.triage] || "#999"}">
			<h3></h3><div class="text-muted"></div></div>`).appendTo(this.$body);
		head.find("h3").text(`${state.incident} · ${__(state.triage)}`);
		head.find("div").text(__(state.status));
		const next = state.next_step;
		if (next && next !== "call_received" && next !== "dispatched" && state.may_stamp) {
			const label = state.steps.find((s) => s.step === next).label;
			$(`<button class="ems-next" data-step="${next}"></button>`)
				.text(label)
				.on("click", (e) => this.stamp(next, 0, e.currentTarget))
				.appendTo(this.$body);
			if (next === "at_hospital") {
				$(`<button class="btn btn-default ems-alt" data-step="back_in_service_no_transport"></button>`)
					.text(__("Back in Service (no transport)"))
					.on("click", (e) => this.stamp("back_in_service", 1, e.currentTarget))
					.appendTo(this.$body);
			}
		} else if (!next) {
			$(`<p style="font-size:18px"></p>`).text(__("The time chain is complete")).appendTo(this.$body);
		}
		const list = $('<ul class="ems-steps"></ul>').appendTo(this.$body);
		state.steps.forEach((s) => {
			const time = s.time ? frappe.datetime.str_to_user(s.time).split(" ").pop() : "–";
			$(`<li class="${s.time ? "done" : "todo"}" data-step="${s.step}"><span></span><span></span></li>`)
				.appendTo(list)
				.find("span")
				.first()
				.text(s.label)
				.next()
				.text(time);
		});
	}

	stamp(step, no_transport, button) {
		$(this.$body).find("button").prop("disabled", true);
		frappe
			.call({
				method: "nonsaad_smart.smart_ems.api.stamp",
				args: { incident: this.incident, step, no_transport },
			})
			.then((r) => {
				frappe.show_alert({ message: __("Recorded"), indicator: "green" });
				this.open(this.incident);
			})
			.catch(() => this.open(this.incident));
	}
}
