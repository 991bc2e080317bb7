"""What each IPT technique is for, when to reach for it and what to watch out for.

Shown as help beside each technique on the session note. Declared as data, one entry per code
in ``sessions.techniques.TECHNIQUES`` (a test keeps the two lists in step). Written for this
app from the IPT texts in the project's reference material; not quoted from them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TechniqueGuidance:
    purpose: str
    when: str
    caution: str


GUIDANCE: dict[str, TechniqueGuidance] = {
    "interpersonal_inventory": TechniqueGuidance(
        purpose="Go through the important people in the client's life one by one: closeness, "
        "contact, support, conflict, what each expects of the other and what has changed "
        "recently. It is how the focal area is found.",
        when="Initial phase, before a focal area is chosen; come back to it when a new person "
        "or change appears.",
        caution="Keep it warm and paced, not a list of questions fired off. Choosing a focal "
        "area without it is the most common way to pick the wrong one.",
    ),
    "communication_analysis": TechniqueGuidance(
        purpose="Rebuild one recent conversation in detail: the scene, the exact words, tone "
        "and gestures, what the client meant and what the other person probably heard, then "
        "other ways it could have gone.",
        when="Middle phase, whenever mood changed around a conversation, above all in role "
        "disputes.",
        caution="Ask for the actual words, not a summary. Labels such as 'they never listen' "
        "hide the point where something could change.",
    ),
    "decision_analysis": TechniqueGuidance(
        purpose="Help the client set out the choices open to them in a relationship, weigh "
        "each one, pick one and name the first step.",
        when="When the client feels stuck or trapped: a dispute at impasse, a transition with "
        "several paths, whether to end a relationship.",
        caution="Let the client generate and choose the options. If the therapist supplies the "
        "answer, the client has not practised deciding.",
    ),
    "role_play": TechniqueGuidance(
        purpose="Rehearse a hard conversation in the session, with the therapist playing the "
        "other person, then swap or refine and try again.",
        when="Middle phase, before the client tries a new way of speaking outside the room: a "
        "request, a refusal, an apology, a boundary.",
        caution="Avoiding it is a known drift from IPT. Keep it short and concrete, and talk "
        "through how it felt afterwards.",
    ),
    "grief_work": TechniqueGuidance(
        purpose="Help the client mourn: tell the story of the person and the death, recall "
        "good and bad memories, and slowly take up life and contact with others again.",
        when="Grief is the focal area: low mood began or deepened after the death of someone "
        "important.",
        caution="Do not rush to reassure; quick comfort can cut mourning short. Mixed feelings "
        "(anger, guilt, relief) are normal and need room.",
    ),
    "role_dispute_resolution": TechniqueGuidance(
        purpose="Make the dispute explicit: what each side expects, the stage it has reached "
        "(renegotiation, impasse or dissolution), the options, and a decision to negotiate, "
        "accept or end.",
        when="Role dispute is the focal area: mood is tied to a clash of expectations with a "
        "partner, parent, child, friend or colleague.",
        caution="Map the actual exchanges before naming anyone as the problem. A dispute at "
        "impasse may first need to be reopened.",
    ),
    "role_transition_support": TechniqueGuidance(
        purpose="Help the client let go of the old role (what was lost, and what was good in "
        "it) and take up the new one: its demands, the skills and the support it needs.",
        when="Role transition is the focal area: a life change such as a new baby, divorce, "
        "retirement, illness, a move or a lost job.",
        caution="Let the old role matter before pointing out what the new one offers. New "
        "behaviour often has to come before confidence.",
    ),
    "interpersonal_deficits_work": TechniqueGuidance(
        purpose="Look at repeated patterns in past and present relationships, then build "
        "contact step by step with small, planned social tries.",
        when="Interpersonal deficits is the focal area: no single event, but long-standing "
        "isolation or relationships that do not last or satisfy.",
        caution="This is the slowest area and may need a longer course. Use recent examples "
        "rather than a theory of the client's whole life.",
    ),
    "affect_exploration": TechniqueGuidance(
        purpose="Help the client notice, name and describe the feelings that go with their "
        "relationships, including the painful or unwelcome ones.",
        when="Any phase, whenever a feeling is hinted at but not said, or an event is told "
        "without feeling.",
        caution="Stay with the feeling long enough to name it, then tie it to a person and an "
        "event; it is not the end point on its own.",
    ),
    "encouragement_of_affect": TechniqueGuidance(
        purpose="Invite the client to express a feeling that is being held back, and accept "
        "it as understandable.",
        when="When the client suppresses grief, anger or sadness, or apologises for having "
        "feelings.",
        caution="Go at the client's pace. Strong feeling in the room is useful only when it "
        "leads back to what can be said or done with others.",
    ),
    "linking_affect_to_events": TechniqueGuidance(
        purpose="Connect changes in mood since the last session to what happened with other "
        "people: who was involved, what was said or not said.",
        when="At the start of every middle-phase session, when reviewing the week.",
        caution="Without this link the session drifts into general support. Ask for the "
        "specific moment the mood changed.",
    ),
    "sick_role_assignment": TechniqueGuidance(
        purpose="Agree that the client has an illness for now: they are excused some duties "
        "while unwell and take on the job of getting better.",
        when="Initial phase, with the diagnosis; revisit it as roles are taken back up near "
        "the end.",
        caution="It is temporary. Agree which duties can be eased and plan how they will be "
        "resumed, so it does not become a reason to withdraw.",
    ),
    "psychoeducation": TechniqueGuidance(
        purpose="Explain depression as a common, treatable illness with known symptoms, not a "
        "weakness or a fault, and how treatment works.",
        when="Initial phase, and again whenever self-blame or hopelessness comes up.",
        caution="Name depression clearly and kindly; never brush it off as a bad mood. Check "
        "what the client understood in their own words.",
    ),
    "clarification": TechniqueGuidance(
        purpose="Help the client see what they are saying: restate it, point out gaps or "
        "contradictions, and ask what they expected.",
        when="When an account is vague, or what the client says they want does not match "
        "what they do.",
        caution="Stay curious, not confronting. It should open the topic, not win a point.",
    ),
    "direct_elicitation": TechniqueGuidance(
        purpose="Ask specific, direct questions to get the facts: who, when, what exactly was "
        "said.",
        when="When open questions are not bringing out the detail needed, and always for "
        "suicidal thoughts.",
        caution="Too many questions in a row feels like an interrogation. Balance it with "
        "open space.",
    ),
    "exploratory_techniques": TechniqueGuidance(
        purpose="Open, non-directive questions and listening that let the client bring up "
        "what matters to them.",
        when="Early in a session or a topic, to find out what is happening before narrowing down.",
        caution="Left too long it becomes unfocused talk. Bring it back to the focal area and "
        "a concrete next step.",
    ),
    "directive_techniques": TechniqueGuidance(
        purpose="Offer information, a suggestion or practical advice, or help the client set "
        "a limit or plan a step.",
        when="Sparingly, when the client lacks information or a skill, or is at risk.",
        caution="Overused, it takes the decisions away from the client. Prefer helping them "
        "find their own option.",
    ),
    "case_formulation": TechniqueGuidance(
        purpose="Put together, with the client, a short account linking the depression to an "
        "interpersonal problem area, and agree to work on it.",
        when="By the end of the initial phase; revise it if the focus changes.",
        caution="It must be simple enough for the client to say back in their own words, and "
        "it counts only once they agree with it.",
    ),
    "timeline": TechniqueGuidance(
        purpose="Draw a line of mood over time with the relationship events beside it, so the "
        "link between the two can be seen.",
        when="Initial phase, alongside the inventory, to find when the low mood began or got "
        "worse.",
        caution="Ask what was happening with people at each point, not only when symptoms started.",
    ),
    "relationship_as_model": TechniqueGuidance(
        purpose="Notice how the client relates to the therapist (fear of disappointing, "
        "avoiding disagreement, expecting rejection) and use it as a safe place to try "
        "something new.",
        when="When a pattern from the client's other relationships shows up in the sessions, "
        "often in interpersonal deficits.",
        caution="Name it gently and in the present. It supports the work on outside "
        "relationships; it is not the subject of interpretation.",
    ),
    "support_network_mapping": TechniqueGuidance(
        purpose="Map who the client can turn to, for what kind of help, and where support is "
        "missing.",
        when="Initial phase, and in the ending phase when planning how to stay well.",
        caution="A long list is not a network. Ask who the client would actually contact and "
        "how recently they did.",
    ),
    "communication_patterns": TechniqueGuidance(
        purpose="Look at how the client usually communicates (hinting, silence, outbursts, "
        "giving in) and the effect it has on others.",
        when="Middle phase, once several exchanges show the same pattern.",
        caution="Base it on specific conversations. A pattern named too early reads as criticism.",
    ),
    "social_skills_training": TechniqueGuidance(
        purpose="Teach and practise the skills for starting and keeping contact: opening a "
        "conversation, asking, listening, saying no.",
        when="Interpersonal deficits, or a transition into a role that needs new skills.",
        caution="Practise in the session first, then set small real-world tries, and review "
        "them next time.",
    ),
    "termination_work": TechniqueGuidance(
        purpose="Treat the ending as a planned transition: review gains, plan for warning "
        "signs and future stress, and talk about feelings about ending.",
        when="Start several sessions before the last one, and come back to it in each final "
        "session.",
        caution="Avoiding the subject because it is uncomfortable teaches the wrong lesson. "
        "Sadness, pride and worry all belong here.",
    ),
}


def guidance_for(code: str) -> TechniqueGuidance | None:
    return GUIDANCE.get(code)
