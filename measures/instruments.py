"""The questionnaire registry: every instrument the clinic uses, defined once, in code.

An instrument lists its items; each item lists its answer options in the order they are shown,
each option with the code the form posts, its score (``None`` for an unscored or "not
applicable" answer) and whether choosing it is a risk signal. Scoring, banding and risk
detection are pure functions over this data (see ``score``), so the server always recomputes a
total from the answers and never trusts one sent by hand.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cases.outcomes import Threshold, plan_for


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    score: int | None
    risk: bool = False


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    options: tuple[Option, ...]
    scored: bool = True
    reverse: bool = False
    # Shown next to the item so the therapist knows why it matters.
    risk_note: str = ""

    @property
    def is_risk_item(self) -> bool:
        return any(option.risk for option in self.options)

    def option(self, code: str) -> Option | None:
        return next((option for option in self.options if option.code == code), None)


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    # A CSS-friendly severity step 0 (lowest) to 4, shared by the chart and the tags.
    level: int


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    stem: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    min_total: int
    max_total: int
    source: str
    licence: str
    # How many scored items may be missing or "not applicable" and be replaced by the mean of
    # the others (WSAS allows one); zero means every item must be answered.
    imputable_missing: int = 0
    # Outcome thresholds (docs/clinical-safety.md, H5 cites each): at caseness at or above
    # ``caseness``; a change of ``reliable_change`` or more is reliable (None: none published).
    caseness: int | None = None
    reliable_change: int | None = None
    measures: str = "depression"  # or "anxiety", "functioning"
    thresholds_source: str = ""

    @property
    def lacks_self_harm_item(self) -> bool:
        """A depression measure with no risk item (the SMFQ): risk must be asked in person."""
        return self.measures == "depression" and not any(i.is_risk_item for i in self.items)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{total} is outside {self.short_name}'s range.")


def _scale(labels: list[str], *, risk_from: int | None = None, reverse: bool = False):
    """Options scored 0, 1, 2... in the order shown (or 3, 2, 1, 0 when ``reverse``)."""
    top = len(labels) - 1
    options = []
    for position, label in enumerate(labels):
        score = top - position if reverse else position
        options.append(
            Option(
                code=str(position),
                label=label,
                score=score,
                risk=risk_from is not None and score >= risk_from,
            )
        )
    return tuple(options)


FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
YES_NO = (Option("yes", "Yes", None), Option("no", "No", None))
YES_NO_RISK = (Option("yes", "Yes", None, risk=True), Option("no", "No", None))

DEPRESSION_BANDS = (
    Band(0, 4, "Minimal", 0),
    Band(5, 9, "Mild", 1),
    Band(10, 14, "Moderate", 2),
    Band(15, 19, "Moderately severe", 3),
    Band(20, 27, "Severe", 4),
)
SUICIDE_ITEM_NOTE = "Any answer other than 'Not at all' opens a risk flag on the course."


def _frequency_item(key: str, text: str, *, risk: bool = False) -> Item:
    return Item(
        key=key,
        text=text,
        options=_scale(FREQUENCY, risk_from=1 if risk else None),
        risk_note=SUICIDE_ITEM_NOTE if risk else "",
    )


PHQ9 = Instrument(
    code="phq9",
    name="Patient Health Questionnaire (PHQ-9)",
    short_name="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        _frequency_item("1", "Little interest or pleasure in doing things"),
        _frequency_item("2", "Feeling down, depressed, or hopeless"),
        _frequency_item("3", "Trouble falling or staying asleep, or sleeping too much"),
        _frequency_item("4", "Feeling tired or having little energy"),
        _frequency_item("5", "Poor appetite or overeating"),
        _frequency_item(
            "6",
            "Feeling bad about yourself, or that you are a failure or have let yourself "
            "or your family down",
        ),
        _frequency_item(
            "7",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
        ),
        _frequency_item(
            "8",
            "Moving or speaking so slowly that other people could have noticed; or the "
            "opposite, being so fidgety or restless that you have been moving around a lot "
            "more than usual",
        ),
        _frequency_item(
            "9",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
            risk=True,
        ),
    ),
    bands=DEPRESSION_BANDS,
    min_total=0,
    max_total=27,
    caseness=10,
    reliable_change=6,
    thresholds_source="Caseness 10: Kroenke, Spitzer & Williams (2001). Reliable change 6: "
    "NHS Talking Therapies Manual (NHS England); Gyani, Shafran, Layard & Clark (2013), "
    "Behav Res Ther 51:597-606.",
    source="Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606-613. Developed by "
    "Drs Spitzer, Williams, Kroenke and colleagues with an educational grant from Pfizer Inc.",
    licence="Free to reproduce, translate, display or distribute; no permission required.",
)

GAD7 = Instrument(
    code="gad7",
    name="Generalised Anxiety Disorder scale (GAD-7)",
    short_name="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        _frequency_item("1", "Feeling nervous, anxious or on edge"),
        _frequency_item("2", "Not being able to stop or control worrying"),
        _frequency_item("3", "Worrying too much about different things"),
        _frequency_item("4", "Trouble relaxing"),
        _frequency_item("5", "Being so restless that it is hard to sit still"),
        _frequency_item("6", "Becoming easily annoyed or irritable"),
        _frequency_item("7", "Feeling afraid as if something awful might happen"),
    ),
    bands=(
        Band(0, 4, "Minimal", 0),
        Band(5, 9, "Mild", 1),
        Band(10, 14, "Moderate", 2),
        Band(15, 21, "Severe", 4),
    ),
    min_total=0,
    max_total=21,
    caseness=8,
    reliable_change=4,
    measures="anxiety",
    thresholds_source="Caseness 8 and reliable change 4: NHS Talking Therapies Manual (NHS "
    "England); Gyani, Shafran, Layard & Clark (2013), Behav Res Ther 51:597-606.",
    source="Spitzer, Kroenke, Williams & Löwe (2006), Arch Intern Med 166:1092-1097. "
    "Developed with an educational grant from Pfizer Inc.",
    licence="Free to reproduce, translate, display or distribute; no permission required.",
)

WSAS_SCALE = [
    "0 - Not at all impaired",
    "1",
    "2 - Slightly",
    "3",
    "4 - Definitely",
    "5",
    "6 - Markedly",
    "7",
    "8 - Very severely impaired",
]


def _wsas_item(key: str, text: str) -> Item:
    options = _scale(WSAS_SCALE) + (Option("na", "Not applicable", None),)
    return Item(key=key, text=text, options=options)


WSAS = Instrument(
    code="wsas",
    name="Work and Social Adjustment Scale (WSAS)",
    short_name="WSAS",
    stem="Because of my problems, my ability to do the following is impaired "
    "(0 means not at all, 8 means very severely).",
    items=(
        _wsas_item(
            "1", "Work (choose 'Not applicable' if retired or not working for other reasons)"
        ),
        _wsas_item("2", "Home management: cleaning, tidying, shopping, cooking, children, bills"),
        _wsas_item("3", "Social leisure activities with other people: parties, outings, visits"),
        _wsas_item("4", "Private leisure activities done alone: reading, gardening, hobbies"),
        _wsas_item("5", "Forming and keeping close relationships with others"),
    ),
    bands=(
        Band(0, 9, "Subclinical", 0),
        Band(10, 20, "Significant impairment", 2),
        Band(21, 40, "Moderately severe impairment or worse", 4),
    ),
    min_total=0,
    max_total=40,
    imputable_missing=1,
    measures="functioning",
    source="Mundt, Marks, Shear & Greist (2002), Br J Psychiatry 180:461-464.",
    licence="In the public domain; free to use.",
)

PHQA = Instrument(
    code="phqa",
    name="PHQ-9 modified for adolescents (PHQ-A)",
    short_name="PHQ-A",
    stem="How often have you been bothered by each of the following during the past 2 weeks?",
    items=(
        _frequency_item("1", "Feeling down, depressed, irritable, or hopeless"),
        _frequency_item("2", "Little interest or pleasure in doing things"),
        _frequency_item("3", "Trouble falling asleep, staying asleep, or sleeping too much"),
        _frequency_item("4", "Poor appetite, weight loss, or overeating"),
        _frequency_item("5", "Feeling tired, or having little energy"),
        _frequency_item(
            "6",
            "Feeling bad about yourself, or feeling that you are a failure, or that you have "
            "let yourself or your family down",
        ),
        _frequency_item(
            "7",
            "Trouble concentrating on things like school work, reading, or watching TV",
        ),
        _frequency_item(
            "8",
            "Moving or speaking so slowly that other people could have noticed; or the "
            "opposite, being so fidgety or restless that you were moving around a lot more "
            "than usual",
        ),
        _frequency_item(
            "9",
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
            risk=True,
        ),
        Item(
            "past_year",
            "In the past year have you felt depressed or sad most days, even if you felt okay "
            "sometimes?",
            YES_NO,
            scored=False,
        ),
        Item(
            "difficulty",
            "If you are experiencing any of the problems on this form, how difficult have "
            "these problems made it for you to do your work, take care of things at home or "
            "get along with other people?",
            (
                Option("0", "Not difficult at all", None),
                Option("1", "Somewhat difficult", None),
                Option("2", "Very difficult", None),
                Option("3", "Extremely difficult", None),
            ),
            scored=False,
        ),
        Item(
            "thoughts_month",
            "Has there been a time in the past month when you have had serious thoughts about "
            "ending your life?",
            YES_NO_RISK,
            scored=False,
            risk_note="'Yes' opens a risk flag on the course.",
        ),
        Item(
            "attempt_ever",
            "Have you ever, in your whole life, tried to kill yourself or made a suicide attempt?",
            YES_NO_RISK,
            scored=False,
            risk_note="'Yes' opens a risk flag on the course.",
        ),
    ),
    bands=DEPRESSION_BANDS,
    min_total=0,
    max_total=27,
    caseness=11,
    reliable_change=None,
    thresholds_source="Caseness 11: Richardson et al. (2010), Evaluation of the PHQ-9 for "
    "detecting major depression among adolescents, Pediatrics 126:1117-1123 (11 or more: "
    "sensitivity 89.5%, specificity 77.5%). No reliable-change threshold is published for "
    "adolescents.",
    source="Johnson, Harris, Spitzer & Williams (2002), J Adolesc Health 30:196-204; "
    "adapted from the PHQ-9 (Pfizer Inc.).",
    licence="Free to reproduce and use in clinical care; no permission required.",
)


def _epds_item(key: str, text: str, labels: list[str], *, reverse: bool, risk=False) -> Item:
    return Item(
        key=key,
        text=text,
        options=_scale(labels, reverse=reverse, risk_from=1 if risk else None),
        reverse=reverse,
        risk_note="Any answer other than 'Never' opens a risk flag on the course." if risk else "",
    )


EPDS = Instrument(
    code="epds",
    name="Edinburgh Postnatal Depression Scale (EPDS)",
    short_name="EPDS",
    stem="Please choose the answer that comes closest to how you have felt in the past 7 days, "
    "not just how you feel today.",
    items=(
        _epds_item(
            "1",
            "I have been able to laugh and see the funny side of things",
            [
                "As much as I always could",
                "Not quite so much now",
                "Definitely not so much now",
                "Not at all",
            ],
            reverse=False,
        ),
        _epds_item(
            "2",
            "I have looked forward with enjoyment to things",
            [
                "As much as I ever did",
                "Rather less than I used to",
                "Definitely less than I used to",
                "Hardly at all",
            ],
            reverse=False,
        ),
        _epds_item(
            "3",
            "I have blamed myself unnecessarily when things went wrong",
            ["Yes, most of the time", "Yes, some of the time", "Not very often", "No, never"],
            reverse=True,
        ),
        _epds_item(
            "4",
            "I have been anxious or worried for no good reason",
            ["No, not at all", "Hardly ever", "Yes, sometimes", "Yes, very often"],
            reverse=False,
        ),
        _epds_item(
            "5",
            "I have felt scared or panicky for no very good reason",
            ["Yes, quite a lot", "Yes, sometimes", "No, not much", "No, not at all"],
            reverse=True,
        ),
        _epds_item(
            "6",
            "Things have been getting on top of me",
            [
                "Yes, most of the time I haven't been able to cope at all",
                "Yes, sometimes I haven't been coping as well as usual",
                "No, most of the time I have coped quite well",
                "No, I have been coping as well as ever",
            ],
            reverse=True,
        ),
        _epds_item(
            "7",
            "I have been so unhappy that I have had difficulty sleeping",
            ["Yes, most of the time", "Yes, sometimes", "Not very often", "No, not at all"],
            reverse=True,
        ),
        _epds_item(
            "8",
            "I have felt sad or miserable",
            ["Yes, most of the time", "Yes, quite often", "Not very often", "No, not at all"],
            reverse=True,
        ),
        _epds_item(
            "9",
            "I have been so unhappy that I have been crying",
            ["Yes, most of the time", "Yes, quite often", "Only occasionally", "No, never"],
            reverse=True,
        ),
        _epds_item(
            "10",
            "The thought of harming myself has occurred to me",
            ["Yes, quite often", "Sometimes", "Hardly ever", "Never"],
            reverse=True,
            risk=True,
        ),
    ),
    bands=(
        Band(0, 9, "Depression unlikely", 0),
        Band(10, 12, "Possible depression", 2),
        Band(13, 30, "Probable depression", 4),
    ),
    min_total=0,
    max_total=30,
    caseness=13,
    reliable_change=4,
    thresholds_source="Caseness 13 (probable depression, the 12/13 cut-off): Cox, Holden & "
    "Sagovsky (1987). Reliable change 4: Matthey (2004), Calculating clinically significant "
    "change in postnatal depression studies using the EPDS, J Affect Disord 78:269-272.",
    source="Cox, Holden & Sagovsky (1987), Detection of postnatal depression: development of "
    "the 10-item Edinburgh Postnatal Depression Scale, Br J Psychiatry 150:782-786.",
    licence="May be reproduced without permission for clinical use, citing the source above; "
    "not for commercial use.",
)

SMFQ_ANSWERS = ["Not true", "Sometimes", "True"]

# FB-IPT (children 7-12): the child's own report, on a validated measure that is free to use.
SMFQ = Instrument(
    code="smfq",
    name="Short Mood and Feelings Questionnaire, child self-report (SMFQ)",
    short_name="SMFQ",
    stem="Think about how you have been feeling or acting in the past two weeks. For each "
    "sentence, choose how true it was for you.",
    items=tuple(
        Item(key=str(number), text=text, options=_scale(SMFQ_ANSWERS))
        for number, text in enumerate(
            [
                "I felt miserable or unhappy",
                "I didn't enjoy anything at all",
                "I felt so tired I just sat around and did nothing",
                "I was very restless",
                "I felt I was no good any more",
                "I cried a lot",
                "I found it hard to think properly or concentrate",
                "I hated myself",
                "I was a bad person",
                "I felt lonely",
                "I thought nobody really loved me",
                "I thought I could never be as good as other kids",
                "I did everything wrong",
            ],
            start=1,
        )
    ),
    # The SMFQ publishes a screening cut-off, not severity bands: two bands, no more.
    bands=(
        Band(0, 7, "Below the screening cut-off", 0),
        Band(8, 26, "At or above the screening cut-off", 3),
    ),
    min_total=0,
    max_total=26,
    caseness=8,
    reliable_change=None,
    thresholds_source="Caseness 8: Angold et al. (1995), 8 or more: sensitivity 60%, "
    "specificity 85% for major depression, in children and adolescents aged 6-17 (later studies "
    "of older adolescents used 11 or 12; the lower cut-off makes a recovery claim harder). No "
    "published reliable-change threshold is known to us.",
    source="Angold, Costello, Messer, Pickles, Winder & Silver (1995), Development of a short "
    "questionnaire for use in epidemiological studies of depression in children and "
    "adolescents, Int J Methods Psychiatr Res 5:237-249. Copyright Adrian Angold & Elizabeth J. "
    "Costello, 1987, Developmental Epidemiology Program, Duke University.",
    licence="Free to use: may be reproduced for use with one's own patients, keeping the "
    "copyright line. It has no question about self-harm: ask about risk directly.",
)

INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument for instrument in (PHQ9, GAD7, PHQA, EPDS, SMFQ, WSAS)
}
INSTRUMENT_CHOICES = [(code, instrument.short_name) for code, instrument in INSTRUMENTS.items()]


def defaults_for(adaptation: str) -> tuple[str, ...]:
    """Which questionnaires a course offers first: its measure plan (cases.outcomes), the
    depression measure first. The others stay available."""
    return plan_for(adaptation).codes


def threshold(code: str) -> Threshold:
    """The outcome thresholds of one instrument, for the pure classification in cases."""
    instrument = get(code)
    return Threshold(
        code=instrument.code,
        label=instrument.short_name,
        caseness=instrument.caseness,
        reliable_change=instrument.reliable_change,
        depression=instrument.measures == "depression",
    )


def thresholds() -> dict[str, Threshold]:
    """Thresholds of every instrument with a caseness cut-off (not the WSAS)."""
    return {code: threshold(code) for code, i in INSTRUMENTS.items() if i.caseness is not None}


def get(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except KeyError:
        raise LookupError(f"Unknown questionnaire {code!r}.") from None


@dataclass(frozen=True)
class Score:
    """The outcome of scoring one set of answers; ``errors`` maps an item key to a message."""

    instrument: Instrument
    answers: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    total: int | None = None
    band: Band | None = None
    risk_items: tuple[Item, ...] = ()
    imputed_items: tuple[str, ...] = ()
    answered: int = 0
    # The sum of the scored answers so far, shown while the form is being filled in.
    running_total: int = 0

    @property
    def complete(self) -> bool:
        return not self.errors and self.total is not None

    @property
    def risk_positive(self) -> bool:
        return bool(self.risk_items)


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def score(instrument: Instrument, raw_answers: dict[str, str]) -> Score:
    """Score ``raw_answers`` (item key -> option code) for ``instrument``.

    Unknown option codes and unanswered items come back as ``errors`` at their item. A total is
    given only when the form is complete. WSAS: one missing or "not applicable" item is replaced
    by the mean of the others; the total is then rounded half up to a whole number. Risk items
    count as soon as they are answered, even on an incomplete form.
    """
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    scores: list[int] = []
    missing: list[str] = []
    risk_items: list[Item] = []
    for item in instrument.items:
        code = (raw_answers.get(item.key) or "").strip()
        if not code:
            missing.append(item.key)
            continue
        option = item.option(code)
        if option is None:
            errors[item.key] = "That answer is not one of this item's options."
            continue
        answers[item.key] = code
        if option.risk:
            risk_items.append(item)
        if item.scored:
            if option.score is None:
                missing.append(item.key)
            else:
                scores.append(option.score)

    scored_keys = {item.key for item in instrument.scored_items}
    missing_scored = [key for key in missing if key in scored_keys]
    missing_unscored = [key for key in missing if key not in scored_keys]
    imputed: tuple[str, ...] = ()
    if len(missing_scored) > instrument.imputable_missing:
        for key in missing_scored:
            if key not in answers:
                errors.setdefault(key, "Please answer this item.")
            else:
                errors.setdefault(
                    key, "Only one item may be 'not applicable'; answer this one or another."
                )
    elif missing_scored:
        imputed = tuple(missing_scored)
    for key in missing_unscored:
        errors.setdefault(key, "Please answer this item.")

    total = band = None
    if not errors:
        raw = Decimal(sum(scores))
        if imputed:
            raw = raw * len(instrument.scored_items) / Decimal(len(scores))
        total = _round_half_up(raw)
        band = instrument.band_for(total)
    return Score(
        instrument=instrument,
        answers=answers,
        errors=errors,
        total=total,
        band=band,
        risk_items=tuple(risk_items),
        imputed_items=imputed,
        answered=len(answers),
        running_total=sum(scores),
    )
