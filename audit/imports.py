"""Other formats ``import_data`` accepts, registered by the apps that understand them.

audit is the ground layer and never imports the apps above it (docs/architecture.md): an app
that can read a format registers a reader from its AppConfig.ready(). ``import_data`` hands a
file that is not one of its own dumps to the first reader that recognises it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Reader:
    name: str
    # document (parsed JSON) -> whether this reader takes it
    recognises: Callable[[object], bool]
    # (document, options) -> a line saying what was imported; raises ValueError when refused
    load: Callable[[object, dict], str]


READERS: list[Reader] = []


def register(reader: Reader) -> None:
    READERS[:] = [r for r in READERS if r.name != reader.name] + [reader]


def reader_for(document) -> Reader | None:
    return next((r for r in READERS if r.recognises(document)), None)
