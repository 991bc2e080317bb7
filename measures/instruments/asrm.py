"""ASRM: self-rated mania and hypomania over the past week, five items scored 0-4, total 0-20.
Each item has its own five statements, as printed. A total of 6 or more is a positive screen
(``screen_positive_at``): it raises the "possible mania or hypomania" flag on the course."""

from measures.instruments.declaration import Band, Question, Questionnaire, scale

QUESTIONNAIRE = Questionnaire(
    code="asrm",
    name="Altman Self-Rating Mania Scale (ASRM)",
    short_name="ASRM",
    stem="Choose the one statement in each group that best describes how you have been feeling "
    "for the past week.",
    measures="mania",
    answers=(),  # every item lists its own statements
    questions=(
        Question(
            "1",
            "Feeling happier or more cheerful than usual",
            scale(
                "I do not feel happier or more cheerful than usual",
                "I occasionally feel happier or more cheerful than usual",
                "I often feel happier or more cheerful than usual",
                "I feel happier or more cheerful than usual most of the time",
                "I feel happier or more cheerful than usual all of the time",
            ),
        ),
        Question(
            "2",
            "Self-confidence",
            scale(
                "I do not feel more self-confident than usual",
                "I occasionally feel more self-confident than usual",
                "I often feel more self-confident than usual",
                "I frequently feel more self-confident than usual",
                "I feel extremely self-confident all of the time",
            ),
        ),
        Question(
            "3",
            "Need for sleep",
            scale(
                "I do not need less sleep than usual",
                "I occasionally need less sleep than usual",
                "I often need less sleep than usual",
                "I frequently need less sleep than usual",
                "I can go all day and all night without any sleep and still not feel tired",
            ),
        ),
        Question(
            "4",
            "Talking",
            scale(
                "I do not talk more than usual",
                "I occasionally talk more than usual",
                "I often talk more than usual",
                "I frequently talk more than usual",
                "I talk constantly and cannot be interrupted",
            ),
        ),
        Question(
            "5",
            "Activity (socially, sexually, at work, at home or at school)",
            scale(
                "I have not been more active than usual",
                "I have occasionally been more active than usual",
                "I have often been more active than usual",
                "I have frequently been more active than usual",
                "I am constantly more active or on the go all the time",
            ),
        ),
    ),
    total=(0, 20),
    # Altman et al. (1997): a cut-off of 6 or more separates mania or hypomania from none.
    bands=(
        Band(0, 5, "Below the mania screening cut-off", 0),
        Band(6, 20, "Possible mania or hypomania", 4),
    ),
    screen_positive_at=6,
    thresholds_source="Screening cut-off 6 (sensitivity 85.5%, specificity 87.3% against a "
    "clinical diagnosis of mania or hypomania): Altman, Hedeker, Peterson & Davis (1997), "
    "Biol Psychiatry 42:948-955. No caseness or reliable-change threshold is published.",
    source="Altman, Hedeker, Peterson & Davis (1997), The Altman Self-Rating Mania Scale, "
    "Biol Psychiatry 42:948-955.",
    licence="Published in full in the source paper; free to use in clinical care, no fee or "
    "permission required.",
)
