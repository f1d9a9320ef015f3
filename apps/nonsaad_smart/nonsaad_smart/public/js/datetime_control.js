// Datetime fields with a time format without seconds (System Settings "HH:mm", so no "02:02:ss" is shown).
// The framework's ControlDatetime then hides the date picker's seconds slider, which the air-datepicker
// release from the npm registry (the installer's replacement for the framework's git fork) does not have:
// the form stopped rendering at the first Datetime field. Hide the slider only where it exists.
// The framework also writes the user's time zone under every Datetime field; in Non Sa-at everyone's
// time zone is the system's (Asia/Bangkok), so it is shown only to a user whose time zone differs.
(function () {
	function patch() {
		const form = window.frappe && frappe.ui && frappe.ui.form;
		const Base = form && form.ControlDatetime;
		if (!Base || Base.nonsaad_patched) return;
		const Patched = class extends Base {
			set_description() {
				if (frappe.datetime.is_system_time_zone && frappe.datetime.is_system_time_zone()) {
					form.ControlDate.prototype.set_description.call(this);
					return;
				}
				super.set_description();
			}
			set_datepicker() {
				form.ControlDate.prototype.set_datepicker.call(this);
				const picker = this.datepicker;
				const $tp = picker && picker.timepicker;
				if (!$tp || picker.opts.timeFormat.indexOf("s") !== -1 || !$tp.$seconds) return;
				$tp.$seconds.parent().css("display", "none");
				if ($tp.$secondsText) {
					$tp.$secondsText.css("display", "none");
					$tp.$secondsText.prev().css("display", "none");
				}
			}
		};
		Patched.nonsaad_patched = true;
		form.ControlDatetime = Patched;
	}
	patch();
	if (window.$) $(document).on("startup", patch);
})();
