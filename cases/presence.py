"""Panels that skip their query for what a course is known not to have.

A page that shows many panels of one course may annotate that course, in the one query that
fetches it, with ``has_<name>`` booleans (an EXISTS over the panel's table): the course page
does (``ipt_site.pages.course``). A panel asks ``known_empty(course, name)`` before its query
and answers as if the query had found nothing. On a course without the annotation (every
other page) ``known_empty`` is False and the panel queries as before.

Each flag must be at least as wide as the panel's own filter: it may say "has rows" when the
panel then finds none, never the reverse. Names in use: suitability_records,
length_agreements, sick_role_entries, maintenance_courses, boosters, transfers, endings,
open_risk, rhythm_days, relapse_plan, client_links, client_sent, timeline.
"""


def known_empty(course, name: str) -> bool:
    """True only when the course carries ``has_<name>`` and it is False."""
    return getattr(course, f"has_{name}", None) is False


def preload(course, name: str, value) -> None:
    """A page that shows one record in two panels reads it once and hands it to both."""
    setattr(course, f"_preloaded_{name}", value)


def preloaded(course, name: str, load):
    """What the page preloaded for ``name``, else ``load()`` (never stored here, so a read
    after a write sees the write)."""
    key = f"_preloaded_{name}"
    return getattr(course, key) if hasattr(course, key) else load()
