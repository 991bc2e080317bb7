"""GAD-7: generalised anxiety, seven items scored 0-3, total 0-21."""

from measures.instruments.declaration import Band, Question, Questionnaire
from measures.instruments.scales import FREQUENCY

QUESTIONNAIRE = Questionnaire(
    code="gad7",
    name="Generalised Anxiety Disorder scale (GAD-7)",
    short_name="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    measures="anxiety",
    answers=FREQUENCY,
    questions=(
        Question("1", "Feeling nervous, anxious or on edge"),
        Question("2", "Not being able to stop or control worrying"),
        Question("3", "Worrying too much about different things"),
        Question("4", "Trouble relaxing"),
        Question("5", "Being so restless that it is hard to sit still"),
        Question("6", "Becoming easily annoyed or irritable"),
        Question("7", "Feeling afraid as if something awful might happen"),
    ),
    total=(0, 21),
    # Spitzer et al. (2006): 5, 10 and 15 mark mild, moderate and severe anxiety.
    bands=(
        Band(0, 4, "Minimal", 0),
        Band(5, 9, "Mild", 1),
        Band(10, 14, "Moderate", 2),
        Band(15, 21, "Severe", 4),
    ),
    caseness=8,
    reliable_change=4,
    thresholds_source="Caseness 8 and reliable change 4: NHS Talking Therapies Manual (NHS "
    "England); Gyani, Shafran, Layard & Clark (2013), Behav Res Ther 51:597-606.",
    source="Spitzer, Kroenke, Williams & Löwe (2006), Arch Intern Med 166:1092-1097. "
    "Developed with an educational grant from Pfizer Inc.",
    licence="Free to reproduce, translate, display or distribute; no permission required.",
)
