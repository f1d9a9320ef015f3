"""The LINE Official Account channel of E-Smart Service (issue 19); see docs/line.md.

- `client.py`   – `LineClient`: signature check, reply / push / broadcast, content download
- `webhook.py`  – the Messaging API webhook (guest endpoint): signature, replays, events
- `flow.py`     – the conversation with one LINE user (consent first, report, phone link)
- `outbound.py` – Flex messages on request state changes, queued with retries; broadcasts
"""
