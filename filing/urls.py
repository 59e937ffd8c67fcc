from django.urls import path

from filing import views

app_name = "filing"
urlpatterns = [
    path("counter/", views.counter, name="counter"),
    path("cases/", views.my_cases, name="my_cases"),
    path("portal/", views.portal, name="portal"),
]
