from django.urls import path

from notices import _placeholder_h4, views

app_name = "notices"
urlpatterns = [
    path("notices/<int:pk>/pdf/", views.notice_pdf, name="pdf"),
    path("notices/<int:pk>/delivered/", _placeholder_h4.delivered, name="delivered"),  # H4 placeholder
    # Public, no sign-in: anyone holding a document checks it here (the address printed on every PDF).
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
