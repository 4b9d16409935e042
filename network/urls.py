from django.urls import path

from portal.views import under_construction

app_name = "network"

urlpatterns = [
    path("netzwerk/", under_construction, name="index"),
    path("netzwerk/partner/", under_construction, name="partner_list"),
    path("netzwerk/partner/<slug:slug>/", under_construction, name="partner_detail"),
    path("netzwerk/lenkungsgruppe/", under_construction, name="steering_group"),
    path("netzwerk/koordinierungsstelle/", under_construction, name="office"),
]
