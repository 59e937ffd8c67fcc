from django.urls import path

from hotline import routing_views, views

app_name = "hotline"
urlpatterns = [
    path("", views.home, name="home"),
    # --- routing (issue 6, part ROUTING): transfers, the duty judge, replies, the overdue list ---------
    path("duty/", routing_views.duty, name="duty"),
    path("inbox/", routing_views.inbox, name="inbox"),
    path("overdue/", routing_views.overdue, name="overdue"),
    path("tickets/<int:pk>/routing/", routing_views.ticket_routing, name="ticket_routing"),
    path("tickets/<int:pk>/transfer/", routing_views.ticket_transfer, name="ticket_transfer"),
    path(
        "tickets/<int:pk>/ask-duty-judge/", routing_views.ticket_ask_duty_judge, name="ticket_ask_duty_judge"
    ),
    path("transfers/<int:pk>/reply/", routing_views.transfer_reply, name="transfer_reply"),
    path("transfers/<int:pk>/receipt/", routing_views.transfer_receipt, name="transfer_receipt"),
    # --- end routing ----------------------------------------------------------------------------------
]
