"""Bite Incident: a person bitten by a dog or cat. Reported within 24 hours (flagged when later), the
animal observed for 10 days after the bite (DLD), one observation note a day; the daily job
`alerts.send_observation_alerts` warns the Public Health Officers of a missed day. Workflow
Reported → Under Observation → Closed (closing needs the outcome)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime, getdate, now_datetime, time_diff_in_hours

from nonsaad_smart.smart_core.geo import validate_point
from nonsaad_smart.smart_pet.workflows import CLOSED


class InvalidBiteIncidentError(frappe.ValidationError):
	pass


OBSERVATION_DAYS = 10
LATE_AFTER_HOURS = 24


def is_late(bitten_at, reported_at) -> bool:
	return time_diff_in_hours(get_datetime(reported_at), get_datetime(bitten_at)) > LATE_AFTER_HOURS


def observation_end(bitten_at, extended_until=None):
	end = add_days(getdate(bitten_at), OBSERVATION_DAYS)
	return max(end, getdate(extended_until)) if extended_until else end


def missed_days(bitten_at, until, observed_dates, on_date) -> list:
	"""The days from the day after the bite to the day before `on_date` (at most `until`) without a note."""
	observed = {getdate(d) for d in observed_dates}
	day, last = add_days(getdate(bitten_at), 1), min(getdate(until), add_days(getdate(on_date), -1))
	missing = []
	while day <= last:
		if day not in observed:
			missing.append(day)
		day = add_days(day, 1)
	return missing


class BiteIncident(Document):
	def validate(self):
		if self.victim:
			person = frappe.db.get_value("Citizen", self.victim, ["full_name", "phone"], as_dict=True)
			if person:
				self.victim_name = self.victim_name or person.full_name
				self.victim_phone = self.victim_phone or person.phone
		if not (self.victim_name or "").strip():
			frappe.throw(_("Give the victim (a citizen, or a name)"), InvalidBiteIncidentError)
		if not self.pet and not (self.animal_description or "").strip():
			frappe.throw(_("Give the animal (a registered pet, or a description)"), InvalidBiteIncidentError)
		if self.pet:
			self.species = frappe.db.get_value("Pet", self.pet, "species") or self.species
		if get_datetime(self.bitten_at) > now_datetime():
			frappe.throw(_("The time of the bite cannot be in the future"), InvalidBiteIncidentError)
		if not self.reported_at:
			self.reported_at = now_datetime()
		if get_datetime(self.reported_at) < get_datetime(self.bitten_at):
			frappe.throw(_("The report cannot come before the bite"), InvalidBiteIncidentError)
		self.late_report = int(is_late(self.bitten_at, self.reported_at))
		self.observation_until = observation_end(self.bitten_at, self.extended_until)
		validate_point(self.latitude, self.longitude, _("Place of the bite"))
		self.check_observations()
		if self.workflow_state == CLOSED and (self.outcome or "Pending") == "Pending":
			frappe.throw(_("Record the outcome before closing the incident"), InvalidBiteIncidentError)

	def check_observations(self):
		seen = set()
		first, last = getdate(self.bitten_at), getdate(self.observation_until)
		for row in self.observations:
			day = getdate(row.observation_date)
			if not first <= day <= last:
				frappe.throw(
					_("Row {0}: an observation must fall between the bite and the end of observation").format(
						row.idx
					),
					InvalidBiteIncidentError,
				)
			if day in seen:
				frappe.throw(
					_("Row {0}: that day is already observed").format(row.idx), InvalidBiteIncidentError
				)
			seen.add(day)
			if row.animal_condition == "Died" and self.outcome == "Pending":
				self.outcome = "Died"

	def missed_days(self, on_date=None):
		return missed_days(
			self.bitten_at,
			self.observation_until,
			[row.observation_date for row in self.observations],
			on_date or getdate(),
		)
