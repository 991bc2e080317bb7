"""WSAS: work and social functioning, five items scored 0-8, total 0-40. One item may be
"not applicable" (or missing) and is then replaced by the mean of the other four."""

from measures.instruments.declaration import Band, Option, Question, Questionnaire, scale

QUESTIONNAIRE = Questionnaire(
    code="wsas",
    name="Work and Social Adjustment Scale (WSAS)",
    short_name="WSAS",
    stem="Because of my problems, my ability to do the following is impaired "
    "(0 means not at all, 8 means very severely).",
    measures="functioning",
    answers=scale(
        "0 - Not at all impaired",
        "1",
        "2 - Slightly",
        "3",
        "4 - Definitely",
        "5",
        "6 - Markedly",
        "7",
        "8 - Very severely impaired",
    )
    + (Option("na", "Not applicable", None),),
    questions=(
        Question("1", "Work (choose 'Not applicable' if retired or not working for other reasons)"),
        Question("2", "Home management: cleaning, tidying, shopping, cooking, children, bills"),
        Question("3", "Social leisure activities with other people: parties, outings, visits"),
        Question("4", "Private leisure activities done alone: reading, gardening, hobbies"),
        Question("5", "Forming and keeping close relationships with others"),
    ),
    total=(0, 40),
    # Mundt et al. (2002): above 20 moderately severe or worse; 10-20 significant impairment.
    bands=(
        Band(0, 9, "Subclinical", 0),
        Band(10, 20, "Significant impairment", 2),
        Band(21, 40, "Moderately severe impairment or worse", 4),
    ),
    imputable_missing=1,
    source="Mundt, Marks, Shear & Greist (2002), Br J Psychiatry 180:461-464.",
    licence="In the public domain; free to use.",
)
