from django.urls import path

from portal.views import under_construction

app_name = "partnerarea"

urlpatterns = [
    path("", under_construction, name="dashboard"),
]
