from django.urls import path

from inventory import client_copy, views

app_name = "inventory"
urlpatterns = [
    path("courses/<int:course_id>/inventory/", views.inventory_page, name="page"),
    path("courses/<int:course_id>/inventory/people/", views.person_add, name="person_add"),
    path(
        "courses/<int:course_id>/inventory/people/<int:person_id>/",
        views.person_edit,
        name="person_edit",
    ),
    path(
        "courses/<int:course_id>/inventory/people/<int:person_id>/remove/",
        views.person_remove,
        name="person_remove",
    ),
    path("courses/<int:course_id>/inventory/complete/", views.inventory_complete, name="complete"),
    path("courses/<int:course_id>/inventory/snapshots/", views.snapshot_take, name="snapshot"),
    path("courses/<int:course_id>/timeline/", views.timeline_page, name="timeline"),
    path("courses/<int:course_id>/timeline/events/", views.event_add, name="event_add"),
    path(
        "courses/<int:course_id>/timeline/events/<int:event_id>/",
        views.event_edit,
        name="event_edit",
    ),
    path(
        "courses/<int:course_id>/timeline/events/<int:event_id>/remove/",
        views.event_remove,
        name="event_remove",
    ),
    path(
        "courses/<int:course_id>/for-the-client/our-plan.pdf",
        client_copy.client_formulation_pdf,
        name="client_formulation",
    ),
]
