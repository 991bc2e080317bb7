"""Our IPT adherence and quality rubric: the domains a supervisor rates a course on, 1 to 5.

Written by the service for its own supervision; not a published scale. Each domain says what
the supervisor looks at and what each level looks like in the records, so two supervisors
reading the same course land close to each other. ``FidelityRating.scores`` stores
``{domain key: level}``; a key no longer here still reads back (as "no longer rated").
"""

from dataclasses import dataclass

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
LEVEL_NAMES: dict[int, str] = {
    1: "Absent",
    2: "Weak",
    3: "Adequate",
    4: "Good",
    5: "Exemplary",
}


@dataclass(frozen=True)
class Domain:
    key: str
    label: str
    description: str
    # The descriptor for levels 1 to 5, in order.
    descriptors: tuple[str, str, str, str, str]
    # A domain that cannot be judged before the course reaches it may be left unrated.
    may_wait: bool = False

    def descriptor(self, level: int) -> str:
        return self.descriptors[level - 1]

    @property
    def levels(self) -> list[tuple[int, str, str]]:
        """(level, level name, descriptor) for each level, lowest first."""
        return [(n, LEVEL_NAMES[n], self.descriptor(n)) for n in LEVELS]


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "structure",
        "Structure and phase tasks",
        "The course keeps its agreed length and each phase does its own work.",
        (
            "No visible structure: sessions drift and the time limit is not used.",
            "Some phase tasks done, but late or out of order; the end date is rarely mentioned.",
            "Most phase tasks done in the right phase; the course length is known to the client.",
            "Phase tasks done on time; the remaining sessions are named regularly.",
            "Every phase does its work on time and the time limit is used to keep momentum.",
        ),
    ),
    Domain(
        "inventory_formulation",
        "Interpersonal inventory and formulation",
        "The focus is found from a full inventory and shared in words the client can repeat.",
        (
            "No inventory or no formulation; the focus is assumed rather than found.",
            "Thin inventory, or a focus chosen before it was finished; formulation not shared.",
            "Inventory covers the key people; formulation shared, though loosely tied to it.",
            "Inventory is detailed and the formulation follows from it; the client agreed.",
            "Clear line from inventory and timeline to focus; the client owns the formulation.",
        ),
    ),
    Domain(
        "focal_area",
        "Focal-area work",
        "Middle sessions stay with the agreed focal area and do that area's work.",
        (
            "No focal work: sessions are general support or advice.",
            "The focus is named but sessions wander, or several areas are worked at once.",
            "Most middle sessions work the focus, with some drift.",
            "Sessions consistently work the focus with the area's proper tasks.",
            "Focused, purposeful work on the area; drift is noticed and brought back.",
        ),
    ),
    Domain(
        "techniques",
        "Use of techniques",
        "Communication analysis, role play and decision analysis are used and recorded.",
        (
            "No specific techniques; the therapist interprets rather than investigates.",
            "Techniques named but thin: no actual words, feelings or options recorded.",
            "Communication analysis recorded with real exchanges; role play tried once.",
            "Regular, well-recorded analyses; alternatives rehearsed in role play.",
            "Techniques chosen to fit the moment, rehearsed and followed up when tried.",
        ),
    ),
    Domain(
        "tasks",
        "Interpersonal tasks between sessions",
        "Each session agrees one concrete interpersonal action and the next reviews it.",
        (
            "No tasks agreed, or tasks are worksheets rather than actions with people.",
            "Tasks agreed now and then; seldom reviewed at the next session.",
            "Tasks agreed in most sessions and usually reviewed.",
            "Concrete, well-sized tasks agreed and reviewed nearly every week.",
            "Tasks grow from the session's work, are reviewed every week and shape the next step.",
        ),
    ),
    Domain(
        "stance",
        "Therapeutic stance and collaboration",
        "Warm, active and hopeful; the client is a partner and depression is named as an illness.",
        (
            "Passive or directive without the client; the sick role is not used.",
            "Supportive but vague; the client's view of the work is rarely checked.",
            "Collaborative and encouraging; the medical model is explained.",
            "Active, warm and clear; the client's own words and choices guide the work.",
            "A strong alliance used as a model for other relationships; the client leads more over time.",
        ),
    ),
    Domain(
        "risk",
        "Attention to risk",
        "Suicidal risk is asked about directly and acted on; raised risk comes before routine work.",
        (
            "Risk not asked about, or raised risk not acted on.",
            "Risk asked about once; later changes not followed.",
            "Risk asked at the start and when mood drops; flags reviewed.",
            "Risk followed session by session; a safety plan is in place where needed.",
            "Risk woven into every session; prompt, coordinated action and a current safety plan.",
        ),
    ),
    Domain(
        "termination",
        "Termination work",
        "The ending is prepared in advance, gains are reviewed and a relapse plan is made.",
        (
            "The ending arrives unprepared; no review of gains or relapse plan.",
            "The ending is raised only in the last session; the plan is thin.",
            "The ending is prepared over the last sessions; gains and a plan are recorded.",
            "Gains, feelings about ending and a full relapse plan worked through in time.",
            "The ending is used as a planned transition; the client leaves with a plan they wrote.",
        ),
        may_wait=True,
    ),
)

DOMAINS_BY_KEY: dict[str, Domain] = {domain.key: domain for domain in DOMAINS}


def descriptor(key: str, level: int) -> str:
    """The descriptor of ``level`` in domain ``key``; empty when either is unknown."""
    domain = DOMAINS_BY_KEY.get(key)
    if domain is None or level not in LEVELS:
        return ""
    return domain.descriptor(level)
