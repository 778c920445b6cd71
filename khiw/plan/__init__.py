"""The staffing planner: how many counters, per weekday and half-hour, from the office's history.

:func:`khiw.plan.api.make_plan` is the entry point for the CLI and the counter view: it estimates the office's
demand and counter time from a period's events (:mod:`khiw.plan.estimate`), applies a
what-if (:mod:`khiw.plan.whatif`) and searches for the fewest counters by simulating whole
days with the engine's own call order (:mod:`khiw.plan.search`, :mod:`khiw.plan.simulate`).
The stationary case, checked against Erlang C, is :mod:`khiw.plan.stationary`. See
docs/planning.md for the method.

This package module imports nothing: the simulation's worker processes import only what
they run (numpy and the call order), not the database layer.
"""
