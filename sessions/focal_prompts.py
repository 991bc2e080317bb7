"""The words beside each focal area's section of the note: a line under the area's heading,
a short hint per prompt and what "the people involved" means for that area."""

from cases.focal_areas import FocalArea

AREA_HINTS: dict[str, str] = {
    FocalArea.GRIEF: (
        "Help the client tell the story of the person and the death, hold both the good and "
        "the hard memories, and take steps back towards people and activities."
    ),
    FocalArea.ROLE_DISPUTE: (
        "Make the disagreement explicit: what each side expects, where the dispute stands, "
        "what could be done, and what the client decides to try."
    ),
    FocalArea.ROLE_TRANSITION: (
        "Let the client grieve the old role fairly (what was lost and what is not missed), then "
        "look at what the new role asks and what would help."
    ),
    FocalArea.INTERPERSONAL_DEFICITS: (
        "Look at how past relationships went, how alone the client is now, one small new "
        "contact, and what the relationship with you shows."
    ),
}

PEOPLE_HINTS: dict[str, str] = {
    FocalArea.GRIEF: "From the inventory: the person who died, and anyone new the client reached.",
    FocalArea.ROLE_DISPUTE: "From the inventory: the person the dispute is with.",
    FocalArea.ROLE_TRANSITION: "From the inventory: people who lost or gained a place in the change.",
    FocalArea.INTERPERSONAL_DEFICITS: "From the inventory: the people contacted or discussed.",
}

HINTS: dict[str, str] = {
    "mourning": "How they died, what happened around it, and what the relationship was like.",
    "good_memories": "What the client valued and misses.",
    "hard_memories": "Mixed feelings are allowed: what was difficult or unfinished.",
    "grief_feelings": "Sadness, anger, guilt, relief: what came up and how it was met.",
    "restoring": "People seen again or newly met; activities taken up.",
    "dispute_with": "As the client names them.",
    "dispute_stage": (
        "Renegotiation: both still talking. Impasse: talking has stopped. "
        "Dissolution: the relationship may be ending."
    ),
    "client_expectations": "What the client wants from the other person.",
    "other_expectations": "What the other person seems to want from the client.",
    "dispute_options": "Ways forward discussed, with their costs.",
    "dispute_decision": "Negotiate, accept, or end, and the first step.",
    "communication_change": "What the client said or did differently, and how it went.",
    "old_role": "Routines, people, status or identity that went with the old role.",
    "old_role_gains": "The parts of the old role the client is glad to leave behind.",
    "new_role": "What the new role asks of the client, and what it may offer.",
    "skills_supports": "Skills to learn and people who could help.",
    "pattern": "How past relationships started, went and ended; what tends to repeat.",
    "isolation": "Who the client sees now and how often.",
    "new_contact": "One small step towards someone, and how it went.",
    "therapy_relationship": "A moment with you that echoes the pattern, and how it was used.",
    "practice_step": "A small, graded step to practise before next time.",
}
