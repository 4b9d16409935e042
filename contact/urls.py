from django.urls import path

from contact import views

app_name = "contact"

urlpatterns = [
    path("kontakt/", views.contact, name="form"),
    path("kontakt/danke/", views.thanks, name="thanks"),
]
