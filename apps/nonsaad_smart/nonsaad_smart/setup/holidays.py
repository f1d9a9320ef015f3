"""The working-day calendar: a Holiday List with weekends and the Thai public holidays of FY 2569–2570.

Dates follow the Cabinet's announced public holidays (วันหยุดราชการ) incl. substitution days; the lunar
Buddhist holidays move every year. Officers extend the list each year in the desk (Holiday List).
"""

import frappe

HOLIDAY_LIST = "Thai Public Holidays FY2569-2570"
START, END = "2025-10-01", "2027-09-30"

THAI_HOLIDAYS = {
	"2025-10-13": "วันนวมินทรมหาราช (King Bhumibol Memorial Day)",
	"2025-10-23": "วันปิยมหาราช (Chulalongkorn Day)",
	"2025-12-05": "วันพ่อแห่งชาติ (King Bhumibol's Birthday, Father's Day)",
	"2025-12-10": "วันรัฐธรรมนูญ (Constitution Day)",
	"2025-12-31": "วันสิ้นปี (New Year's Eve)",
	"2026-01-01": "วันขึ้นปีใหม่ (New Year's Day)",
	"2026-03-03": "วันมาฆบูชา (Makha Bucha)",
	"2026-04-06": "วันจักรี (Chakri Day)",
	"2026-04-13": "วันสงกรานต์ (Songkran)",
	"2026-04-14": "วันสงกรานต์ (Songkran)",
	"2026-04-15": "วันสงกรานต์ (Songkran)",
	"2026-05-01": "วันแรงงานแห่งชาติ (Labour Day)",
	"2026-05-04": "วันฉัตรมงคล (Coronation Day)",
	"2026-06-01": "ชดเชยวันวิสาขบูชา (Visakha Bucha, substitute)",
	"2026-06-03": "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี (Queen Suthida's Birthday)",
	"2026-07-28": "วันเฉลิมพระชนมพรรษา ร.10 (King Vajiralongkorn's Birthday)",
	"2026-07-29": "วันอาสาฬหบูชา (Asarnha Bucha)",
	"2026-07-30": "วันเข้าพรรษา (Khao Phansa)",
	"2026-08-12": "วันแม่แห่งชาติ (Queen Sirikit's Birthday, Mother's Day)",
	"2026-10-13": "วันนวมินทรมหาราช (King Bhumibol Memorial Day)",
	"2026-10-23": "วันปิยมหาราช (Chulalongkorn Day)",
	"2026-12-07": "ชดเชยวันพ่อแห่งชาติ (Father's Day, substitute)",
	"2026-12-10": "วันรัฐธรรมนูญ (Constitution Day)",
	"2026-12-31": "วันสิ้นปี (New Year's Eve)",
	"2027-01-01": "วันขึ้นปีใหม่ (New Year's Day)",
	"2027-02-22": "ชดเชยวันมาฆบูชา (Makha Bucha, substitute)",
	"2027-04-06": "วันจักรี (Chakri Day)",
	"2027-04-13": "วันสงกรานต์ (Songkran)",
	"2027-04-14": "วันสงกรานต์ (Songkran)",
	"2027-04-15": "วันสงกรานต์ (Songkran)",
	"2027-05-03": "ชดเชยวันแรงงานแห่งชาติ (Labour Day, substitute)",
	"2027-05-04": "วันฉัตรมงคล (Coronation Day)",
	"2027-05-20": "วันวิสาขบูชา (Visakha Bucha)",
	"2027-06-03": "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี (Queen Suthida's Birthday)",
	"2027-07-19": "ชดเชยวันอาสาฬหบูชา (Asarnha Bucha, substitute)",
	"2027-07-20": "วันเข้าพรรษา (Khao Phansa, substitute)",
	"2027-07-28": "วันเฉลิมพระชนมพรรษา ร.10 (King Vajiralongkorn's Birthday)",
	"2027-08-12": "วันแม่แห่งชาติ (Mother's Day)",
}


def setup_holiday_list() -> str:
	"""Create the Holiday List once (weekly offs Saturday + Sunday, then the public holidays)."""
	if frappe.db.exists("Holiday List", HOLIDAY_LIST):
		return HOLIDAY_LIST
	doc = frappe.new_doc("Holiday List")
	doc.holiday_list_name = HOLIDAY_LIST
	doc.from_date, doc.to_date = START, END
	for weekday in ("Saturday", "Sunday"):
		doc.weekly_off = weekday
		doc.get_weekly_off_dates()
	for day, description in THAI_HOLIDAYS.items():
		if not any(str(h.holiday_date) == day for h in doc.holidays):
			doc.append("holidays", {"holiday_date": day, "description": description})
	doc.insert(ignore_permissions=True)
	frappe.db.set_single_value("Smart Settings", "holiday_list", HOLIDAY_LIST)
	return HOLIDAY_LIST
