// Buddhist-era dates for desk forms, lists and web forms: nonsaad.be_date("2026-11-26") -> "26/11/2569".
// The server does the same in Python (smart_core/thai_date.py); keep the two in step.
(function () {
	const MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
		"สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
	const SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
		"พ.ย.", "ธ.ค."];
	const OUR_MODULES = ["Smart Core", "Smart I Pole", "Smart Kids", "E-Smart Service", "Smart Terrain",
		"Smart EMS", "Smart Karupan", "Smart Pet", "Smart Care"];
	const pad = (n) => String(n).padStart(2, "0");

	function parse(value) {
		if (!value) return null;
		const m = String(value).match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/);
		if (!m) return null;
		return { y: +m[1], mo: +m[2], d: +m[3], time: m[4] ? `${m[4]}:${m[5]}` : "" };
	}

	function be_date(value, style) {
		const p = parse(value);
		if (!p) return "";
		const year = p.y + 543;
		let text;
		if (style === "long") text = `${p.d} ${MONTHS[p.mo - 1]} ${year}`;
		else if (style === "medium") text = `${p.d} ${SHORT[p.mo - 1]} ${year}`;
		else text = `${pad(p.d)}/${pad(p.mo)}/${year}`;
		return p.time ? `${text} ${p.time}` : text;
	}

	function fiscal_year(value) {
		const p = parse(value);
		return p ? p.y + 543 + (p.mo >= 10 ? 1 : 0) : null;
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, { be_date, fiscal_year });

	// In desk forms, show the BE reading under every filled Date/Datetime field.
	if (window.frappe && frappe.ui && frappe.ui.form) {
		$(document).on("form-refresh", function (e, frm) {
			if (!frm || !frm.meta || !OUR_MODULES.includes(frm.meta.module)) return;
			(frm.meta.fields || []).forEach((df) => {
				if (!["Date", "Datetime"].includes(df.fieldtype)) return;
				const field = frm.fields_dict[df.fieldname];
				if (!field || !field.$wrapper) return;
				const hint = frm.doc[df.fieldname] ? `พ.ศ. ${be_date(frm.doc[df.fieldname], "long")}` : "";
				field.$wrapper.find(".nonsaad-be-hint").remove();
				if (hint) field.$wrapper.append(`<div class="nonsaad-be-hint text-muted small">${hint}</div>`);
			});
		});
	}
})();
