"""Excel-native compliance and follow-up toolkit for property-management customer-service centers.

The library is importable on its own; ``toolkit.cli`` is a thin layer over it.
"""

__version__ = "0.1.0"
