// Citizen 360: every record linked to one person (smart_core/citizen360.py), as the viewer may read it.
// Used by the Citizen form (a dashboard section) and the desk page "citizen-360". The sections come from
// the nonsaad_citizen_links registry: nothing per module here.
(function () {
	function esc(text) {
		return frappe.utils.escape_html(text == null ? "" : String(text));
	}

	function cell(column, row) {
		const value = row[column.field];
		if (value === null || value === undefined || value === "") return "";
		if (column.field === "name") return esc(value);
		const df = { fieldtype: column.type, fieldname: column.field };
		if (column.field === "workflow_state" || column.type === "Select") return esc(__(value));
		if (["Link", "Dynamic Link"].includes(column.type)) return esc(value);
		return frappe.format(value, df, { inline: true }, row);
	}

	function section_html(section) {
		const head = section.columns.map((c) => `<th>${esc(c.label)}</th>`).join("");
		const body = section.rows.map((row) => {
			const cells = section.columns.map((c, i) => {
				const value = cell(c, row);
				return i === 0
					? `<td><a class="nonsaad-c360-open" href="${esc(section.route)}/${encodeURIComponent(row.name)}">${value}</a></td>`
					: `<td>${value}</td>`;
			}).join("");
			return `<tr>${cells}</tr>`;
		}).join("");
		const more = section.total > section.rows.length
			? `<a href="${esc(section.route)}?${encodeURIComponent(section.link_field)}=${encodeURIComponent(section.citizen)}">${esc(__("Show all {0}", [section.total]))}</a>`
			: "";
		const empty = section.rows.length ? "" : `<p class="text-muted small">${esc(__("No records"))}</p>`;
		return `<div class="nonsaad-c360-section" data-doctype="${esc(section.doctype)}">
			<h6>${esc(section.label)} <span class="badge badge-light">${section.total}</span>
				<small class="text-muted">${esc(section.module)}</small></h6>
			${empty}
			${section.rows.length ? `<div class="table-responsive"><table class="table table-sm table-bordered"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>` : ""}
			${more}</div>`;
	}

	async function render(wrapper, citizen) {
		const $wrapper = $(wrapper);
		$wrapper.html(`<p class="text-muted">${esc(__("Loading..."))}</p>`);
		const r = await frappe.call({
			method: "nonsaad_smart.smart_core.citizen360.citizen_360",
			args: { citizen },
		});
		const data = r.message;
		const duplicates = (data.duplicates || []).length
			? `<div class="alert alert-warning nonsaad-c360-duplicates">${esc(__("Possible duplicate"))}: ${data.duplicates
				.map((d) => `<a href="/app/citizen/${encodeURIComponent(d)}">${esc(d)}</a>`).join(", ")}</div>`
			: "";
		const sections = data.sections.map((s) => section_html({ ...s, citizen: data.citizen })).join("");
		$wrapper.html(`<div class="nonsaad-citizen-360" data-citizen="${esc(data.citizen)}">${duplicates}
			${sections || `<p class="text-muted">${esc(__("No linked records you may see"))}</p>`}</div>`);
		wrapper.dataset.loaded = "1";
		return data;
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, { render_citizen_360: render });
})();
