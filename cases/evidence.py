"""Evidence that an IPT step was done: when, where it was recorded, and a link to it."""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Evidence:
    on: datetime.date | None
    where: str
    url: str = ""


def session_url(session_id: int) -> str:
    try:
        return reverse("sessions:detail", args=[session_id])
    except NoReverseMatch:
        return f"/sessions/{session_id}/"
