"""The web station: the citizen's ticket page (what the ticket's QR code opens), the
satisfaction survey, the office's public page and a small read-only JSON API.

Pages and wiring only: every read and write goes through ``khiw.engine``. The app keeps no
state that must be shared between processes, so several uvicorn workers can serve it.
"""
