from django.urls import path

from courthall.accounts import views

app_name = "accounts"
urlpatterns = [
    path("register/", views.register_choose, name="register_choose"),
    path("register/confirm/", views.register_confirm, name="register_confirm"),
    path("register/<slug:kind>/", views.register, name="register"),
    path("password/", views.password_reset, name="password_reset"),
    path("password/confirm/", views.password_reset_confirm, name="password_reset_confirm"),
    path("verification/", views.verification_list, name="verification_list"),
    path("verification/<int:pk>/verify/", views.account_verify, name="account_verify"),
    path("verification/<int:pk>/reject/", views.account_reject, name="account_reject"),
    path("<int:pk>/files/<slug:name>/", views.account_file, name="account_file"),
]
