"""The codes a FHIR export uses, with where each was checked.

LOINC codes for the PHQ-9 and GAD-7 panels, items, totals and answers are those of the HL7
Personal Health Record Format IG examples (github.com/HL7/personal-health-record-format-ig,
``input/fsh/pghd/examples/Mind/QuestionnaireResponse-ScoredAssessment-PHQ9.fsh`` and
``...-GAD7.fsh``, ``Observation-PHR-ScoredAssessment-GAD7.fsh``) and the LOINC answer list
LL358-3 (LA6568-5 ... LA6571-9). The other questionnaires (PHQ-A, EPDS, SMFQ, WSAS) have no
code we have checked, so they travel under this service's own code system: an importer can
still read them back, and no code is claimed that we could not cite.
"""

from dataclasses import dataclass

LOINC = "http://loinc.org"
ICD11 = "http://id.who.int/icd/release/11/mms"
# The service's own systems (identifiers and codes with no published equivalent).
LOCAL = "urn:ipt-course"
RECORD_NUMBER_SYSTEM = f"{LOCAL}:record-number"
LOCAL_QUESTIONNAIRE = f"{LOCAL}:questionnaire"
LOCAL_ITEM = f"{LOCAL}:item"
LOCAL_ANSWER = f"{LOCAL}:answer"
ADAPTATION_SYSTEM = f"{LOCAL}:adaptation"


@dataclass(frozen=True)
class QuestionnaireCodes:
    panel: str
    panel_display: str
    total: str
    total_display: str
    # Item key (as in measures.instruments) -> LOINC item code.
    items: dict[str, str]
    # Option code (as in measures.instruments) -> LOINC answer code.
    answers: dict[str, str]
    system: str = LOINC


# LOINC answer list LL358-3, in the order the options are shown (codes "0" to "3").
FREQUENCY_ANSWERS = {"0": "LA6568-5", "1": "LA6569-3", "2": "LA6570-1", "3": "LA6571-9"}

CODES: dict[str, QuestionnaireCodes] = {
    "phq9": QuestionnaireCodes(
        panel="44249-1",
        panel_display="PHQ-9 quick depression assessment panel",
        total="44261-6",
        total_display="Patient Health Questionnaire 9 item (PHQ-9) total score",
        items={
            "1": "44250-9",
            "2": "44255-8",
            "3": "44259-0",
            "4": "44254-1",
            "5": "44251-7",
            "6": "44258-2",
            "7": "44252-5",
            "8": "44253-3",
            "9": "44260-8",
        },
        answers=FREQUENCY_ANSWERS,
    ),
    "gad7": QuestionnaireCodes(
        panel="69737-5",
        panel_display="Generalized anxiety disorder 7 item (GAD-7)",
        total="70274-6",
        total_display="Generalized anxiety disorder 7 item (GAD-7) total score",
        items={
            "1": "69725-0",
            "2": "68509-9",
            "3": "69733-4",
            "4": "69734-2",
            "5": "69735-9",
            "6": "69689-8",
            "7": "69736-7",
        },
        answers=FREQUENCY_ANSWERS,
    ),
}


def codes_for(instrument_code: str, item_keys, option_codes) -> QuestionnaireCodes:
    """The codes of a questionnaire: LOINC where checked, else the service's own."""
    if instrument_code in CODES:
        return CODES[instrument_code]
    return QuestionnaireCodes(
        panel=instrument_code,
        panel_display=instrument_code,
        total=f"{instrument_code}-total",
        total_display=f"{instrument_code} total score",
        items={key: f"{instrument_code}-{key}" for key in item_keys},
        answers={code: code for code in option_codes},
        system=LOCAL_QUESTIONNAIRE,
    )


def questionnaire_url(instrument_code: str) -> str:
    """The canonical a QuestionnaireResponse points at: the service's own name for the
    questionnaire (an import reads the instrument back from it). The LOINC panel code travels
    as the linkId of the response's one group item."""
    return f"{LOCAL_QUESTIONNAIRE}:{instrument_code}"


def instrument_from_url(url: str) -> str | None:
    prefix = f"{LOCAL_QUESTIONNAIRE}:"
    return url.removeprefix(prefix) if url and url.startswith(prefix) else None
