import pytest

from cases.phases import group_phase_for, member_phase_for


def test_it_makes_the_first_group_session_initial_the_last_two_termination_the_rest_middle():
    phases = [group_phase_for(n, 8) for n in range(1, 9)]
    assert phases == ["initial"] + ["middle"] * 5 + ["termination"] * 2


def test_it_treats_sessions_past_the_planned_end_as_termination():
    assert group_phase_for(9, 8) == "termination"


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        (1, ["initial"]),
        (2, ["initial", "termination"]),
        (3, ["initial", "termination", "termination"]),
        (4, ["initial", "middle", "termination", "termination"]),
    ],
)
def test_it_scales_to_short_groups(planned, expected):
    assert [group_phase_for(n, planned) for n in range(1, planned + 1)] == expected


def test_it_refuses_a_session_number_below_one():
    with pytest.raises(ValueError):
        group_phase_for(0, 8)


def test_it_makes_a_members_pre_group_meeting_their_initial_phase_then_follows_the_group():
    # Session 1 of the member's course is the pre-group meeting; 2-9 are group sessions 1-8.
    phases = [member_phase_for(n, 9) for n in range(1, 10)]
    assert phases == ["initial", "initial"] + ["middle"] * 5 + ["termination"] * 2
