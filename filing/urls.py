from django.urls import path

from filing.views import (
    assignment,
    drafts,
    enforcement,
    filings,
    home,
    mediation,
    online,
    overview,
    portal,
    relief,
    side_by_side,
    supervision,
    uploads,
    visits,
)
from filing.views import ledger as fee_views

app_name = "filing"
urlpatterns = [
    path("counter/", home.counter, name="counter"),
    path("portal/", home.portal, name="portal"),
    path("portal/drafts/new/", drafts.draft_new, name="draft_new"),
    path("portal/drafts/<int:pk>/", drafts.draft_edit, name="draft_edit"),
    path("portal/drafts/<int:pk>/complaint.pdf", drafts.draft_complaint, name="draft_complaint"),
    path("portal/drafts/<int:pk>/submit/", drafts.draft_submit, name="draft_submit"),
    path(
        "portal/drafts/<int:pk>/party-confirm/", side_by_side.draft_party_confirm, name="draft_party_confirm"
    ),
    path("portal/drafts/<int:pk>/<str:step>/", drafts.draft_step, name="draft_step"),
    path("side-by-side/", side_by_side.side_by_side, name="side_by_side"),
    path("side-by-side/code/", side_by_side.side_by_side_code, name="side_by_side_code"),
    path("portal/filings/<int:pk>/", portal.portal_filing, name="portal_filing"),
    path("portal/filings/<int:pk>/notices/<int:notice_pk>/", portal.portal_notice, name="portal_notice"),
    path("portal/filings/<int:pk>/correct/", portal.portal_correct, name="portal_correct"),
    path("portal/filings/<int:pk>/withdraw/", portal.portal_withdraw, name="portal_withdraw"),
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

# Applications for enforcement (执): the clerk's check of the 执行依据 (钢城承诺四).
urlpatterns += [
    path("filings/<int:pk>/effectiveness/", enforcement.filing_effectiveness, name="filing_effectiveness"),
]

# The fee ledger (诉讼费收退, seed 000 第四条): payments and their receipts, refunds and their approval.
urlpatterns += [
    path("filings/<int:pk>/fees/payments/new/", fee_views.fee_payment_record, name="fee_payment_record"),
    path("filings/<int:pk>/fees/refunds/new/", fee_views.fee_refund_request, name="fee_refund_request"),
    path("fees/refunds/", fee_views.fee_refunds_pending, name="fee_refunds_pending"),
    path("fees/refunds/<int:pk>/", fee_views.fee_refund_decide, name="fee_refund_decide"),
]

# The payment limit and fee relief (诉讼费用交纳办法 arts. 22, 44–48).
urlpatterns += [
    path("filings/unpaid/", relief.unpaid_list, name="unpaid_list"),
    path("filings/<int:pk>/unpaid/", relief.unpaid_decide, name="unpaid_decide"),
    path("filings/<int:pk>/relief/", relief.relief_apply, name="relief_apply"),
    path("filings/<int:pk>/relief/<int:relief_pk>/", relief.relief_decide, name="relief_decide"),
    path("portal/filings/<int:pk>/relief/", relief.portal_relief_apply, name="portal_relief_apply"),
]

# Assignment (自动分案, 舞钢规范第七条 当天分案): the judge's cases, 待分案 and the supervisor's 改分.
urlpatterns += [
    path("cases/", assignment.my_cases_page, name="my_cases"),
    path("filings/unassigned/", assignment.unassigned_list, name="filing_unassigned"),
    path("filings/<int:pk>/assign/", assignment.filing_reassign, name="filing_reassign"),
    path("filings/<int:pk>/assign/auto/", assignment.filing_assign_again, name="filing_assign_again"),
]

# Pre-filing mediation (诉前调解; 钢城承诺六: no unjustified over-time mediation).
urlpatterns += [
    path("mediations/", mediation.mediation_list, name="mediation_list"),
    path(
        "portal/filings/<int:pk>/mediation-consent/",
        mediation.portal_mediation_consent,
        name="portal_mediation_consent",
    ),
    path("filings/<int:pk>/mediation/", mediation.mediation_start, name="mediation_start"),
    path("filings/<int:pk>/mediation/extend/", mediation.mediation_extend, name="mediation_extend"),
    path("filings/<int:pk>/mediation/settle/", mediation.mediation_settle, name="mediation_settle"),
    path("filings/<int:pk>/mediation/withdraw/", mediation.mediation_withdraw, name="mediation_withdraw"),
    path("filings/<int:pk>/mediation/fail/", mediation.mediation_fail, name="mediation_fail"),
    path("filings/<int:pk>/mediation/time-out/", mediation.mediation_time_out, name="mediation_time_out"),
    path(
        "filings/<int:pk>/mediation/confirmation/",
        mediation.mediation_confirmation,
        name="mediation_confirmation",
    ),
]

# The supervisors' filing panel and the list behind each figure (issue 7; filing.selectors.figures).
urlpatterns += [
    path("overview/", overview.overview_filing, name="overview_filing"),
    path("overview/list/", overview.overview_list, name="overview_list"),
]

# Three panels of the overview (issue 7; filing.views.supervision).
urlpatterns += [
    path("overview/year-end/", supervision.overview_year_end, name="overview_year_end"),
    path("overview/first-contact/", supervision.overview_first_contact, name="overview_first_contact"),
    path("overview/people/", supervision.overview_people, name="overview_people"),
]
