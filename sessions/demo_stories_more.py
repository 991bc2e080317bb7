"""More demo stories (see ``sessions.demo_stories``): deficits, adolescent, late life,
perinatal, and the course that drifts from its grief focus."""

DEFICITS = {
    "initial": [
        (
            "Low for years; weekends alone are the worst.",
            "Explained depression as an illness that can be treated, not a flaw in him.",
            "Tell his sister Nina about starting therapy.",
            "Nina",
        ),
        (
            "Same; one short call with Nina went well.",
            "Inventory: Nina, Mr Patel next door, Joe from an old job. Few close ties.",
            "Say hello to Mr Patel and ask about his garden.",
            "Mr Patel",
        ),
        (
            "Slightly better after talking to Mr Patel.",
            "Timeline: friendships faded after school and each move. Agreed to work on "
            "building contact.",
            "Look up the walking group times.",
            "Nina",
        ),
    ],
    "middle": [
        (
            "Low after not going to the walking group.",
            "Looked at the pattern: he waits for others to call, then decides they do not care. "
            "Noticed he said little here too, and talked about it.",
            "Message Joe and suggest a pint.",
            "Joe",
        ),
        (
            "Better; went to the walking group and talked to two people.",
            "Linked the better mood to the group and to Nina's visit.",
            "Go to the walking group again and ask someone's name.",
            "Nina",
        ),
    ],
    "termination": (
        "Mood 6-7; out twice a week.",
        "Reviewed gains: the walking group, regular calls with Nina. Ending feels "
        "like another person leaving; said so, which is new.",
        "Keep the Thursday call with Nina.",
        "Nina",
    ),
    "focal": {
        "area": "interpersonal_deficits",
        "people": ["Joe", "Nina"],
        "pattern": "Waits to be contacted, then withdraws, sure he is unwanted.",
        "practice_step": "Message Joe first; go to the walking group.",
    },
    "communication": {
        "scene": "Text from Joe: 'Long time! Pint soon?'",
        "exchange": "He did not reply for a week, then wrote 'busy, sorry'.",
        "tone": "Short.",
        "meant": "I'd like to but I'm nervous.",
        "heard": "(Joe) He's not interested.",
        "feelings": "Anxious, then relieved, then low.",
        "alternatives": "'Good to hear from you. Thursday?'",
    },
    "role_play": {
        "rehearsed": "Starting a chat at the walking group.",
        "with_whom": "Someone at the group (played by the therapist)",
        "how_it_went": "Awkward, then easier with a question about the route.",
    },
    "relapse": {
        "warning_signs": "You stop going out, let calls ring and spend weekends in bed.",
        "stressors": "Winter; Nina moving away; another job move.",
        "what_helped": "The walking group; calling Nina; messaging first.",
        "what_to_do": "When you notice the signs, send one message first and go to the "
        "group even if you do not feel like it.",
        "who_to_contact": "Your GP; the service's duty line; Nina.",
    },
}

ADOLESCENT = {
    "initial": [
        (
            "Fed up and tired; stopped going to netball.",
            "Explained depression to Chloe and, for ten minutes, to Mum: a real illness that "
            "can get better; agreed with school some work can wait.",
            "Tell Jade why she has been quiet at school.",
            "Jade",
        ),
        (
            "A bit better after talking to Jade; row with Mum about her phone.",
            "Inventory: Mum, Dad, Jade, Ms Cole her form tutor. Rows with Mum since Dad moved out.",
            "Ask Mum for a time to talk that is not at bedtime.",
            "Mum",
        ),
    ],
    "middle": [
        (
            "Low after a row with Mum about going out.",
            "Went through the row: Chloe heard 'I don't trust you', Mum meant 'I worry'.",
            "Ask Mum for a later curfew on Saturdays and offer to text.",
            "Mum",
        ),
        (
            "Better; Mum agreed to try Saturdays; back at netball.",
            "Linked the better week to talking with Mum and seeing Jade.",
            "Tell Dad about the netball match.",
            "Dad",
        ),
    ],
    "termination": (
        "Mostly OK; sleeping better, homework done.",
        "Reviewed gains with Chloe and then with Mum: fewer rows, netball, "
        "Jade. Chloe is a bit sad to stop.",
        "Keep the Sunday talk with Mum.",
        "Mum",
    ),
    "focal": {
        "area": "role_dispute",
        "people": ["Mum"],
        "dispute_with": "Mum",
        "dispute_stage": "renegotiation",
        "client_expectations": "To go out with friends on Saturdays; less checking.",
        "other_expectations": "To know where she is; homework first.",
    },
    "communication": {
        "scene": "Hallway, Saturday evening; Chloe getting ready to go out.",
        "exchange": "Mum: 'You're not going.' Chloe: 'You ruin everything.' Door slammed.",
        "tone": "Both shouting.",
        "meant": "I want you to trust me.",
        "heard": "(Mum) She doesn't care about the rules.",
        "feelings": "Angry, then upset.",
        "alternatives": "'Can I go if I text you when I get there?'",
    },
    "role_play": {
        "rehearsed": "Asking Mum about Saturdays calmly.",
        "with_whom": "Mum (played by the therapist)",
        "how_it_went": "Giggled at first; then asked clearly.",
    },
    "relapse": {
        "warning_signs": "You stop going to netball, stay in your room and fight with Mum.",
        "stressors": "Exams; changes at Dad's.",
        "what_helped": "Talking to Mum at a calm time; netball; Jade.",
        "what_to_do": "When you notice the signs, tell Mum or Ms Cole and keep going to netball.",
        "who_to_contact": "Mum; Ms Cole at school; your GP.",
    },
}

LATE_LIFE = {
    "initial": [
        (
            "Low since Karen raised selling the house; not sleeping.",
            "Explained depression as an illness at any age, not just getting old; checked his "
            "memory and medicines with the GP letter.",
            "Tell Karen about the diagnosis.",
            "Karen",
        ),
        (
            "A little better; Karen visited.",
            "Inventory: Karen, his son Paul, Stan from the bowls club.",
            "Phone Stan about bowls.",
            "Stan",
        ),
        (
            "Low after Karen brought brochures for sheltered flats.",
            "Timeline: mood fell when Karen pressed the move. Agreed to work on the dispute "
            "with Karen.",
            "Write down what he wants to keep about the house.",
            "Karen",
        ),
    ],
    "middle": [
        (
            "Worse after Sunday lunch; the move came up again.",
            "Went through Sunday: he heard 'you can't cope', Karen meant 'I'm frightened for you'.",
            "Tell Karen what worries him about moving.",
            "Karen",
        ),
        (
            "Steadier; played bowls with Stan.",
            "Looked at options with Karen: a stair rail now, review in the spring.",
            "Ask Paul to come to the next talk with Karen.",
            "Paul",
        ),
    ],
    "termination": (
        "Mood 6-7.",
        "Reviewed gains: he and Karen agreed a plan.",
        "Keep bowls on Tuesdays.",
        "Stan",
    ),
    "focal": {
        "area": "role_dispute",
        "people": ["Karen"],
        "dispute_with": "Karen",
        "dispute_stage": "renegotiation",
        "client_expectations": "To stay in his home with some help.",
        "other_expectations": "To move somewhere safer before a fall.",
    },
    "communication": {
        "scene": "Sunday lunch at his house.",
        "exchange": "Karen: 'Dad, you can't manage the stairs.' He: 'I'm not dead yet.'",
        "tone": "He raised his voice; Karen cried.",
        "meant": "I'm scared of losing my home.",
        "heard": "(Karen) He won't listen.",
        "feelings": "Angry, then ashamed.",
        "alternatives": "'I'm frightened of leaving. Can we look at help at home first?'",
    },
    "role_play": {
        "rehearsed": "Telling Karen what the house means to him.",
        "with_whom": "Karen (played by the therapist)",
        "how_it_went": "Slow, then moving; he said more than he expected.",
    },
    "relapse": {
        "warning_signs": "You stop going to bowls and sleep badly.",
        "stressors": "A fall; winter; the move coming up again.",
        "what_helped": "Talking to Karen calmly; bowls with Stan.",
        "what_to_do": "When you notice the signs, tell Karen and phone Stan.",
        "who_to_contact": "Your GP; the service's duty line; Karen.",
    },
}

PERINATAL = {
    "initial": [
        (
            "Low and tearful since Zara was born; sleeping in snatches.",
            "Explained postnatal depression: common, treatable, not a sign of being a bad mother.",
            "Tell Imran what the diagnosis means.",
            "Imran",
        ),
        (
            "Brighter after telling Imran; exhausted by the night feeds.",
            "Inventory: Imran, baby Zara, her mother, the health visitor, her friend Leila.",
            "Let her mother take Zara for an hour.",
            "Mother",
        ),
        (
            "Flat; felt she was doing it all wrong.",
            "Timeline: mood fell after the birth and leaving work. Agreed to work on the change "
            "to being a mother.",
            "List what she misses about work.",
            "Imran",
        ),
    ],
    "middle": [
        (
            "Low after a week of night feeds on her own.",
            "Old role: her job, her friends, time to herself. New role: Zara's needs, tiredness, "
            "pride. Linked the low week to doing every night feed alone.",
            "Ask Imran to take the night feed on Fridays.",
            "Imran",
        ),
        (
            "Better; Imran did Friday; went to the baby group with Leila.",
            "Linked better mood to sharing nights with Imran and seeing Leila.",
            "Go to the baby group again.",
            "Leila",
        ),
    ],
    "termination": (
        "Mood 7; enjoying Zara more.",
        "Reviewed gains: sharing nights with Imran, the baby group, Leila.",
        "Keep Friday nights shared with Imran.",
        "Imran",
    ),
    "focal": {
        "area": "role_transition",
        "people": ["Imran", "Zara"],
        "old_role": "Pharmacist with her own time, pay and colleagues.",
        "new_role": "Mother of Zara: broken nights, pride, less time for herself.",
        "skills_supports": "Imran sharing nights; her mother; the baby group.",
    },
    "communication": {
        "scene": "3am, Zara crying; Imran asleep.",
        "exchange": "She: 'Of course you can sleep.' Imran: 'What did I do?' She cried.",
        "tone": "Bitter, then tearful.",
        "meant": "I need you to help with the nights.",
        "heard": "(Imran) I'm useless.",
        "feelings": "Exhausted, resentful, guilty.",
        "alternatives": "'I need you to take the night feed on Fridays.'",
    },
    "role_play": {
        "rehearsed": "Asking Imran to share the night feeds.",
        "with_whom": "Imran (played by the therapist)",
        "how_it_went": "Apologised at first; then asked plainly.",
    },
    "relapse": {
        "warning_signs": "You cry most days, stop going out with Zara and feel you are failing.",
        "stressors": "Going back to work; Zara's teething; a second baby.",
        "what_helped": "Sharing the nights with Imran; the baby group; Leila.",
        "what_to_do": "When you notice the signs, tell Imran and the health visitor.",
        "who_to_contact": "Your GP; the health visitor; the service's duty line.",
    },
}
