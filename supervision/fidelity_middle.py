"""The fidelity items of the middle phase: one focal area, work on it, communication analysis
and role play, weekly tasks.

"Areas worked" is the one rule of ``supervision.focal_work``; the dashboard's flags and the
traps read the same rule.
"""

from supervision.fidelity_initial import focus_chosen_evidence
from supervision.fidelity_records import (
    DONE,
    MISSING,
    NOT_DUE,
    PARTIAL,
    CourseRecords,
    FidelityItem,
    count,
    listed,
    numbers,
    span,
    techniques,
)
from supervision.focal_work import area_names, middle_without_focus, on_focus, outside_focus

# The technique boxes that name a focal area's own work: ticked alone, they are not focal work.
FOCAL_TECHNIQUES = frozenset(
    {
        "grief_work",
        "role_dispute_resolution",
        "role_transition_support",
        "interpersonal_deficits_work",
    }
)


def _one_focal_area(c: CourseRecords) -> FidelityItem:
    key, label = "one_focus", "One focal area"
    outside = outside_focus(c)
    drift = [
        c.evidence(row, f"{area_names(areas)} work, outside the focus") for row, areas in outside
    ]
    if not c.versions:
        status = MISSING if c.reached(c.initial_end) else NOT_DUE
        missing = "No focal area has been chosen." + (
            "" if status == MISSING else f" Expected by session {c.initial_end}."
        )
        if outside:
            status = MISSING if status == MISSING else PARTIAL
            missing += (
                f" Work on {area_names(set().union(*(a for _, a in outside)))} was recorded "
                f"in {numbers([row for row, _ in outside])} with no focus agreed."
            )
        return c.item(key, label, status, drift, missing=missing)
    current = c.versions[0]
    evidence = [focus_chosen_evidence(c, current)]
    focus = area_names({current.primary_area})
    if current.secondary_area:
        focus += f", with {area_names({current.secondary_area})} as secondary"
    found = f"Focus: {focus}. " + (
        f"Focal-area work recorded in {count(len(c.worked), 'session')}."
        if c.worked
        else "No focal-area work recorded in a session yet."
    )
    if not outside:
        return c.item(key, label, DONE, evidence, found)
    missing = (
        f"Work on an area outside the formulation's focus was recorded in "
        f"{numbers([row for row, _ in outside])}: keep to the agreed area, or revise the "
        "formulation with the client."
    )
    return c.item(key, label, PARTIAL, evidence + drift, found, missing)


def _focal_techniques(c: CourseRecords) -> FidelityItem:
    """Middle sessions that worked the focus in force (any area while there is no formulation);
    work on another area is the "one focal area" item's concern. The same rule as the
    "middle session without focal work" trap."""
    key, label = "focal_techniques", "Focal-area techniques in the middle phase"
    middle = c.middle_rows()
    if not middle:
        missing = f"The middle phase ({span(c.middle_span)}) has not started."
        return c.item(key, label, NOT_DUE, missing=missing)
    without = middle_without_focus(c)
    evidence = [
        c.evidence(row, f"{area_names(areas)} work")
        for row in middle
        if (areas := on_focus(c, row))
    ]
    found = (
        f"Work on the focal area in {len(evidence)} of {len(middle)} middle-phase sessions held."
    )
    if not without:
        return c.item(key, label, DONE, evidence, found)
    missing = f"No work on the focal area is recorded in {numbers(without)}."
    ticked = [row for row in without if FOCAL_TECHNIQUES & techniques(row)]
    if ticked:
        missing += (
            f" A focal-area technique was ticked in {numbers(ticked)} with nothing written "
            "in the focal-area section: a ticked box alone does not count."
        )
    return c.item(key, label, PARTIAL if evidence else MISSING, evidence, found, missing)


def _communication_and_role_play(c: CourseRecords) -> FidelityItem:
    key, label = "communication_role_play", "Communication analysis and role play"
    records = [
        (c.by_id[a["session_id"]], "communication analysis, alternatives role-played")
        if a["role_played"]
        else (c.by_id[a["session_id"]], "communication analysis")
        for a in c.analyses
    ] + [(c.by_id[session_id], "role play") for session_id in c.role_play_sessions]
    records.sort(key=lambda pair: pair[0]["number"])
    evidence = [c.evidence(row, what) for row, what in records]
    has_role_play = bool(c.role_play_sessions) or any(a["role_played"] for a in c.analyses)
    analyses = (
        "1 communication analysis"
        if len(c.analyses) == 1
        else f"{len(c.analyses)} communication analyses"
    )
    found = f"{analyses} and {count(len(c.role_play_sessions), 'role play')} recorded."
    absent = [
        what
        for what, done in (("communication analysis", c.analyses), ("role play", has_role_play))
        if not done
    ]
    if not absent:
        return c.item(key, label, DONE, evidence, found)
    ticked = [
        row for row in c.sessions if {"communication_analysis", "role_play"} & techniques(row)
    ]
    note = (
        f" Ticked as used in {numbers(ticked)}, with nothing written down about it."
        if ticked and not evidence
        else ""
    )
    if not c.reached(c.first_termination - 1):
        missing = (
            f"Not recorded yet: {listed(absent)}. Expected during the middle phase "
            f"({span(c.middle_span)}).{note}"
        )
        return c.item(key, label, NOT_DUE, evidence, found, missing)
    missing = f"No {listed(absent)} recorded in the course.{note}"
    return c.item(key, label, PARTIAL if evidence else MISSING, evidence, found, missing)


def _weekly_tasks(c: CourseRecords) -> FidelityItem:
    key, label = "weekly_tasks", "Weekly interpersonal tasks"
    with_task = [row for row in c.sessions if row["next_task"].strip()]
    evidence = [c.evidence(row, "task agreed") for row in with_task]
    found = f"A task was agreed in {len(with_task)} of {count(c.held, 'attended session')}."
    middle = c.middle_rows()
    if not middle:
        missing = f"Tasks are expected every week of the middle phase ({span(c.middle_span)})."
        return c.item(key, label, NOT_DUE, evidence, found, missing)
    without = [row for row in middle if not row["next_task"].strip()]
    if not without:
        return c.item(key, label, DONE, evidence, found)
    status = MISSING if len(without) == len(middle) else PARTIAL
    missing = f"No interpersonal task was agreed in middle-phase {numbers(without)}."
    return c.item(key, label, status, evidence, found, missing)
