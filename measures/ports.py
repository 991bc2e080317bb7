"""What measures answers for cases through ``cases.ports`` (registered in MeasuresConfig.ready)."""

from measures.models import RiskFlag


class FlagBook:
    """``cases.ports.RiskReader``: the open suicide-risk flags the course's life must respect."""

    def open_flags(self, course) -> list:
        return list(
            RiskFlag.objects.filter(course=course, closed_at__isnull=True).order_by(
                "-level", "-raised_at"
            )
        )

    def open_flag_reasons(self, client) -> list[str]:
        return list(
            RiskFlag.objects.filter(course__client=client, closed_at__isnull=True)
            .order_by("course_id", "pk")
            .values_list("reason", flat=True)
        )
