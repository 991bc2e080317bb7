"""Every URL pattern of the site, with arguments filled from a small world of records.

Tests that must hold for every view (headers, audit of reads and denials) walk ``all_routes()``.
A new URL argument that ``arguments_for`` cannot fill makes those tests fail with a message
saying where to add it (here, or in the access catalogue tests/access/catalogue.py once it
exists), so no new view escapes them.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import UserSession
from tests import factories

# The admin generates its own URLs; the walk visits its index page only.
SKIPPED_NAMESPACES = {"admin"}
ALSO_VISITED = ["admin:index"]


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    parameters: tuple[str, ...]


def _walk(patterns, namespace: str = "", inherited: tuple[str, ...] = ()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            params = inherited + tuple(entry.pattern.regex.groupindex)
            yield from _walk(entry.url_patterns, full_ns, params)
        elif isinstance(entry, URLPattern):
            if not entry.name:
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, inherited + tuple(entry.pattern.regex.groupindex))


def all_routes() -> list[Route]:
    routes = {}
    for route in _walk(get_resolver().url_patterns):
        if route.name.split(":")[0] in SKIPPED_NAMESPACES:
            continue
        routes.setdefault(route.name, route)
    for name in ALSO_VISITED:
        routes[name] = Route(name, ())
    return sorted(routes.values(), key=lambda r: r.name)


@dataclass
class World:
    """One of everything, belonging to ``therapist``."""

    therapist: object
    client: object
    course: object
    session: object
    person: object
    signed_in: object


def make_world(therapist) -> World:
    course = factories.make_course(therapist=therapist)
    session = factories.make_session(course)
    person = factories.make_person(course)
    signed_in = UserSession.objects.filter(user=therapist).first()
    if signed_in is None:
        from django.utils import timezone

        signed_in = UserSession.objects.create(
            user=therapist,
            session_key=f"walk{therapist.pk:036d}",
            created=timezone.now(),
            last_seen=timezone.now(),
        )
    return World(therapist, course.client, course, session, person, signed_in)


def _catalogue_arguments(route: Route, world: World) -> dict | None:
    """Arguments from the access catalogue (issue 3), when it is on this branch."""
    try:
        from tests.access import catalogue  # type: ignore[attr-defined]
    except ImportError:
        return None
    lookup = getattr(catalogue, "kwargs_for", None)
    if lookup is None:
        return None
    try:
        return lookup(route.name, world)
    except Exception:  # noqa: BLE001 - the catalogue's own shape may differ; fall back to ours
        return None


def arguments_for(route: Route, world: World) -> dict:
    values = {
        "client_id": world.client.pk,
        "course_id": world.course.pk,
        "session_id": world.session.pk,
        "person_id": world.person.pk,
        "signed_in_id": world.signed_in.pk,
    }
    missing = [p for p in route.parameters if p not in values]
    if missing:
        from_catalogue = _catalogue_arguments(route, world)
        if from_catalogue is not None:
            return from_catalogue
        raise LookupError(
            f"{route.name} takes {missing}: teach tests/security/urlwalk.py (arguments_for) "
            "or the access catalogue how to fill them, so the security walks cover this view."
        )
    return {p: values[p] for p in route.parameters}


def url_of(route: Route, world: World) -> str:
    return reverse(route.name, kwargs=arguments_for(route, world))
