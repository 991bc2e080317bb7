"""Per-course stories for the session-notes demo: what each demo course's notes say.

Each story fits its course's focal area and its client (an adolescent's course talks about
school, parents and friends; a perinatal course about the baby and the partner). The people
named in ``people`` and ``focal["people"]`` are the inventory people of the matching scenario in
``inventory.demo_scenarios`` (same key), so the notes link mood and focal work to them.
Which demo course tells which story is ``inventory.demo_scenarios.COURSE_STORY``; a course not
listed there (a test's course) gets the story of its inventory scenario.
"""

from inventory.demo_scenarios import COURSE_STORY
from inventory.models import Person
from sessions import demo_stories_more as more

_DISPUTE = {
    "initial": [
        (
            "Low most days, sleeping badly since the rows began.",
            "Explained depression as an illness with a name and a treatment; agreed a lighter "
            "load at work for now.",
            "Tell Dan what the diagnosis means, in her own words.",
            "Dan",
        ),
        (
            "A little brighter after telling Dan; flat again by Sunday.",
            "Started the interpersonal inventory: Dan, Mum, Priya, her brother, her manager.",
            "Text Priya and say she has been unwell.",
            "Priya",
        ),
        (
            "Tearful after another row with Dan about chores.",
            "Finished the timeline; mood dropped when the rows with Dan began after his new job. "
            "Agreed to work on the dispute with Dan.",
            "Ask Dan for twenty minutes on Saturday to talk about the week.",
            "Dan",
        ),
    ],
    "middle": [
        (
            "Better mid-week, worse after Friday's row with Dan.",
            "Went through the Friday row line by line; she heard criticism where Dan probably "
            "meant worry. Practised saying what she needs.",
            "Say one clear request to Dan about the evenings.",
            "Dan",
        ),
        (
            "Steadier. Saw Priya for coffee and stayed an hour.",
            "Reviewed what changed when she asked Dan directly. Compared her expectations of the "
            "relationship with his.",
            "Plan a Sunday walk with Dan and bring up the money question.",
            "Dan",
        ),
    ],
    "termination": (
        "Mood mostly 7-8; sleeping through.",
        "Reviewed gains: fewer rows with Dan, back in touch with Priya. Talked about "
        "ending as a change, not a loss.",
        "Keep the Sunday check-in with Dan going after the course.",
        "Dan",
    ),
    "focal": {
        "area": "role_dispute",
        "people": ["Dan"],
        "dispute_with": "Dan",
        "dispute_stage": "impasse",
        "client_expectations": "Chores shared; two evenings a week together.",
        "other_expectations": "Patience while his new job settles; no rows at night.",
    },
    "communication": {
        "scene": "Kitchen, Friday evening; both tired after work.",
        "exchange": "She: 'You never think about me.' Dan: 'Not this again.' She left.",
        "tone": "Raised voice; Dan turned back to his phone.",
        "meant": "I feel alone and need you to notice.",
        "heard": "You are a bad partner.",
        "feelings": "Hurt, then angry, then guilty.",
        "alternatives": "'I've had a hard day and I'd like us to sit together for a bit.'",
    },
    "role_play": {
        "rehearsed": "Asking Dan for time together without blaming.",
        "with_whom": "Dan (played by the therapist)",
        "how_it_went": "Hesitant at first; second try clear and calm.",
    },
    "relapse": {
        "warning_signs": "You wake at 4am, cancel plans with friends and snap at home.",
        "stressors": "Year-end at work; your mother's operation in spring.",
        "what_helped": "Saying what you need directly; the Sunday check-in with Dan; seeing Priya.",
        "what_to_do": "When you notice the signs, restart the Sunday check-in, tell Dan, and "
        "book a GP appointment.",
        "who_to_contact": "Your GP; the service's duty line; Priya.",
    },
}

_GRIEF = {
    "initial": [
        (
            "Crying most days since Dad died; not eating properly.",
            "Explained depression as an illness, separate from ordinary grief, and that it can be "
            "treated.",
            "Tell Chris what the diagnosis means, in her own words.",
            "Chris",
        ),
        (
            "Slept a little better; the house sale brought it all back.",
            "Started the inventory: Dad, Sara, Chris, Ana. Dad was the one she phoned every "
            "evening.",
            "Write down three memories of Dad, good or hard.",
            "Dad",
        ),
        (
            "Low after a short call with Sara about Dad's things.",
            "Timeline done: mood fell after Dad's death and stayed down. Agreed to work on the "
            "grief.",
            "Look through the photo box with Chris.",
            "Chris",
        ),
    ],
    "middle": [
        (
            "Very low on what would have been Dad's birthday.",
            "Told the story of Dad's last months for the first time; angry he hid how ill he "
            "was, then guilty for the anger. Both allowed.",
            "Visit the allotment and notice what she feels.",
            "Dad",
        ),
        (
            "A bit lighter; called Ana back and they walked on Sunday.",
            "Talked about the good and the hard sides of Dad. Linked the better week to seeing Ana.",
            "Arrange a second Sunday walk with Ana.",
            "Ana",
        ),
    ],
    "termination": (
        "Mood mostly 6-7; eating and sleeping better.",
        "Reviewed gains: can talk about Dad without falling apart; walks with Ana "
        "again. Ending brings some sadness, like the other loss; named that.",
        "Plan the anniversary of Dad's death with Sara.",
        "Sara",
    ),
    "focal": {
        "area": "grief",
        "people": ["Dad"],
        "mourning": "Told the story of Dad's death; anger that he hid his illness, "
        "guilt about the years abroad.",
        "restoring": "Back to the allotment; Sunday walks with Ana restarted.",
    },
    "communication": {
        "scene": "Phone call with Sara about clearing Dad's house.",
        "exchange": "Sara: 'You were never here.' She: 'Fine, do it yourself.' Call ended.",
        "tone": "Both clipped; she hung up first.",
        "meant": "I miss him too and I feel guilty already.",
        "heard": "You didn't love Dad enough.",
        "feelings": "Hurt, ashamed, then lonely.",
        "alternatives": "'I wish I'd been here more. Can we talk about Dad, not just the house?'",
    },
    "role_play": {
        "rehearsed": "Telling Sara she misses Dad too and wants to talk about him.",
        "with_whom": "Sara (played by the therapist)",
        "how_it_went": "Tearful; managed to say it on the second try.",
    },
    "relapse": {
        "warning_signs": "You stop eating properly, avoid calls and cry every day.",
        "stressors": "The anniversary of Dad's death; Christmas; the house sale.",
        "what_helped": "Talking about Dad with people close to you; walks with Ana; the allotment.",
        "what_to_do": "When you notice the signs, tell Chris or Sara how you feel and call Ana "
        "for a walk; see your GP if it lasts two weeks.",
        "who_to_contact": "Your GP; the service's duty line; Ana.",
    },
}

_TRANSITION = {
    "initial": [
        (
            "Low since the redundancy; lying in until noon.",
            "Explained depression as an illness that can be treated; agreed to take things "
            "slower for now.",
            "Tell Sam what the diagnosis means, in his own words.",
            "Sam",
        ),
        (
            "Brighter after telling Sam; low again after a rejection letter.",
            "Inventory started: Sam, his brother Tom, Ken from the old job, a neighbour.",
            "Reply to Ken's message.",
            "Ken",
        ),
        (
            "Flat; felt useless at home all week.",
            "Timeline done: mood fell after the redundancy. Agreed to work on the change of role.",
            "List what he misses about work and what he does not.",
            "Sam",
        ),
    ],
    "middle": [
        (
            "Low after Sam asked about money.",
            "Went through the old role: pride, the team, routine; and what was hard: the hours. "
            "Linked the low week to feeling he had let Sam down.",
            "Talk to Sam about a budget, without apologising.",
            "Sam",
        ),
        (
            "Better; met Ken for a coffee and heard about a course.",
            "Looked at the new role: what it asks, the skills he has, who can help. Mood lifted "
            "after seeing Ken.",
            "Ask Tom about the volunteering at the football club.",
            "Tom",
        ),
    ],
    "termination": (
        "Mood 7 most days; up at eight.",
        "Reviewed gains: a routine, a college course, talking to Sam again. Some "
        "worry about ending; mostly ready.",
        "Keep the weekly coffee with Ken.",
        "Ken",
    ),
    "focal": {
        "area": "role_transition",
        "people": ["Sam", "Ken"],
        "old_role": "Twenty years as a site supervisor: the team, pride, a routine.",
        "new_role": "At home for now and retraining: more time, less money, less status.",
        "skills_supports": "Sam; Ken's contacts; the college course adviser.",
    },
    "communication": {
        "scene": "Sofa, Tuesday night; Sam asks about the bills.",
        "exchange": "Sam: 'Have you heard anything?' He: 'Don't start.' He went to bed.",
        "tone": "Sharp; he would not look at Sam.",
        "meant": "I'm scared and ashamed.",
        "heard": "You're failing us.",
        "feelings": "Ashamed, then angry.",
        "alternatives": "'Not yet. I'm worried too. Can we sit down with the bills on Sunday?'",
    },
    "role_play": {
        "rehearsed": "Telling Sam he is worried, without snapping.",
        "with_whom": "Sam (played by the therapist)",
        "how_it_went": "Stiff at first; easier when he said 'I'm worried'.",
    },
    "relapse": {
        "warning_signs": "You stay in bed past ten, stop replying to Ken and snap at Sam.",
        "stressors": "Job rejections; money worries; the course ending.",
        "what_helped": "A daily routine; telling Sam how you feel; coffee with Ken.",
        "what_to_do": "When you notice the signs, keep the morning routine, tell Sam and "
        "call Ken; see your GP if it lasts two weeks.",
        "who_to_contact": "Your GP; the service's duty line; your brother Tom.",
    },
}


def _drift() -> dict:
    """The grief course worked as a dispute with Chris: every text of the dispute story with
    Dan as Chris and Priya as Ana (Chris and Ana are people of the grief inventory)."""

    def swap(value):
        if isinstance(value, str):
            return value.replace("Dan", "Chris").replace("Priya", "Ana")
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(swap(v) for v in value)
        return value

    return swap(_DISPUTE)


STORIES: dict[str, dict] = {
    "dispute": _DISPUTE,
    "grief": _GRIEF,
    "transition": _TRANSITION,
    "deficits": more.DEFICITS,
    "adolescent": more.ADOLESCENT,
    "late_life": more.LATE_LIFE,
    "perinatal": more.PERINATAL,
    "drift": _drift(),
    # Daniel's transition course slides into his rows with Sam about money from session 6: on
    # the dashboard it shows work outside the focus, beside his "not on track" scores.
    "transition_drift": {
        **_TRANSITION,
        "drift": {
            "from": 6,
            "middle": [
                (
                    "Low after two nights of rows with Sam about money.",
                    "Spent the session on the rows with Sam: who pays what, who is to blame. "
                    "The job and the retraining were not mentioned.",
                    "Tell Sam he will not discuss money after nine.",
                    "Sam",
                ),
            ],
            "focal": {
                "area": "role_dispute",
                "people": ["Sam"],
                "dispute_with": "Sam",
                "dispute_stage": "impasse",
                "client_expectations": "Not to be asked about money every evening.",
                "other_expectations": "To plan the budget together, and to be told how he is.",
            },
        },
    },
}
# The technique ticked in a middle session of each focal area.
TECHNIQUE = {
    "grief": "grief_work",
    "role_dispute": "role_dispute_resolution",
    "role_transition": "role_transition_support",
    "interpersonal_deficits": "interpersonal_deficits_work",
}


def story_key(course) -> str:
    """The demo course's story; any other course tells the story of the adult inventory
    scenario it was given (grief when its inventory has the father who died)."""
    story = COURSE_STORY.get(course.client.record_number)
    if story:
        return story
    return "grief" if Person.objects.filter(course=course, name="Dad").exists() else "dispute"


def story_for(course) -> dict:
    return STORIES[story_key(course)]
