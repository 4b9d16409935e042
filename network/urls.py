from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("netzwerk/", views.index, name="index"),
    path("netzwerk/partner/", views.partner_list, name="partner_list"),
    path("netzwerk/lenkungsgruppe/", views.steering_group, name="steering_group"),
    path("netzwerk/koordinierungsstelle/", views.office, name="office"),
]
