from django.urls import path

from hotline.views import calls, overview, routing, staffing, tickets

app_name = "hotline"
urlpatterns = [
    path("", tickets.home, name="home"),
    # --- routing (issue 6, part ROUTING): transfers, the duty judge, replies, the overdue list ---------
    path("duty/", routing.duty, name="duty"),
    path("inbox/", routing.inbox, name="inbox"),
    path("overdue/", routing.overdue, name="overdue"),
    path("tickets/<int:pk>/transfer/", routing.ticket_transfer, name="ticket_transfer"),
    path("tickets/<int:pk>/ask-duty-judge/", routing.ticket_ask_duty_judge, name="ticket_ask_duty_judge"),
    path("transfers/<int:pk>/reply/", routing.transfer_reply, name="transfer_reply"),
    path("transfers/<int:pk>/receipt/", routing.transfer_receipt, name="transfer_receipt"),
    # --- end routing ----------------------------------------------------------------------------------
    # --- tickets at the line (part "tickets") ---
    path("tickets/", tickets.ticket_list, name="ticket_list"),
    path("tickets/new/", tickets.ticket_new, name="ticket_new"),
    path("tickets/<int:pk>/", tickets.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/take/", tickets.ticket_take, name="ticket_take"),
    path("tickets/<int:pk>/answer/", tickets.ticket_answer, name="ticket_answer"),
    path("tickets/<int:pk>/refer/", tickets.ticket_refer, name="ticket_refer"),
    path("tickets/<int:pk>/case-query/", tickets.ticket_case_query, name="ticket_case_query"),
    path("tickets/<int:pk>/callback/", tickets.ticket_callback, name="ticket_callback"),
    path("tickets/<int:pk>/satisfaction/", tickets.ticket_satisfaction, name="ticket_satisfaction"),
    path("knowledge/", tickets.knowledge_search_fragment, name="knowledge_search"),
    path("message/", tickets.portal_message, name="portal_message"),
    # --- end tickets ---
    # --- calls (issue 6, part CALLS) ---
    path("telephony/events", calls.telephony_events, name="telephony_events"),
    path("calls/", calls.call_list_page, name="call_list"),
    path("calls/new/", calls.call_new, name="call_new"),
    path("calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("calls/<int:pk>/callback/", calls.call_callback, name="call_callback"),
    path("callbacks/", calls.callbacks, name="callbacks"),
    path("caller/", calls.caller, name="caller"),
    # --- staffing (issue 6, part STAFFING) ---
    path("staffing/", staffing.staffing, name="staffing"),
    path("panel/", staffing.panel, name="panel"),
    # --- the overview panel (issue 7, part hotline_panel) ---
    path("overview/", overview.overview_panel, name="overview_panel"),
    path("overview/list/", overview.overview_list, name="overview_list"),
]
