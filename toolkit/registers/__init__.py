"""Files → sheets → header row → column mapping → typed records, each with its cell references."""
