"""Weekly follow-up: the lists the clerks work through, the statistics, and their history.

Pure functions over typed records (sections.py, stats.py); history.py keeps each week's
counts in the store; weekly.py ties them to a validation run.
"""
