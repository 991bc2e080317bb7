"""The questionnaire registry: every instrument the clinic uses, declared as data.

Each questionnaire is a table in its own module (``phq9``, ``gad7``, ``phqa``, ``epds``,
``smfq``, ``wsas``, ``asrm``; see ``declaration``); ``instrument.build`` checks each table and builds the
``Instrument`` that forms and pages read, and ``scoring.score`` scores any of them. Adding a
questionnaire is adding a table (docs/instruments.md). The names below are the package's public
interface: ``from measures import instruments`` then ``instruments.get("phq9")``.
"""

from measures.instruments.declaration import (
    Band,
    Option,
    Question,
    Questionnaire,
    RiskItem,
    scale,
)
from measures.instruments.instrument import DeclarationError, Instrument, Item, build
from measures.instruments.registry import (
    DECLARED,
    INSTRUMENT_CHOICES,
    INSTRUMENTS,
    defaults_for,
    get,
    threshold,
    thresholds,
)
from measures.instruments.scoring import Score, score

PHQ9 = INSTRUMENTS["phq9"]
GAD7 = INSTRUMENTS["gad7"]
PHQA = INSTRUMENTS["phqa"]
EPDS = INSTRUMENTS["epds"]
SMFQ = INSTRUMENTS["smfq"]
WSAS = INSTRUMENTS["wsas"]
ASRM = INSTRUMENTS["asrm"]

__all__ = [
    "ASRM",
    "DECLARED",
    "EPDS",
    "GAD7",
    "INSTRUMENTS",
    "INSTRUMENT_CHOICES",
    "PHQ9",
    "PHQA",
    "SMFQ",
    "WSAS",
    "Band",
    "DeclarationError",
    "Instrument",
    "Item",
    "Option",
    "Question",
    "Questionnaire",
    "RiskItem",
    "Score",
    "build",
    "defaults_for",
    "get",
    "scale",
    "score",
    "threshold",
    "thresholds",
]
