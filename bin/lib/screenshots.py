"""Take the README's screenshots from the running demo site with Debian's chromium (Playwright).

bin/nonsaad screenshots        # writes docs/screenshots/*.png
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "Nonsaad@2569"
ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]

# (file, user or None for a guest, path, phone-sized?)
SHOTS = [
	("map.png", None, "/map", False),
	("workspace.png", "admin@nonsaad.test", "/app/smart-government", False),
	("citizen-list.png", "frontdesk@nonsaad.test", "/app/citizen", False),
	("service-requests.png", "frontdesk@nonsaad.test", "/app/service-request", False),
	("street-light-poles.png", "works@nonsaad.test", "/app/street-light-pole/view/map", False),
	("report-form-phone.png", None, "/report/new", True),
	("executive-dashboard.png", "mayor@nonsaad.test", "/app/smart-government", False),
	("smart-kids.png", "education@nonsaad.test", "/app/smart-kids", False),
]


def main(base_url: str, out_dir: str) -> None:
	out = Path(out_dir)
	out.mkdir(parents=True, exist_ok=True)
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
		for name, user, path, phone in SHOTS:
			size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 850}
			context = browser.new_context(locale="th-TH", viewport=size, is_mobile=phone)
			page = context.new_page()
			if user:
				page.goto(f"{base_url}/login")
				page.fill("#login_email", user)
				page.fill("#login_password", PASSWORD)
				page.click(".btn-login")
				page.wait_for_url("**/app**")
			response = page.goto(base_url + path)
			if response and response.ok:
				page.wait_for_timeout(3000)
				page.screenshot(path=str(out / name))
				print(f"{name}: {path}")
			else:
				print(f"{name}: skipped, {path} answered {response.status if response else 'nothing'}")
			context.close()
		browser.close()


if __name__ == "__main__":
	main(sys.argv[1], sys.argv[2])
