"""PHQ-A: the PHQ-9 modified for adolescents (IPT-A, 12-18). Nine items scored 0-3 as in the
PHQ-9, total 0-27, and four extra questions asked but left out of the total: two of them are
risk questions."""

from measures.instruments.declaration import Question, Questionnaire, RiskItem, scale
from measures.instruments.scales import FREQUENCY, PHQ_SEVERITY, SUICIDE_ITEM_NOTE, YES_NO

YES_RISK_NOTE = "'Yes' opens a risk flag on the course."

QUESTIONNAIRE = Questionnaire(
    code="phqa",
    name="PHQ-9 modified for adolescents (PHQ-A)",
    short_name="PHQ-A",
    stem="How often have you been bothered by each of the following during the past 2 weeks?",
    measures="depression",
    answers=FREQUENCY,
    questions=(
        Question("1", "Feeling down, depressed, irritable, or hopeless"),
        Question("2", "Little interest or pleasure in doing things"),
        Question("3", "Trouble falling asleep, staying asleep, or sleeping too much"),
        Question("4", "Poor appetite, weight loss, or overeating"),
        Question("5", "Feeling tired, or having little energy"),
        Question(
            "6",
            "Feeling bad about yourself, or feeling that you are a failure, or that you have "
            "let yourself or your family down",
        ),
        Question("7", "Trouble concentrating on things like school work, reading, or watching TV"),
        Question(
            "8",
            "Moving or speaking so slowly that other people could have noticed; or the "
            "opposite, being so fidgety or restless that you were moving around a lot more "
            "than usual",
        ),
        Question(
            "9", "Thoughts that you would be better off dead, or of hurting yourself in some way"
        ),
        Question(
            "past_year",
            "In the past year have you felt depressed or sad most days, even if you felt okay "
            "sometimes?",
            answers=YES_NO,
            scored=False,
        ),
        Question(
            "difficulty",
            "If you are experiencing any of the problems on this form, how difficult have "
            "these problems made it for you to do your work, take care of things at home or "
            "get along with other people?",
            answers=scale(
                "Not difficult at all",
                "Somewhat difficult",
                "Very difficult",
                "Extremely difficult",
                scored=False,
            ),
            scored=False,
        ),
        Question(
            "thoughts_month",
            "Has there been a time in the past month when you have had serious thoughts about "
            "ending your life?",
            answers=YES_NO,
            scored=False,
        ),
        Question(
            "attempt_ever",
            "Have you ever, in your whole life, tried to kill yourself or made a suicide attempt?",
            answers=YES_NO,
            scored=False,
        ),
    ),
    risk_items=(
        RiskItem(
            "9",
            positive=("Several days", "More than half the days", "Nearly every day"),
            note=SUICIDE_ITEM_NOTE,
        ),
        RiskItem("thoughts_month", positive=("Yes",), note=YES_RISK_NOTE),
        RiskItem("attempt_ever", positive=("Yes",), note=YES_RISK_NOTE),
    ),
    total=(0, 27),
    bands=PHQ_SEVERITY,
    caseness=11,
    reliable_change=None,
    thresholds_source="Caseness 11: Richardson et al. (2010), Evaluation of the PHQ-9 for "
    "detecting major depression among adolescents, Pediatrics 126:1117-1123 (11 or more: "
    "sensitivity 89.5%, specificity 77.5%). No reliable-change threshold is published for "
    "adolescents.",
    source="Johnson, Harris, Spitzer & Williams (2002), J Adolesc Health 30:196-204; "
    "adapted from the PHQ-9 (Pfizer Inc.).",
    licence="Free to reproduce and use in clinical care; no permission required.",
)
