"""Every escalation and reminder job of the app, run twice on the same day (a scheduler that catches up a
missed day, then a rerun), notifies once: one record per job is made due, every daily job of hooks.py runs,
then runs again, and the second round writes no Notification Log and no e-mail (issue 18, "Faults
survived": the fault run's rerun had sent the care managers' overdue-visit alerts a second time). And
every scheduled method of the app has a Scheduled Job Type of its own (the scheduler runs each)."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from nonsaad_smart.e_smart_service.tests.factories import make_request, make_service_type
from nonsaad_smart.smart_care.tests.factories import make_adl, make_care_person, make_team
from nonsaad_smart.smart_ems.tests.factories import make_crew
from nonsaad_smart.smart_karupan.doctype.asset_stock_check.test_asset_stock_check import (
	SUPPLIES,
	make_karupan_users,
	make_location,
	make_stock_check,
)
from nonsaad_smart.smart_kids.tests.factories import (
	education_officer,
	make_centre,
	make_certificate,
	make_head,
	make_staff,
)
from nonsaad_smart.smart_pet.testing import citizen_with_user, health_officer, make_bite, make_pet, vaccinate
from nonsaad_smart.tests.utils import make_user

# the daily jobs that send nothing (no case needed)
SILENT_JOBS = {"nonsaad_smart.e_smart_service.tracking.create_counters"}


def app_daily_jobs() -> list[str]:
	return [
		m for m in frappe.get_hooks("scheduler_events").get("daily", []) if m.startswith("nonsaad_smart.")
	]


def overdue_request() -> tuple[str, str]:
	head = make_user("once.head@nonsaad.test", ["Public Works Officer"])
	kind = make_service_type("TONCE", sla_days=1, department_head=head)
	late = make_request(service_type=kind, submitted_on=add_days(today(), -20) + " 09:00:00")
	return "Service Request", late.name


def stock_check_due() -> tuple[str, str]:
	make_karupan_users()
	check = make_stock_check([make_location()])
	frappe.set_user(SUPPLIES)
	try:
		apply_workflow(frappe.get_doc("Asset Stock Check", check.name), "Start Check")
	finally:
		frappe.set_user("Administrator")
	frappe.db.set_value("Asset Stock Check", check.name, "due_date", add_days(today(), -1))
	return "Asset Stock Check", check.name


def certificate_expiring() -> tuple[str, str]:
	centre = make_centre("CDC-71").name
	make_head(centre, "kids.head71@nonsaad.test")
	education_officer()
	return "Staff Certificate", make_certificate(make_staff(centre, "Teacher").name, 60).name


def crew_certificate_expiring() -> tuple[str, str]:
	make_user("once.dispatcher@nonsaad.test", ["EMS Dispatcher"])
	return "EMS Crew Member", make_crew(expires_in=60).name


def visit_overdue() -> tuple[str, str]:
	manager = make_team()["manager"]
	person = make_care_person(care_manager=manager).name
	make_adl(person, 3, add_days(today(), -30))  # bedbound: a visit every 7 days
	frappe.get_doc(
		{
			"doctype": "Care Plan",
			"care_person": person,
			"goals": "ดูแลต่อเนื่อง",
			"care_manager": manager,
			"start_date": add_days(today(), -60),
		}
	).insert()
	return "Care Person", person


def booster_due() -> tuple[str, str]:
	owner = citizen_with_user("pet.once@nonsaad.test")
	pet = make_pet(pet_owner=owner.name)
	vaccinate(pet.name, 360)  # due in 5 days
	return "Pet", pet.name


def observation_missed() -> tuple[str, str]:
	health_officer()
	bite = make_bite(
		bitten_at=f"{add_days(today(), -3)} 08:00:00", reported_at=f"{add_days(today(), -3)} 09:00:00"
	)
	bite.workflow_state = "Under Observation"
	bite.save()
	return "Bite Incident", bite.name


# job -> a record it must notify about today
CASES = {
	"nonsaad_smart.e_smart_service.escalation.escalate_overdue_requests": overdue_request,
	"nonsaad_smart.smart_karupan.notifications.send_overdue_reminders": stock_check_due,
	"nonsaad_smart.smart_kids.alerts.send_staff_certificate_alerts": certificate_expiring,
	"nonsaad_smart.smart_ems.alerts.send_certificate_alerts": crew_certificate_expiring,
	"nonsaad_smart.smart_care.visits.send_overdue_visit_alerts": visit_overdue,
	"nonsaad_smart.smart_pet.alerts.send_booster_reminders": booster_due,
	"nonsaad_smart.smart_pet.alerts.send_observation_alerts": observation_missed,
}


def notifications(doctype: str, name: str) -> int:
	return frappe.db.count("Notification Log", {"document_type": doctype, "document_name": name})


def app_scheduled_methods() -> list[str]:
	methods = []
	for events in frappe.get_hooks("scheduler_events").values():
		for entry in events.values() if isinstance(events, dict) else [events]:
			methods += [m for m in entry if m.startswith("nonsaad_smart.")]
	return methods


class TestDailyJobsNotifyOnce(FrappeTestCase):
	def test_every_notifying_daily_job_has_a_case(self):
		self.assertEqual(set(app_daily_jobs()) - SILENT_JOBS, set(CASES))

	def test_every_job_has_a_scheduled_job_type_of_its_own(self):
		"""Frappe names a Scheduled Job Type by the method's last two parts: Smart Kids' and Smart EMS's
		`alerts.send_certificate_alerts` were one record, so the scheduler ran only the EMS one."""
		methods = app_scheduled_methods()
		names = [".".join(m.split(".")[-2:]) for m in methods]
		self.assertEqual(sorted(n for n in set(names) if names.count(n) > 1), [])
		for method in methods:
			self.assertTrue(frappe.db.exists("Scheduled Job Type", {"method": method}), method)

	def test_each_job_run_twice_notifies_once(self):
		due = {job: make() for job, make in CASES.items()}
		for job in app_daily_jobs():
			frappe.get_attr(job)()
		first = {job: notifications(*ref) for job, ref in due.items()}
		for job, n in first.items():
			self.assertGreater(n, 0, f"{job} did not notify about {due[job]}")
		totals = (frappe.db.count("Notification Log"), frappe.db.count("Email Queue"))
		for job in app_daily_jobs():  # the same day again: a rerun after the catch-up
			frappe.get_attr(job)()
		self.assertEqual({job: notifications(*ref) for job, ref in due.items()}, first)
		self.assertEqual((frappe.db.count("Notification Log"), frappe.db.count("Email Queue")), totals)
