"""Complaint-handling rules (seeds 000, 002, 003). Filled in by the complaints issue."""
