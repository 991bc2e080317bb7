"""Evidence that an IPT step was done: when, where it was recorded, and a link to it."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    on: datetime.date | None
    where: str
    url: str = ""
