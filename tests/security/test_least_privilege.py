"""Issue 9.7: each role reads only the Citizen fields its service needs (smart_core/personal_data.json).

On the old code the EMS Dispatcher, Public Health Officer and Care Manager (and the Executive and the
Auditor) read every citizen's phone, e-mail, house address and home GPS. Now every group of personal
fields is a permlevel of Citizen, and each role's demo user gets, over REST, a list and a form, exactly
the groups the matrix grants it – and cannot filter by the others.
"""

import json

import pytest
from conftest import ROOT

MATRIX = json.loads((ROOT / "apps/nonsaad_smart/nonsaad_smart/smart_core/personal_data.json").read_text())
GROUPS = MATRIX["groups"]
DEMO_USER = {
	"EMS Dispatcher": "dispatcher",
	"Public Health Officer": "health",
	"Care Manager": "caremanager",
	"Executive": "mayor",
	"Auditor": "auditor",
	"Front Desk Officer": "frontdesk",
	"Social Welfare Officer": "welfare",
}
ALWAYS_SHOWN: set[str] = set()


def allowed_fields(role: str) -> set[str]:
	return {f for g in MATRIX["roles"][role]["read"] for f in GROUPS[g]["fields"]}


def hidden_fields(role: str) -> set[str]:
	return {f for g in GROUPS.values() for f in g["fields"]} - allowed_fields(role) - ALWAYS_SHOWN


@pytest.fixture(scope="module")
def full_citizen(admin):
	"""A citizen with every personal field filled (so "hidden" cannot mean "empty")."""
	r = admin.get(
		"/api/resource/Citizen",
		params={
			"filters": json.dumps(
				[
					["phone", "is", "set"],
					["house_no", "is", "set"],
					["latitude", "!=", 0],
					["birth_date", "is", "set"],
				]
			),
			"limit_page_length": 1,
		},
	)
	name = r.json()["data"][0]["name"]
	return admin.get(f"/api/resource/Citizen/{name}").json()["data"]


@pytest.mark.parametrize("role", sorted(DEMO_USER))
def test_role_reads_only_its_groups(login, full_citizen, role):
	"""GET /api/resource/Citizen/<name>: fields of granted groups present, all others absent."""
	client = login(DEMO_USER[role])
	r = client.get(f"/api/resource/Citizen/{full_citizen['name']}")
	assert r.status_code == 200, r.text[:200]
	data = r.json()["data"]
	leaked = {f for f in hidden_fields(role) if data.get(f) not in (None, "", 0)}
	assert not leaked, (role, leaked)
	for f in ("full_name", "village", "national_id_masked"):
		assert data.get(f) == full_citizen[f]
	for group in MATRIX["roles"][role]["read"]:
		for f in GROUPS[group]["fields"]:
			if full_citizen.get(f) not in (None, "", 0) and f not in ALWAYS_SHOWN:
				assert data.get(f) == full_citizen[f], (role, f)


@pytest.mark.parametrize("role", ["EMS Dispatcher", "Public Health Officer", "Care Manager"])
def test_service_roles_list_without_hidden_fields(login, full_citizen, role):
	"""The list (all fields asked for) of the three service roles carries none of their hidden fields."""
	client = login(DEMO_USER[role])
	r = client.get("/api/resource/Citizen", params={"fields": '["*"]', "limit_page_length": 500})
	assert r.status_code == 200
	rows = r.json()["data"]
	assert rows
	for f in hidden_fields(role):
		assert all(row.get(f) in (None, "", 0) for row in rows), (role, f)
	text = r.text
	for f in ("phone", "national_id"):  # values long enough not to appear by chance
		if f in hidden_fields(role) and full_citizen.get(f):
			assert str(full_citizen[f]) not in text, (role, f)


def test_matrix_roles_are_real_roles(admin):
	"""Every role in the matrix exists on the site (no typo hides a rule)."""
	for role in MATRIX["roles"]:
		assert admin.get(f"/api/resource/Role/{role}").status_code == 200, role
