from django.urls import path

from filing.views import filings, home, online, uploads, visits

app_name = "filing"
urlpatterns = [
    path("counter/", home.counter, name="counter"),
    path("cases/", home.my_cases, name="my_cases"),
    path("portal/", home.portal, name="portal"),
    path("uploads/<int:pk>/", uploads.upload_file, name="upload_file"),
    path("uploads/<int:pk>/thumbnail.png", uploads.upload_thumbnail, name="upload_thumbnail"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/new/", visits.visit_open, name="visit_open"),
    path("visits/department/", visits.visit_department_list, name="visit_department_list"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit"),
    path("visits/<int:pk>/handover/", visits.visit_handover, name="visit_handover"),
    path("visits/<int:pk>/close/", visits.visit_close, name="visit_close"),
    path("filings/new/", filings.filing_new, name="filing_new"),
    path("filings/queue/", filings.filing_queue, name="filing_queue"),
    path("filings/online/", online.online_queue, name="online_queue"),
    path("filings/<int:pk>/review/", online.online_review, name="online_review"),
    path("filings/<int:pk>/claim/", online.filing_claim, name="filing_claim"),
    path("filings/<int:pk>/", filings.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/register/", filings.filing_register, name="filing_register"),
    path("filings/<int:pk>/decide-later/", filings.filing_decide_later, name="filing_decide_later"),
    path("filings/<int:pk>/correction/", filings.filing_correction, name="filing_correction"),
    path(
        "filings/<int:pk>/corrections-received/",
        filings.filing_corrections_received,
        name="filing_corrections_received",
    ),
    path("filings/<int:pk>/lapse/", filings.filing_lapse, name="filing_lapse"),
    path("filings/<int:pk>/refuse/", filings.filing_refuse, name="filing_refuse"),
    path("filings/<int:pk>/jurisdiction/", filings.filing_jurisdiction, name="filing_jurisdiction"),
    path("filings/<int:pk>/withdraw/", filings.filing_withdraw, name="filing_withdraw"),
]
