from django.urls import path

from hotline import call_views, views

app_name = "hotline"
urlpatterns = [
    path("", views.home, name="home"),
    path("duty/", views.duty, name="duty"),
    # --- calls (issue 6, part CALLS) ---
    path("telephony/events", call_views.telephony_events, name="telephony_events"),
    path("calls/", call_views.call_list_page, name="call_list"),
    path("calls/new/", call_views.call_new, name="call_new"),
    path("calls/<int:pk>/", call_views.call_detail, name="call_detail"),
    path("calls/<int:pk>/callback/", call_views.call_callback, name="call_callback"),
    path("callbacks/", call_views.callbacks, name="callbacks"),
    path("caller/", call_views.caller, name="caller"),
]
