"""The model: what the domain's words mean, below every package that uses them.

Thresholds (`Settings`), severities, times known to the minute or only to the day, and the
states of a complaint (answered, closed, visited, major). Rules, follow-up and mail import from
here; this package imports nothing else of the toolkit.
"""
