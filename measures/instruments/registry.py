"""Every questionnaire the clinic uses, built once from its declaration when the app starts,
and the read functions the rest of the app uses to find one."""

from cases.outcomes import Threshold, plan_for
from measures.instruments import asrm, epds, gad7, phq9, phqa, smfq, wsas
from measures.instruments.instrument import Instrument, build

# The order here is the order the questionnaires are offered in.
DECLARED = (
    phq9.QUESTIONNAIRE,
    gad7.QUESTIONNAIRE,
    phqa.QUESTIONNAIRE,
    epds.QUESTIONNAIRE,
    smfq.QUESTIONNAIRE,
    wsas.QUESTIONNAIRE,
    asrm.QUESTIONNAIRE,
)

INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument for instrument in map(build, DECLARED)
}
INSTRUMENT_CHOICES = [(code, instrument.short_name) for code, instrument in INSTRUMENTS.items()]


def get(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except KeyError:
        raise LookupError(f"Unknown questionnaire {code!r}.") from None


# Screens an adaptation offers as due beside its measure plan. They raise clinical flags but
# never enter the outcome classification (cases.outcomes reads only the plan).
SCREENS: dict[str, tuple[str, ...]] = {"ipsrt": ("asrm",)}


def defaults_for(adaptation: str) -> tuple[str, ...]:
    """Which questionnaires a course offers first (and the session page asks as due): its
    measure plan (cases.outcomes), the depression measure first, then its screens. The others
    stay available."""
    return plan_for(adaptation).codes + SCREENS.get(adaptation, ())


def threshold(code: str) -> Threshold:
    """The outcome thresholds of one instrument, for the pure classification in cases."""
    instrument = get(code)
    return Threshold(
        code=instrument.code,
        label=instrument.short_name,
        caseness=instrument.caseness,
        reliable_change=instrument.reliable_change,
        depression=instrument.measures == "depression",
    )


def thresholds() -> dict[str, Threshold]:
    """Thresholds of every instrument with a caseness cut-off (not the WSAS)."""
    return {code: threshold(code) for code, i in INSTRUMENTS.items() if i.caseness is not None}
