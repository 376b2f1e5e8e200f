"""Where a register is kept: the region whose conventions its values follow.

Hong Kong, Macau and Taiwan write phones by their own numbering plans, fees in their own
currency, and (Hong Kong, Macau) slashed dates day first (18/11/2026). The mainland is the
default; ``[registers] region`` in toolkit.toml sets it, else the reader guesses per register.
"""

from __future__ import annotations

MAINLAND, HONG_KONG, MACAU, TAIWAN = "mainland", "hong_kong", "macau", "taiwan"
REGIONS = (MAINLAND, HONG_KONG, MACAU, TAIWAN)

# Regions whose clerks write a slashed date day first (18/11/2026 is 18 November)
DAY_FIRST = frozenset({HONG_KONG, MACAU})
