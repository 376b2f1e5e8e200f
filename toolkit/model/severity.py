"""How serious a finding is."""

ERROR, WARNING = "error", "warning"
SEVERITIES = (ERROR, WARNING)
