"""PHQ-9: adult depression, nine items scored 0-3, total 0-27."""

from measures.instruments.declaration import Question, Questionnaire, RiskItem
from measures.instruments.scales import FREQUENCY, PHQ_SEVERITY, SUICIDE_ITEM_NOTE

QUESTIONNAIRE = Questionnaire(
    code="phq9",
    name="Patient Health Questionnaire (PHQ-9)",
    short_name="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    measures="depression",
    answers=FREQUENCY,
    questions=(
        Question("1", "Little interest or pleasure in doing things"),
        Question("2", "Feeling down, depressed, or hopeless"),
        Question("3", "Trouble falling or staying asleep, or sleeping too much"),
        Question("4", "Feeling tired or having little energy"),
        Question("5", "Poor appetite or overeating"),
        Question(
            "6",
            "Feeling bad about yourself, or that you are a failure or have let yourself "
            "or your family down",
        ),
        Question(
            "7",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
        ),
        Question(
            "8",
            "Moving or speaking so slowly that other people could have noticed; or the "
            "opposite, being so fidgety or restless that you have been moving around a lot "
            "more than usual",
        ),
        Question(
            "9", "Thoughts that you would be better off dead or of hurting yourself in some way"
        ),
    ),
    risk_items=(
        RiskItem(
            "9",
            positive=("Several days", "More than half the days", "Nearly every day"),
            note=SUICIDE_ITEM_NOTE,
        ),
    ),
    total=(0, 27),
    bands=PHQ_SEVERITY,
    caseness=10,
    reliable_change=6,
    thresholds_source="Caseness 10: Kroenke, Spitzer & Williams (2001). Reliable change 6: "
    "NHS Talking Therapies Manual (NHS England); Gyani, Shafran, Layard & Clark (2013), "
    "Behav Res Ther 51:597-606.",
    source="Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606-613. Developed by "
    "Drs Spitzer, Williams, Kroenke and colleagues with an educational grant from Pfizer Inc.",
    licence="Free to reproduce, translate, display or distribute; no permission required.",
)
