"""SMFQ, child self-report (FB-IPT, 7-12): thirteen items scored 0-2, total 0-26. A validated
measure that is free to use; it has no self-harm item, so risk is asked in the session."""

from measures.instruments.declaration import Band, Question, Questionnaire, scale

QUESTIONNAIRE = Questionnaire(
    code="smfq",
    name="Short Mood and Feelings Questionnaire, child self-report (SMFQ)",
    short_name="SMFQ",
    stem="Think about how you have been feeling or acting in the past two weeks. For each "
    "sentence, choose how true it was for you.",
    measures="depression",
    answers=scale("Not true", "Sometimes", "True"),
    questions=(
        Question("1", "I felt miserable or unhappy"),
        Question("2", "I didn't enjoy anything at all"),
        Question("3", "I felt so tired I just sat around and did nothing"),
        Question("4", "I was very restless"),
        Question("5", "I felt I was no good any more"),
        Question("6", "I cried a lot"),
        Question("7", "I found it hard to think properly or concentrate"),
        Question("8", "I hated myself"),
        Question("9", "I was a bad person"),
        Question("10", "I felt lonely"),
        Question("11", "I thought nobody really loved me"),
        Question("12", "I thought I could never be as good as other kids"),
        Question("13", "I did everything wrong"),
    ),
    total=(0, 26),
    # The SMFQ publishes a screening cut-off, not severity bands: two bands, no more.
    bands=(
        Band(0, 7, "Below the screening cut-off", 0),
        Band(8, 26, "At or above the screening cut-off", 3),
    ),
    caseness=8,
    reliable_change=None,
    thresholds_source="Caseness 8: Angold et al. (1995), 8 or more: sensitivity 60%, "
    "specificity 85% for major depression, in children and adolescents aged 6-17 (later studies "
    "of older adolescents used 11 or 12; the lower cut-off makes a recovery claim harder). No "
    "published reliable-change threshold is known to us.",
    source="Angold, Costello, Messer, Pickles, Winder & Silver (1995), Development of a short "
    "questionnaire for use in epidemiological studies of depression in children and "
    "adolescents, Int J Methods Psychiatr Res 5:237-249. Copyright Adrian Angold & Elizabeth J. "
    "Costello, 1987, Developmental Epidemiology Program, Duke University.",
    licence="Free to use: may be reproduced for use with one's own patients, keeping the "
    "copyright line. It has no question about self-harm: ask about risk directly.",
)
