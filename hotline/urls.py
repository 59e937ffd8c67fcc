from django.urls import path

from hotline import staffing_views, views

app_name = "hotline"
urlpatterns = [
    path("", views.home, name="home"),
    path("duty/", views.duty, name="duty"),
    # --- staffing (issue 6, part STAFFING) ---
    path("staffing/", staffing_views.staffing, name="staffing"),
    path("panel/", staffing_views.panel, name="panel"),
    # Replaced at merge: the other parts' pages the panel links to (calls, tickets, routing).
    path("calls/", staffing_views._built_elsewhere, name="call_list"),
    path("callbacks/", staffing_views._built_elsewhere, name="callbacks"),
    path("tickets/", staffing_views._built_elsewhere, name="ticket_list"),
    path("overdue/", staffing_views._built_elsewhere, name="overdue"),
    # --- end staffing ---
]
