"""The touch kiosk (``khiw kiosk``): a citizen taps a service and gets a printed Thai ticket.

Engine work goes through :class:`khiw.qt.runner.OperationRunner`; rendering and printing go
through the kiosk's own print worker, so neither a slow database nor a dead printer can
freeze the screen.
"""
