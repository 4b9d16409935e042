from django.urls import path

from pages import places

app_name = "places"

urlpatterns = [
    path("", places.place_index, name="index"),
    path("<slug:slug>/", places.place_detail, name="detail"),
]
