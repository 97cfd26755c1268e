"""Calendar arithmetic the review policy and the touchpoint calendar share."""

from __future__ import annotations

import datetime as dt
import calendar as _calendar


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, _calendar.monthrange(year, month)[1])
    )
