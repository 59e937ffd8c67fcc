from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("notices/<int:pk>/pdf/", views.notice_pdf, name="pdf"),
    # 电子送达: a portal user's documents, and the recipient's opening that serves one.
    path("notices/inbox/", views.inbox, name="inbox"),
    path("notices/inbox/<int:pk>/", views.delivered, name="delivered"),
    # Public, no sign-in: anyone holding a document checks it here (the address printed on every PDF).
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
