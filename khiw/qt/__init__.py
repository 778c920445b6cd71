"""Qt glue shared by the stations: QtCore and QtGui only, never QtWidgets.

The station packages build their widgets on these: one operation runner (engine calls off the
GUI thread), one change-feed bridge (database changes as a signal), the Sarabun font.
"""
