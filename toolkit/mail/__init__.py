"""Email: reminder planning, the sent ledger, rendering (Jinja2) and sending (yagmail)."""
