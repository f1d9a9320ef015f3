"""The security tests drive the real browser too (stored XSS): `browser`/`page` come from tests/conftest.py."""
