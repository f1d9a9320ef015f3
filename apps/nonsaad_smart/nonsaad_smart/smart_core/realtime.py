"""Realtime (socket.io) for a desk served straight by gunicorn, without nginx in front.

Frappe's desk connects its socket to the page's own origin (nginx forwards `/socket.io` to the socketio
server in production) or, only on a `bench serve` development server, to `socketio_port`. Here gunicorn
serves the desk itself and the socketio server listens on a port of its own (`NONSAAD_SOCKETIO_PORT` for
the demo server, `NONSAAD_TEST_SOCKETIO_PORT` for the test server): the server that knows the port says
so in `NONSAAD_REALTIME_PORT`, the boot carries it (`frappe.boot.nonsaad_socketio_port`) and
`public/js/realtime_port.js` points the desk's socket there. Without the variable nothing changes (nginx).
"""

import os


def realtime_port() -> int | None:
	port = os.environ.get("NONSAAD_REALTIME_PORT", "").strip()
	return int(port) if port.isdigit() else None


def boot_session(bootinfo) -> None:
	port = realtime_port()
	if port:
		bootinfo.nonsaad_socketio_port = port
