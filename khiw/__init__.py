"""Khiw (คิว): queue tickets and service points for Thai public offices.

The package is the shared domain: configuration, storage, the queue engine, the event log,
ticket rendering and printing, metrics, reports and the ``khiw`` command. It never imports
QtWidgets; the stations (``kiosk``, ``counter``, ``display``) are thin Qt shells over it.
"""

__version__ = "0.1.0"
