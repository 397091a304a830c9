"""The 40% commitment: the share of the goods and services budget for micro and small enterprises.

Perpres 16/2018 art. 65(4) as amended by Perpres 12/2021: ministries, agencies and regional
governments must use at least 40% of the value of their goods/services budget for products of
micro and small enterprises and cooperatives; Inpres 2/2022 asks that it be planned, allocated
and realised. The planned share counts the value of packages reserved for them; the realised
share counts what was actually spent on those packages. Both are against the same budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SMALL_ENTERPRISE_FLOOR = Decimal("40")


@dataclass(frozen=True)
class Commitment:
    budget: int | None
    reserved_value: int
    reserved_realised: int
    total_value: int
    total_realised: int

    @property
    def has_budget(self) -> bool:
        return bool(self.budget)

    def _share(self, part: int) -> Decimal | None:
        if not self.budget:
            return None
        return (Decimal(part) * 100 / Decimal(self.budget)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def planned_share(self) -> Decimal | None:
        """Percentage of the budget in packages reserved for micro and small enterprises."""
        return self._share(self.reserved_value)

    @property
    def realised_share(self) -> Decimal | None:
        """Percentage of the budget actually spent on those packages."""
        return self._share(self.reserved_realised)

    @property
    def planned_below_floor(self) -> bool:
        return self.planned_share is not None and self.planned_share < SMALL_ENTERPRISE_FLOOR

    @property
    def realised_below_floor(self) -> bool:
        return self.realised_share is not None and self.realised_share < SMALL_ENTERPRISE_FLOOR
