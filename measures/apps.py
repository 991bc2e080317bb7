from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "Outcome measures and risk"

    def ready(self) -> None:
        from audit import reads
        from cases import ports
        from measures.ports import FlagBook
        from measures.queries import outcomes_for
        from measures.timeline import timeline_scores

        ports.register_outcome_reader(outcomes_for)
        ports.register_risk_reader(FlagBook())
        ports.register_timeline_scores(timeline_scores)

        reads.register("response_id", "measures.QuestionnaireResponse", "course__client_id")
        reads.register("flag_id", "measures.RiskFlag", "course__client_id")

        from audit import protection
        from measures.models import (
            QuestionnaireResponse,
            RiskFlag,
            RiskReview,
            SafetyPlan,
            SocialRhythmDay,
        )

        protection.append_only(RiskReview, "A risk review is never changed or removed")
        protection.never_deleted(QuestionnaireResponse, RiskFlag, SafetyPlan, SocialRhythmDay)
