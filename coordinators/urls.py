from django.urls import path

from coordinators import views

app_name = "coordinators"

urlpatterns = [
    path("regionalkoordination/", views.index, name="index"),
]
