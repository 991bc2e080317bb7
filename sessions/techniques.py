"""The catalogue of IPT techniques a session can record as used. The one list in code."""

TECHNIQUES: list[tuple[str, str]] = [
    ("interpersonal_inventory", "Interpersonal inventory"),
    ("communication_analysis", "Communication analysis"),
    ("decision_analysis", "Decision analysis"),
    ("role_play", "Role play"),
    ("grief_work", "Grief work"),
    ("role_dispute_resolution", "Role-dispute resolution"),
    ("role_transition_support", "Role-transition support"),
    ("interpersonal_deficits_work", "Interpersonal-deficits work"),
    ("affect_exploration", "Affect exploration"),
    ("encouragement_of_affect", "Encouragement of affect"),
    ("linking_affect_to_events", "Linking affect to interpersonal events"),
    ("sick_role_assignment", "Sick-role assignment"),
    ("psychoeducation", "Psychoeducation about depression"),
    ("clarification", "Clarification"),
    ("direct_elicitation", "Direct elicitation"),
    ("exploratory_techniques", "Exploratory techniques"),
    ("directive_techniques", "Directive techniques"),
    ("case_formulation", "IPT case formulation"),
    ("timeline", "Timeline of symptoms and events"),
    ("relationship_as_model", "Therapeutic relationship as model"),
    ("support_network_mapping", "Social support network mapping"),
    ("communication_patterns", "Work on communication patterns"),
    ("social_skills_training", "Social skills training"),
    ("termination_work", "Termination work"),
]
TECHNIQUE_LABELS: dict[str, str] = dict(TECHNIQUES)
