from django.urls import path

from hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.home, name="home"),
    path("duty/", views.duty, name="duty"),
]
