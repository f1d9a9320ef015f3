"""The client address behind trusted proxies (smart_core/client_ip.py)."""

from frappe.tests.utils import FrappeTestCase

from nonsaad_smart.smart_core.client_ip import client_address


class TestClientAddress(FrappeTestCase):
	def test_no_trusted_proxy_means_the_socket_address(self):
		self.assertEqual(client_address("203.0.113.9", "1.2.3.4", []), "203.0.113.9")
		self.assertEqual(client_address("203.0.113.9", None, None), "203.0.113.9")

	def test_a_header_from_an_untrusted_peer_is_ignored(self):
		self.assertEqual(client_address("203.0.113.9", "10.0.0.1", ["127.0.0.1"]), "203.0.113.9")

	def test_behind_trusted_proxies_the_right_most_untrusted_hop(self):
		trusted = ["127.0.0.1", "10.0.0.0/24"]
		# forged left part, then what our two proxies appended
		self.assertEqual(
			client_address("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.5", trusted), "198.51.100.7"
		)
		self.assertEqual(client_address("127.0.0.1", "198.51.100.7", trusted), "198.51.100.7")
		self.assertEqual(client_address("127.0.0.1", "", trusted), "127.0.0.1")
		self.assertEqual(client_address("127.0.0.1", "10.0.0.5", trusted), "10.0.0.5")

	def test_bad_config_entries_are_skipped(self):
		self.assertEqual(
			client_address("127.0.0.1", "198.51.100.7", ["nonsense", "127.0.0.1"]), "198.51.100.7"
		)
		self.assertEqual(client_address("127.0.0.1", "198.51.100.7", "127.0.0.1"), "198.51.100.7")
