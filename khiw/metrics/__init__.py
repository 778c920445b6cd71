"""Supervisor measures computed from the event log: pure numpy, no database, no Qt.

``khiw.reports`` turns the event log into :class:`~khiw.metrics.facts.Facts` (one row per
ticket, one per counter event, one per overtaking call); :func:`compute` turns facts into
every figure of the report (:class:`~khiw.metrics.figures.Figures`). Each measure is defined,
with its formula, in docs/metrics.md.
"""

from khiw.metrics.compute import ReportInput, compute
from khiw.metrics.facts import Facts, Outcome
from khiw.metrics.figures import Figures

__all__ = ["Facts", "Figures", "Outcome", "ReportInput", "compute"]
