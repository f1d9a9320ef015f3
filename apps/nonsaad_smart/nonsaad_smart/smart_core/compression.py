"""gzip for large JSON answers (hooks `after_request`): map layers, reports, lists.

Gunicorn serves the app without a proxy in front, so the app compresses itself: a JSON response of at
least MIN_BYTES is gzipped when the client sent `Accept-Encoding: gzip` and the response is not already
encoded or streamed. smart_core/gis.py get_layer answers with a body gzipped once and cached, which this
hook leaves as it is.
"""

import gzip

MIN_BYTES = 8 * 1024
LEVEL = 5


def gzip_response(response=None, request=None) -> None:
	if response is None or request is None:
		return
	if (
		response.status_code != 200
		or response.direct_passthrough
		or response.is_streamed
		or "Content-Encoding" in response.headers
		or (response.mimetype or "") != "application/json"
		or "gzip" not in (request.headers.get("Accept-Encoding") or "").lower()
	):
		return
	data = response.get_data()
	if len(data) < MIN_BYTES:
		return
	response.set_data(gzip.compress(data, compresslevel=LEVEL, mtime=0))
	response.headers["Content-Encoding"] = "gzip"
	response.vary.add("Accept-Encoding")
