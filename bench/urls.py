"""The portal's URLs plus ``/bench/ping``, the framework's floor: every middleware, no database."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def ping(request):
    return HttpResponse(b"pong", content_type="text/plain")


urlpatterns = [path("bench/ping", ping, name="bench_ping"), *portal_urlpatterns]
