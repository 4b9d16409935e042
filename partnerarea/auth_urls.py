"""Login, logout and passwords for the partner area: Django's own views, our templates.

No namespace: Django's auth views and ``LOGIN_URL`` refer to these names as they are. The
password-change templates have their own names because the admin uses Django's default ones.
"""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.cache import never_cache

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(), name="login"),
    # Back to our login page; the admin's own logout keeps its own page.
    path("abmelden/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path(
        "passwort/aendern/",
        never_cache(
            auth_views.PasswordChangeView.as_view(
                template_name="registration/partner_password_change_form.html"
            )
        ),
        name="password_change",
    ),
    path(
        "passwort/geaendert/",
        never_cache(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="registration/partner_password_change_done.html"
            )
        ),
        name="password_change_done",
    ),
    path(
        "passwort/vergessen/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "passwort/vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort/neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
