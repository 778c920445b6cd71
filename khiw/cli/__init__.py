"""The ``khiw`` command: one front door for stations, the demo, scripting, reports and audit."""
