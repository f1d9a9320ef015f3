// The desk's socket.io connection when gunicorn serves the desk without nginx (smart_core/realtime.py):
// frappe.boot.nonsaad_socketio_port names the socketio server's own port; without it Frappe's default
// (the page's origin, nginx forwarding /socket.io) stays. Loaded before the desk starts its realtime client.
(function () {
	const client = frappe.realtime;
	if (!client || !client.get_host) return;
	const framework_host = client.get_host.bind(client);
	client.get_host = function (port) {
		const own = frappe.boot && frappe.boot.nonsaad_socketio_port;
		if (!own) return framework_host(port);
		return `${window.location.protocol}//${window.location.hostname}:${own}/${frappe.boot.sitename}`;
	};
})();
