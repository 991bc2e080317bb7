from django.apps import AppConfig


class SessionLogsConfig(AppConfig):
    # django.contrib.sessions owns the label "sessions".
    name = "sessions"
    label = "session_logs"
    verbose_name = "Session logs"

    def ready(self) -> None:
        from audit import reads
        from cases import ports
        from sessions.booking import SessionBook

        ports.register_appointment_book(SessionBook())

        reads.register("session_id", "session_logs.Session", "course__client_id")
        reads.register("appointment_id", "session_logs.Session", "course__client_id")

        from sessions import protection

        protection.register()
