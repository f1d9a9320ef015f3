"""Which address a request comes from – for rate limits, login lock-outs and logs.

Frappe sets `frappe.local.request_ip` to the first `X-Forwarded-For` value as the client sent it, so a
client that writes a new address in that header on every request is never rate-limited. Here (a
`before_request` hook) the address is taken from the proxy hop we trust instead:

- `nonsaad_trusted_proxies` in site_config.json (or common_site_config.json): the addresses or networks
  of our own reverse proxies, e.g. `["127.0.0.1", "10.0.0.0/24"]`. Default: none.
- The socket address of the connection is the client, unless it is a trusted proxy; then
  `X-Forwarded-For` is read from the right (each proxy appends the address it saw) and the first address
  that is not a trusted proxy is the client. What a client writes at the left of the header is never used.

A proxy in front must append, not pass on: nginx `proxy_set_header X-Forwarded-For
$proxy_add_x_forwarded_for;` (or `$remote_addr`).
"""

import ipaddress

import frappe

CONFIG_KEY = "nonsaad_trusted_proxies"


def _networks(trusted) -> list:
	if isinstance(trusted, str):
		trusted = [trusted]
	networks = []
	for entry in trusted or []:
		try:
			networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
		except ValueError:
			continue
	return networks


def _is_trusted(address: str, networks: list) -> bool:
	try:
		ip = ipaddress.ip_address(address)
	except ValueError:
		return False
	return any(ip in network for network in networks)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted) -> str:
	"""The client's address: the socket peer, or the right-most untrusted hop behind trusted proxies."""
	networks = _networks(trusted)
	remote_addr = (remote_addr or "127.0.0.1").strip()
	if not _is_trusted(remote_addr, networks):
		return remote_addr
	hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
	for hop in reversed(hops):
		if not _is_trusted(hop, networks):
			return hop[:64]
	return hops[0][:64] if hops else remote_addr


def set_request_ip():
	"""before_request: replace Frappe's request_ip (first X-Forwarded-For value) with the trusted one."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	frappe.local.request_ip = client_address(
		request.environ.get("REMOTE_ADDR"),
		request.headers.get("X-Forwarded-For"),
		frappe.conf.get(CONFIG_KEY),
	)
