from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("second-factor/", views.mfa_verify, name="mfa_verify"),
    path("second-factor/set-up/", views.mfa_enrol, name="mfa_enrol"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("second-factor/recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
    path("sessions/", views.my_sessions, name="my_sessions"),
    path("sessions/end/", views.end_session, name="end_session"),
]
