"""Supervisor reports: periods, facts read from the event log, and the PDF, XLSX, CSV and JSON files."""
