"""The security tests drive the real browser too (stored XSS): the same fixtures as tests/browser."""

from browser.conftest import browser, desk_login, page
