// The citizen closes the loop (E-Smart Service api.citizen_response): on /request-status and /my-requests,
// a resolved request asks "is it really fixed?" – confirm, or reopen with a note and a photo – and a 1–5 rating.
window.nonsaad = window.nonsaad || {};
nonsaad.requestLoop = function (container, tracking_number, phone_last4, due, on_done) {
	const esc = frappe.utils.escape_html;
	const stars = [1, 2, 3, 4, 5]
		.map((n) => `<label class="mr-2"><input type="radio" name="loop-rating" value="${n}"> ${n}</label>`)
		.join("");
	const $box = $(`<div class="card mt-3 request-loop"><div class="card-body">
		<h3 style="font-size: 1.05rem;">${esc(__("Is it really fixed?"))}</h3>
		<p class="text-muted mb-2">${esc(__("Confirm the result, or ask for it to be fixed again, until {0}", [due || ""]))}</p>
		<div class="mb-2 loop-rating">${esc(__("Satisfaction (1 = least, 5 = most):"))} ${stars}</div>
		<div class="form-group"><textarea class="form-control loop-note" rows="2" maxlength="2000"
			placeholder="${esc(__("If it is not fixed yet, tell us what the problem still is"))}"></textarea></div>
		<div class="form-group"><label class="small">${esc(__("Photo of the remaining problem (optional)"))}</label>
			<input type="file" class="form-control-file loop-photo" accept="image/jpeg,image/png,image/webp"></div>
		<button type="button" class="btn btn-success loop-confirm">${esc(__("Confirm it is fixed"))}</button>
		<button type="button" class="btn btn-outline-danger loop-reopen">${esc(__("Not fixed yet, please fix it again"))}</button>
		<div class="loop-result mt-2" aria-live="polite"></div>
	</div></div>`);
	$(container).empty().append($box);
	const read_photo = () =>
		new Promise((resolve) => {
			const file = $box.find(".loop-photo")[0].files[0];
			if (!file) return resolve(null);
			const reader = new FileReader();
			reader.onload = () => resolve(`${file.name},${reader.result}`);
			reader.readAsDataURL(file);
		});
	const send = async (response) => {
		const args = {
			tracking_number,
			response,
			rating: $box.find("input[name=loop-rating]:checked").val() || "",
			note: $box.find(".loop-note").val(),
			photo: await read_photo(),
		};
		if (phone_last4) args.phone_last4 = phone_last4;
		frappe.call({
			method: "nonsaad_smart.e_smart_service.api.citizen_response",
			type: "POST",
			args,
			callback: (r) => {
				const d = r.message || {};
				$box.find("button").prop("disabled", true);
				$box.find(".loop-result").html(
					`<div class="alert alert-success loop-done">${esc(__("Thank you. Status now:"))} <strong>${esc(d.status_th || "")}</strong></div>`
				);
				on_done && on_done(d);
			},
		});
	};
	$box.find(".loop-confirm").on("click", () => send("confirm"));
	$box.find(".loop-reopen").on("click", () => send("reopen"));
};
