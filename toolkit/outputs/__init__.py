"""Outputs: each takes a report and writes one thing (text, JSON, CSV, annotated copy)."""
