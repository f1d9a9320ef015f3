"""Issue 18: `bin/nonsaad backup` (bench backup --with-files) → `bin/nonsaad restore` into a new site →
every app DocType's count and checksum of key fields equal, private files readable, every encrypted field
(an Open311 Client's api_key, a user's API secret, the LINE channel secret and token) still decrypts and the login password hashes are equal.
docs/backup.md has the schedule an LAO should keep."""

import io
import os
import secrets
import subprocess
import uuid

import pytest
from conftest import ROOT, SITE

pytestmark = pytest.mark.reliability

RESTORED = f"restored-{os.environ.get('NONSAAD_TEST_PORT', '8001')}.localhost"


def nonsaad(*args) -> subprocess.CompletedProcess:
	env = {k: v for k, v in os.environ.items()}
	return subprocess.run(
		[str(ROOT / "bin/nonsaad"), *args], cwd=ROOT, capture_output=True, text=True, env=env
	)


@pytest.fixture(scope="module")
def secret_and_file(admin):
	"""Something encrypted and something private to survive the round trip."""
	import re

	token = re.search(r'frappe.csrf_token = "([^"]+)"', admin.get("/request-status").text)
	if token and token.group(1) != "None":
		admin.headers["X-Frappe-CSRF-Token"] = token.group(1)
	key = secrets.token_urlsafe(24)
	r = admin.post(
		"/api/resource/Open311 Client",
		json={"client_name": f"Backup integrator {uuid.uuid4().hex[:6]}", "api_key": key},
	)
	assert r.status_code == 200, r.text[:300]
	from PIL import Image

	png = io.BytesIO()
	Image.new("RGB", (16, 16), (200, 30, 30)).save(png, "PNG")
	r = admin.post(
		"/api/method/upload_file",
		files={"file": ("backup-check.png", png.getvalue(), "image/png")},
		data={"is_private": 1, "doctype": "Open311 Client", "docname": r.json()["data"]["name"]},
	)
	assert r.status_code == 200, r.text[:300]
	# a REST API key pair (the secret is an encrypted field of User)
	email = f"reliab-backup-{uuid.uuid4().hex[:6]}@nonsaad.test"
	r = admin.post(
		"/api/resource/User",
		json={"email": email, "first_name": "Backup", "send_welcome_email": 0, "user_type": "System User"},
	)
	assert r.status_code == 200, r.text[:300]
	r = admin.post("/api/method/frappe.core.doctype.user.user.generate_keys", data={"user": email})
	assert r.status_code == 200 and r.json()["message"]["api_secret"], r.text[:300]
	# the LINE channel's secret and access token (Password fields of the single LINE Settings)
	line = {"channel_secret": secrets.token_hex(16), "channel_access_token": secrets.token_urlsafe(40)}
	r = admin.put("/api/resource/LINE Settings/LINE Settings", json=line)
	assert r.status_code == 200, r.text[:300]
	return {"api_key": key, **line}


def test_backup_restore_round_trip(secret_and_file):
	backup = nonsaad("backup", SITE)
	assert backup.returncode == 0, backup.stderr[-2000:]
	files = dict(line.split(" ", 1) for line in backup.stdout.strip().splitlines() if " " in line)
	assert set(files) == {"database", "files", "private-files", "site-config"}, backup.stdout
	for path in files.values():
		assert os.path.getsize(path) > 0, path
	try:
		restore = nonsaad("restore", files["database"], RESTORED)
		assert restore.returncode == 0, restore.stderr[-2000:]
		check = nonsaad("restore-check", SITE, RESTORED)
		print(check.stdout)
		assert check.returncode == 0, check.stdout + check.stderr[-2000:]
		assert "0 differences" in check.stdout
		# the check really read something encrypted and something private
		assert " 0/" not in check.stdout, check.stdout
		assert "/0 encrypted fields" not in check.stdout and "/0 private files" not in check.stdout
		# the LINE secret and token decrypt in the restored site to the values set before the backup
		for field in ("channel_secret", "channel_access_token"):
			out = nonsaad(
				"bench",
				"--site",
				RESTORED,
				"execute",
				"frappe.utils.password.get_decrypted_password",
				"--args",
				repr(["LINE Settings", "LINE Settings", field]),
			)
			assert out.returncode == 0, out.stderr[-2000:]
			assert out.stdout.strip().splitlines()[-1].strip('"') == secret_and_file[field], field
	finally:
		nonsaad("drop-restored", RESTORED)
		for path in files.values():
			if os.path.exists(path):
				subprocess.run(["rm", "-f", path], check=False)
