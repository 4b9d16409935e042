from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("angefordert/", views.requested, name="requested"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
    path("verwalten/<str:token>/loeschen/", views.delete, name="delete"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
