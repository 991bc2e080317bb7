"""EPDS: perinatal depression, ten items scored 0-3, total 0-30. Each item has its own answers;
items 3 and 5 to 10 (starred on the printed form) are reverse scored: the first answer shown
scores 3. Item 10 asks about self-harm."""

from measures.instruments.declaration import Band, Question, Questionnaire, RiskItem, scale

QUESTIONNAIRE = Questionnaire(
    code="epds",
    name="Edinburgh Postnatal Depression Scale (EPDS)",
    short_name="EPDS",
    stem="Please choose the answer that comes closest to how you have felt in the past 7 days, "
    "not just how you feel today.",
    measures="depression",
    answers=(),  # every item lists its own answers, as printed
    questions=(
        Question(
            "1",
            "I have been able to laugh and see the funny side of things",
            scale(
                "As much as I always could",
                "Not quite so much now",
                "Definitely not so much now",
                "Not at all",
            ),
        ),
        Question(
            "2",
            "I have looked forward with enjoyment to things",
            scale(
                "As much as I ever did",
                "Rather less than I used to",
                "Definitely less than I used to",
                "Hardly at all",
            ),
        ),
        Question(
            "3",
            "I have blamed myself unnecessarily when things went wrong",
            scale("Yes, most of the time", "Yes, some of the time", "Not very often", "No, never"),
        ),
        Question(
            "4",
            "I have been anxious or worried for no good reason",
            scale("No, not at all", "Hardly ever", "Yes, sometimes", "Yes, very often"),
        ),
        Question(
            "5",
            "I have felt scared or panicky for no very good reason",
            scale("Yes, quite a lot", "Yes, sometimes", "No, not much", "No, not at all"),
        ),
        Question(
            "6",
            "Things have been getting on top of me",
            scale(
                "Yes, most of the time I haven't been able to cope at all",
                "Yes, sometimes I haven't been coping as well as usual",
                "No, most of the time I have coped quite well",
                "No, I have been coping as well as ever",
            ),
        ),
        Question(
            "7",
            "I have been so unhappy that I have had difficulty sleeping",
            scale("Yes, most of the time", "Yes, sometimes", "Not very often", "No, not at all"),
        ),
        Question(
            "8",
            "I have felt sad or miserable",
            scale("Yes, most of the time", "Yes, quite often", "Not very often", "No, not at all"),
        ),
        Question(
            "9",
            "I have been so unhappy that I have been crying",
            scale("Yes, most of the time", "Yes, quite often", "Only occasionally", "No, never"),
        ),
        Question(
            "10",
            "The thought of harming myself has occurred to me",
            scale("Yes, quite often", "Sometimes", "Hardly ever", "Never"),
        ),
    ),
    reversed_items=("3", "5", "6", "7", "8", "9", "10"),
    risk_items=(
        RiskItem(
            "10",
            positive=("Yes, quite often", "Sometimes", "Hardly ever"),
            note="Any answer other than 'Never' opens a risk flag on the course.",
        ),
    ),
    total=(0, 30),
    bands=(
        Band(0, 9, "Depression unlikely", 0),
        Band(10, 12, "Possible depression", 2),
        Band(13, 30, "Probable depression", 4),
    ),
    caseness=13,
    reliable_change=4,
    thresholds_source="Caseness 13 (probable depression, the 12/13 cut-off): Cox, Holden & "
    "Sagovsky (1987). Reliable change 4: Matthey (2004), Calculating clinically significant "
    "change in postnatal depression studies using the EPDS, J Affect Disord 78:269-272.",
    source="Cox, Holden & Sagovsky (1987), Detection of postnatal depression: development of "
    "the 10-item Edinburgh Postnatal Depression Scale, Br J Psychiatry 150:782-786.",
    licence="May be reproduced without permission for clinical use, citing the source above; "
    "not for commercial use.",
)
