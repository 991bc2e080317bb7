import pytest

from cases.phases import phase_for, phase_spans

# planned length -> (last initial, first termination). Initial is always 1-3; termination is the
# last four sessions of a 14-16-session course and the last three of a 12-13-session one.
BOUNDARIES = {12: 10, 13: 11, 14: 11, 15: 12, 16: 13}


def expected_phase(number: int, planned: int) -> str:
    if number <= 3:
        return "initial"
    if number >= BOUNDARIES[planned]:
        return "termination"
    return "middle"


CASES = [
    (number, planned, expected_phase(number, planned))
    for planned in BOUNDARIES
    for number in range(1, planned + 4)  # three sessions past the planned end too
]


@pytest.mark.parametrize(("number", "planned", "phase"), CASES)
def test_it_puts_every_session_of_every_standard_length_in_its_phase(number, planned, phase):
    assert phase_for(number, planned) == phase


@pytest.mark.parametrize(
    ("planned", "spans"),
    [
        (12, [("initial", 1, 3), ("middle", 4, 9), ("termination", 10, 12)]),
        (13, [("initial", 1, 3), ("middle", 4, 10), ("termination", 11, 13)]),
        (14, [("initial", 1, 3), ("middle", 4, 10), ("termination", 11, 14)]),
        (15, [("initial", 1, 3), ("middle", 4, 11), ("termination", 12, 15)]),
        (16, [("initial", 1, 3), ("middle", 4, 12), ("termination", 13, 16)]),
    ],
)
def test_it_lays_out_the_phases_of_a_course(planned, spans):
    assert phase_spans(planned) == spans


def test_it_counts_sessions_past_the_planned_end_as_termination():
    assert phase_for(17, 16) == "termination"
    assert phase_for(30, 12) == "termination"


def test_it_refuses_impossible_session_numbers():
    with pytest.raises(ValueError):
        phase_for(0, 16)
    with pytest.raises(ValueError):
        phase_for(1, 0)


# Every planned length the course form accepts (1-40). Written out by hand for the short
# courses, where the rule bends; from 17 on, sessions 1-3 and the last four.
SHORT_LAYOUTS = {
    1: [("initial", 1, 1)],
    2: [("initial", 1, 1), ("termination", 2, 2)],
    3: [("initial", 1, 1), ("middle", 2, 2), ("termination", 3, 3)],
    4: [("initial", 1, 1), ("middle", 2, 3), ("termination", 4, 4)],
    5: [("initial", 1, 2), ("middle", 3, 4), ("termination", 5, 5)],
    6: [("initial", 1, 2), ("middle", 3, 4), ("termination", 5, 6)],
    7: [("initial", 1, 2), ("middle", 3, 5), ("termination", 6, 7)],
    8: [("initial", 1, 2), ("middle", 3, 6), ("termination", 7, 8)],
    9: [("initial", 1, 3), ("middle", 4, 7), ("termination", 8, 9)],
    10: [("initial", 1, 3), ("middle", 4, 7), ("termination", 8, 10)],
    11: [("initial", 1, 3), ("middle", 4, 8), ("termination", 9, 11)],
    12: [("initial", 1, 3), ("middle", 4, 9), ("termination", 10, 12)],
    13: [("initial", 1, 3), ("middle", 4, 10), ("termination", 11, 13)],
    14: [("initial", 1, 3), ("middle", 4, 10), ("termination", 11, 14)],
    15: [("initial", 1, 3), ("middle", 4, 11), ("termination", 12, 15)],
    16: [("initial", 1, 3), ("middle", 4, 12), ("termination", 13, 16)],
}
FULL_TABLE = SHORT_LAYOUTS | {
    planned: [("initial", 1, 3), ("middle", 4, planned - 4), ("termination", planned - 3, planned)]
    for planned in range(17, 41)
}


@pytest.mark.parametrize("planned", range(1, 41))
def test_it_lays_out_every_length_the_course_form_accepts(planned):
    assert phase_spans(planned) == FULL_TABLE[planned]


@pytest.mark.parametrize("planned", range(1, 41))
def test_its_phases_never_overlap_and_run_in_order(planned):
    phases = [phase_for(number, planned) for number in range(1, planned + 1)]
    order = ["initial", "middle", "termination"]
    assert phases == sorted(phases, key=order.index)
    assert phases[0] == "initial"
    if planned >= 2:
        assert phases[-1] == "termination"
    if planned >= 3:
        assert set(phases) == set(order)
    assert phases.count("initial") <= 3 and phases.count("termination") <= 4


def test_a_four_session_course_has_a_middle_and_a_termination_apart_from_the_initial():
    assert [phase_for(n, 4) for n in range(1, 5)] == [
        "initial",
        "middle",
        "middle",
        "termination",
    ]
    assert phase_for(5, 4) == "termination"  # an extra session past the plan
