from django.urls import path

from portal.views import under_construction

app_name = "coordinators"

urlpatterns = [
    path("regionalkoordination/", under_construction, name="index"),
]
