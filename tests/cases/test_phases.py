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
