from django.apps import AppConfig


class SessionLogsConfig(AppConfig):
    # django.contrib.sessions owns the label "sessions".
    name = "sessions"
    label = "session_logs"
    verbose_name = "Session logs"
