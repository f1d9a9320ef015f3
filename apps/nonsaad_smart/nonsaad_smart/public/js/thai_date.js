// Buddhist-era dates for Thai readers, in the desk and on web pages: nonsaad.be_date("2026-11-26") -> "26/11/2569".
// The server does the same in Python (smart_core/thai_date.py, smart_core/be_calendar.py); keep them in step.
//
// Thai users read and type BE (พ.ศ. = ค.ศ. + 543) while Frappe stores CE. Rather than fixing fields one by
// one, this wraps the framework's own date formatting for a user whose language is Thai:
//   - frappe.datetime.str_to_user / obj_to_user / global_date_format and frappe.form.formatters.Date /
//     Datetime / DateRange: lists, forms (read mode), reports, dashboards, banners print the BE year;
//   - frappe.datetime.user_to_str: what a user types (02-12-2569, or 02-12-69) is stored as 2026-12-02,
//     a CE year typed by habit (02-12-2026) is kept as it is;
//   - the date picker (air-datepicker) shows and writes BE years;
//   - frappe.Chart (frappe-charts, dashboard and report charts): "Dec 2025" -> "ธ.ค. 2568".
// Other languages are untouched. Values in the model, the API and the database stay CE.
(function () {
	const MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
		"สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
	const SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
		"พ.ย.", "ธ.ค."];
	const EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
	const BE_OFFSET = 543;
	const WRAPPED = "__nonsaad_be";
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
		const year = p.y + BE_OFFSET;
		let text;
		if (style === "long") text = `${p.d} ${MONTHS[p.mo - 1]} ${year}`;
		else if (style === "medium") text = `${p.d} ${SHORT[p.mo - 1]} ${year}`;
		else text = `${pad(p.d)}/${pad(p.mo)}/${year}`;
		return p.time ? `${text} ${p.time}` : text;
	}

	function fiscal_year(value) {
		const p = parse(value);
		return p ? p.y + BE_OFFSET + (p.mo >= 10 ? 1 : 0) : null;
	}

	function is_thai() {
		const lang = (window.frappe && frappe.boot && frappe.boot.lang) || document.documentElement.lang || "";
		return String(lang).toLowerCase().startsWith("th");
	}

	// "02-12-2026 10:00" -> "02-12-2569 10:00": the first four-digit CE year (1800–2299) becomes BE
	function to_be_text(text) {
		if (typeof text !== "string" || !text) return text;
		return text.replace(/(^|\D)(1[89]\d\d|2[0-2]\d\d)(?!\d)/, (m, before, y) => before + (+y + BE_OFFSET));
	}

	// what a Thai user typed, in the user's date format, with a BE year -> the same text with a CE year.
	// "02-12-2569" -> "02-12-2026"; "02-12-69" -> "02-12-2026" (a two-digit year is BE: 69 = 2569);
	// a CE year (1800–2299) is left as typed.
	function be_input_to_ce(value) {
		if (typeof value !== "string" || !value.trim()) return value;
		const fmt = (frappe.datetime.get_user_date_fmt() || "dd-mm-yyyy").toLowerCase();
		const order = fmt.split(/[^a-z]+/).filter(Boolean);
		const y_index = order.findIndex((part) => part.startsWith("y"));
		const m = value.match(/^(\s*)(\d+)(\D+)(\d+)(\D+)(\d+)(.*)$/);
		if (!m || y_index < 0) return value;
		const nums = [m[2], m[4], m[6]];
		// a system-format value (2026-12-02) where the user's format has the year last: not typed, keep it
		if (nums.findIndex((n) => n.length === 4) !== y_index && nums.some((n) => n.length === 4)) return value;
		const typed = nums[y_index];
		let year = parseInt(typed, 10);
		if (typed.length <= 2) year += 2500;
		if (year >= 2300) year -= BE_OFFSET;
		nums[y_index] = String(year);
		return `${m[1]}${nums[0]}${m[3]}${nums[1]}${m[5]}${nums[2]}${m[7]}`;
	}

	// chart labels from the server ("Dec 2025", "Quarter 1 2026", "02-12-2026", "2026") -> Thai BE;
	// other labels (Select values of a group-by chart) translated
	function be_chart_label(label) {
		if (typeof label !== "string") return label;
		// a group-by chart labels its slices with raw values (a Select option): the user's language
		if (window.__ && is_thai()) label = __(label);
		let m = label.match(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})$/);
		if (m) return `${SHORT[EN_SHORT.indexOf(m[1])]} ${+m[2] + BE_OFFSET}`;
		m = label.match(/^Quarter (\d) (\d{4})$/);
		if (m) return `ไตรมาส ${m[1]} ${+m[2] + BE_OFFSET}`;
		if (/^\d{4}$/.test(label)) return String(+label + BE_OFFSET);
		return to_be_text(label);
	}

	function be_chart_data(data) {
		if (data && Array.isArray(data.labels)) data.labels = data.labels.map(be_chart_label);
		return data;
	}

	function wrap(owner, name, make) {
		const original = owner && owner[name];
		if (typeof original !== "function" || original[WRAPPED]) return;
		const wrapped = make(original);
		wrapped[WRAPPED] = true;
		owner[name] = wrapped;
	}

	function install() {
		if (!window.frappe) return;
		const dt = frappe.datetime;
		if (dt) {
			wrap(dt, "str_to_user", (orig) => function (val, only_time, only_date) {
				const text = orig.apply(this, arguments);
				return is_thai() && !only_time ? to_be_text(text) : text;
			});
			wrap(dt, "obj_to_user", (orig) => function () {
				const text = orig.apply(this, arguments);
				return is_thai() ? to_be_text(text) : text;
			});
			wrap(dt, "global_date_format", (orig) => function () {
				const text = orig.apply(this, arguments);
				return is_thai() ? to_be_text(text) : text;
			});
			wrap(dt, "user_to_str", (orig) => function (val, only_time) {
				if (is_thai() && !only_time) val = be_input_to_ce(val);
				return orig.call(this, val, only_time);
			});
		}
		const formatters = frappe.form && frappe.form.formatters;
		if (formatters) {
			["Date", "Datetime", "DateRange"].forEach((fieldtype) =>
				wrap(formatters, fieldtype, (orig) => function () {
					const text = orig.apply(this, arguments);
					return is_thai() ? to_be_text(text) : text;
				})
			);
		}
		install_datepicker();
		install_charts();
	}

	// air-datepicker: the year in the input, the title and the year cells in BE
	function install_datepicker() {
		const Picker = window.jQuery && $.fn.datepicker && $.fn.datepicker.Constructor;
		if (!Picker) return;
		wrap(Picker.prototype, "formatDate", (orig) => function (string, date) {
			if (!is_thai() || typeof string !== "string") return orig.apply(this, arguments);
			const when = date || this.date;
			const first = Math.floor(when.getFullYear() / 10) * 10;
			const marked = string.replace(/yyyy1/g, "\u0001").replace(/yyyy2/g, "\u0002").replace(/yyyy/g, "\u0003");
			return orig.call(this, marked, date)
				.replace(/\u0003/g, when.getFullYear() + BE_OFFSET)
				.replace(/\u0001/g, first + BE_OFFSET)
				.replace(/\u0002/g, first + 9 + BE_OFFSET);
		});
		wrap(Picker.prototype, "_getCellContents", (orig) => function (date, type) {
			const cell = orig.apply(this, arguments);
			if (type === "year" && is_thai() && cell && String(cell.html) === String(date.getFullYear())) {
				cell.html = date.getFullYear() + BE_OFFSET;
			}
			return cell;
		});
	}

	// frappe-charts returns another object from its constructor: wrap the factory, keep the class
	function install_charts() {
		const Base = frappe.Chart;
		if (typeof Base !== "function" || Base[WRAPPED]) return;
		const Chart = function (parent, options) {
			if (is_thai() && options) be_chart_data(options.data);
			const chart = new Base(parent, options);
			if (chart && typeof chart.update === "function") {
				const update = chart.update.bind(chart);
				chart.update = (data) => update(is_thai() ? be_chart_data(data) : data);
			}
			return chart;
		};
		Chart.prototype = Base.prototype;
		Object.setPrototypeOf(Chart, Base);
		Chart[WRAPPED] = true;
		frappe.Chart = Chart;
	}

	window.nonsaad = Object.assign(window.nonsaad || {}, {
		be_date, fiscal_year, to_be_text, be_input_to_ce, be_chart_label, install_be_dates: install,
	});

	install();
	// web pages load the web-form bundle (which redefines frappe.datetime) after this file
	document.addEventListener("DOMContentLoaded", install);
	window.addEventListener("load", install);
	if (window.frappe && typeof frappe.ready === "function") frappe.ready(install);
})();
