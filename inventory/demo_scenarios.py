"""More demo inventories (see ``inventory.demo``), one per story of the other focal areas and
adaptations, and which demo course tells which story.

The people's names match the session notes of the same story (``sessions.demo_stories``).
"""


def _p(name, rel, closeness, support, conflict, unmet, pattern, change, **extra):
    details = {"communication_pattern": pattern, "wanted_change": change, **extra}
    return (name, rel, closeness, support, conflict, unmet, details)


# Demo record number -> story (inventory scenario and session notes share the key).
# DEMO-1009 is the teaching example of drift: a grief formulation ("drift" uses the grief
# inventory) whose sessions work a dispute with the partner; DEMO-1002 ("transition_drift") is an
# active transition course whose later middle sessions slide into a dispute.
COURSE_STORY: dict[str, str] = {
    "DEMO-1001": "dispute",
    "DEMO-1005": "dispute",
    "DEMO-2007": "dispute",
    "DEMO-1003": "grief",
    "DEMO-1007": "grief",
    "DEMO-1002": "transition_drift",
    "DEMO-2006": "transition",
    "DEMO-1008": "transition",
    "DEMO-1006": "deficits",
    "DEMO-2004": "deficits",
    "DEMO-2001": "adolescent",
    "DEMO-2002": "late_life",
    "DEMO-2003": "perinatal",
    "DEMO-1009": "drift",
}

TRANSITION = {
    "area": "role_transition",
    "people": [
        _p(
            "Sam",
            "partner",
            "inner",
            "strong",
            "some",
            "Worried about money",
            "Talks about bills at night; he goes quiet.",
            "To talk about money calmly.",
        ),
        _p(
            "Tom",
            "sibling",
            "middle",
            "some",
            "none",
            "",
            "Football on Saturdays; never talks about feelings.",
            "To ask Tom about the volunteering at the club.",
        ),
        _p(
            "Ken",
            "colleague",
            "middle",
            "some",
            "none",
            "Messages left unanswered",
            "Worked together twenty years; texts now and then.",
            "To reply and meet for coffee.",
            recent_changes="Made redundant at the same time.",
        ),
        _p(
            "Brian",
            "manager",
            "outer",
            "none",
            "some",
            "",
            "Told him about the redundancy by email.",
            "Nothing: that job is over.",
            relationship_status="ended",
        ),
    ],
    "events": [
        ("role_change", 120, "Made redundant after twenty years", ["Brian", "Ken"]),
        ("mood_onset", 100, "Stays in bed until noon; stops football", []),
        ("conflict", 80, "Rows with Sam about money", ["Sam"]),
        ("isolation", 60, "Stops replying to Ken", ["Ken"]),
    ],
    "worksheet": {
        "old_role": "Site supervisor for twenty years",
        "new_role": "Looking for work and retraining",
        "losses": "Pride, the team, a routine, the wage.",
        "gains": "Time at home; a chance to train for something he chooses.",
        "skills_supports": "Sam, Ken's contacts, the college adviser.",
        "practice": "A daily routine; one application a week; coffee with Ken.",
    },
    "plain": "Your low mood started when you lost your job. We will look at what you lost and "
    "what the next step could be, and who can help you with it.",
    "goals": ("Keep a daily routine", "Meet Ken once a fortnight", "Apply for the college course"),
    "words": "Without work I don't know who I am.",
}

DEFICITS = {
    "area": "interpersonal_deficits",
    "people": [
        _p(
            "Nina",
            "sibling",
            "inner",
            "some",
            "none",
            "Lives two hours away",
            "Calls on birthdays; he keeps it short.",
            "To call every week.",
        ),
        _p(
            "Mr Patel",
            "other",
            "outer",
            "none",
            "none",
            "",
            "Neighbour; nods over the fence.",
            "To say hello and talk a little.",
        ),
        _p(
            "Joe",
            "friend",
            "outer",
            "none",
            "none",
            "Lost touch after a job move",
            "Sent a text; he has not replied.",
            "To reply and meet for a pint.",
        ),
    ],
    "events": [
        ("isolation", 400, "Moves for work; loses touch with friends", ["Joe"]),
        ("mood_onset", 300, "Weekends alone in bed", []),
        ("mood_worsening", 60, "Stops answering Nina's calls", ["Nina"]),
    ],
    "worksheet": {
        "patterns": "Waits to be contacted, then withdraws, sure he is unwanted.",
        "past_lessons": "Friendships faded when he did not reach out after each move.",
        "social_goals": "One friend to see regularly; a group to belong to.",
        "practice": "Hello to Mr Patel; message Joe; the walking group.",
        "therapy_relationship": "Says little here at first; name it and talk about it.",
    },
    "plain": "You have been on your own a lot, and that keeps the depression going. We will "
    "look at how you tend to lose touch with people and practise small steps to reconnect.",
    "goals": ("Go to the walking group twice", "Call Nina every week"),
    "words": "I just wait for people and they don't come.",
}

ADOLESCENT = {
    "area": "role_dispute",
    "people": [
        _p(
            "Mum",
            "parent",
            "inner",
            "strong",
            "high",
            "Checks up on me all the time",
            "Rows about going out and her phone, mostly at bedtime.",
            "To be trusted to go out on Saturdays.",
        ),
        _p(
            "Jade",
            "friend",
            "inner",
            "strong",
            "none",
            "",
            "Best friend since primary school; chats in the lunch queue.",
            "To tell Jade why she has been quiet.",
        ),
        _p(
            "Dad",
            "parent",
            "middle",
            "some",
            "none",
            "Moved out last year",
            "Every other weekend; they watch films, never talk about home.",
            "To tell Dad about netball.",
        ),
        _p(
            "Ms Cole",
            "other",
            "outer",
            "some",
            "none",
            "",
            "Form tutor; asks how she is.",
            "To ask for help when work piles up.",
        ),
    ],
    "events": [
        ("role_change", 300, "Dad moves out", ["Dad", "Mum"]),
        ("conflict", 150, "Rows with Mum about going out", ["Mum"]),
        ("mood_onset", 120, "Stops netball; stays in her room", []),
    ],
    "worksheet": {
        "other_person": "Mum",
        "stage": "renegotiation",
        "client_expectations": "To go out on Saturdays; less checking.",
        "other_expectations": "To know where she is; homework first.",
        "wants": "Both want fewer rows.",
        "options": "A later Saturday time if she texts.",
    },
    "plain": "You feel low since the rows with Mum began after Dad moved out. We will work "
    "on how you and Mum talk, so you can agree on things like going out.",
    "goals": ("Agree Saturdays with Mum", "Go back to netball"),
    "words": "Mum and me just shout. I want her to trust me.",
}

LATE_LIFE = {
    "area": "role_dispute",
    "people": [
        _p(
            "Karen",
            "child",
            "inner",
            "strong",
            "high",
            "Wants him to sell the house",
            "Visits on Sundays; the move comes up and he shouts.",
            "To talk about the house without shouting.",
        ),
        _p(
            "Paul",
            "child",
            "middle",
            "some",
            "none",
            "",
            "Phones from abroad monthly.",
            "To ask Paul to join the talks with Karen.",
        ),
        _p(
            "Stan",
            "friend",
            "middle",
            "some",
            "none",
            "",
            "Bowls on Tuesdays; talk about sport.",
            "To go back to bowls.",
        ),
        _p(
            "Margaret",
            "partner",
            "outer",
            "none",
            "none",
            "",
            "Wife of fifty years; died six years ago.",
            "Nothing: he visits her grave.",
            relationship_status="deceased",
            is_deceased=True,
        ),
    ],
    "events": [
        ("conflict", 120, "Karen brings brochures for sheltered flats", ["Karen"]),
        ("mood_onset", 100, "Not sleeping; stops bowls", []),
        ("isolation", 60, "Stops answering the phone", ["Stan"]),
    ],
    "worksheet": {
        "other_person": "Karen, his daughter",
        "stage": "renegotiation",
        "client_expectations": "To stay in his home with some help.",
        "other_expectations": "To move somewhere safer before a fall.",
        "wants": "Both want him safe and content.",
        "options": "Help at home now; review in the spring.",
    },
    "plain": "Your mood dropped when you and Karen started disagreeing about the house. We will "
    "work on talking this through with her so you can agree a plan together.",
    "goals": ("Agree a plan about the house with Karen", "Back to bowls with Stan"),
    "words": "Karen thinks I can't cope. I want a say in my own life.",
}

PERINATAL = {
    "area": "role_transition",
    "people": [
        _p(
            "Imran",
            "partner",
            "inner",
            "some",
            "some",
            "Sleeps through the night feeds",
            "Kind but leaves the nights to her; she does not ask.",
            "To ask Imran to share the night feeds.",
        ),
        _p(
            "Zara",
            "child",
            "inner",
            "none",
            "none",
            "",
            "Baby daughter, four months; feeds every three hours.",
            "To enjoy Zara more and worry less.",
        ),
        _p(
            "Mother",
            "parent",
            "middle",
            "strong",
            "some",
            "Gives advice she did not ask for",
            "Visits twice a week and takes over.",
            "To accept help without feeling judged.",
        ),
        _p(
            "Leila",
            "friend",
            "middle",
            "some",
            "none",
            "",
            "Friend with a baby the same age; texts.",
            "To go to the baby group together.",
        ),
    ],
    "events": [
        ("role_change", 150, "Leaves work for maternity leave", []),
        ("role_change", 120, "Zara is born", ["Zara", "Imran"]),
        ("mood_onset", 100, "Tearful and sleepless; feels a failure", []),
        ("isolation", 60, "Stops seeing friends", ["Leila"]),
    ],
    "worksheet": {
        "old_role": "Pharmacist with her own time and colleagues",
        "new_role": "Mother of Zara",
        "losses": "Time to herself, colleagues, sleep.",
        "gains": "Zara; pride; time with her mother.",
        "skills_supports": "Imran sharing nights; her mother; the baby group.",
        "practice": "Ask Imran for Friday nights; go to the baby group.",
    },
    "plain": "Since Zara was born your life has changed a great deal and the depression came "
    "with it. We will look at what you have lost and gained, and get you more help with the "
    "nights.",
    "goals": ("Share night feeds with Imran", "Go to the baby group each week"),
    "words": "I love her but I've lost myself.",
}
