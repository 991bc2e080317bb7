"""Every URL pattern of the site, with arguments filled from a small world of records.

Tests that must hold for every view (headers, audit of reads and denials) walk ``all_routes()``.
URL arguments come from the access catalogue (tests/access/catalogue.py), which already fails
for a URL with an id that is not in it; so no new view escapes these walks either.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.access.catalogue import CATALOGUE
from tests.access.catalogue import World as CatalogueWorld

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


class World:
    """The access catalogue's world (tests/access/catalogue.py) owned by ``therapist``, with
    shortcuts to one of each clinical object."""

    def __init__(self, therapist):
        other_supervisor = factories.make_supervisor()
        self.therapist = therapist
        self.catalogue = CatalogueWorld(
            owner=therapist,
            owner_supervisor=therapist.supervisor or factories.make_supervisor(),
            other_therapist=factories.make_therapist(supervisor=other_supervisor),
            other_supervisor=other_supervisor,
            service_admin=factories.make_service_admin(),
        )

    def get(self, kind: str):
        return self.catalogue.get(kind)

    client = property(lambda self: self.get("client"))
    course = property(lambda self: self.get("course"))
    session = property(lambda self: self.get("session"))
    person = property(lambda self: self.get("person"))


def make_world(therapist) -> World:
    world = World(therapist)
    for kind in ("client", "course", "session", "person"):
        world.get(kind)
    return world


# URL arguments the walk can fill by name when a URL is not (yet) in the catalogue.
BY_ARGUMENT = {
    "client_id": "client",
    "course_id": "course",
    "session_id": "session",
    "person_id": "person",
    "appointment_id": "appointment",
}


def arguments_for(route: Route, world: World) -> dict:
    if route.name in CATALOGUE:
        return CATALOGUE[route.name].kwargs(world.catalogue)
    missing = [p for p in route.parameters if p not in BY_ARGUMENT]
    if missing:
        raise LookupError(
            f"{route.name} takes {missing}: add it to the access catalogue "
            "(tests/access/catalogue.py) so the security walks cover this view."
        )
    return {p: world.get(BY_ARGUMENT[p]).pk for p in route.parameters}


def url_of(route: Route, world: World) -> str:
    return reverse(route.name, kwargs=arguments_for(route, world))
