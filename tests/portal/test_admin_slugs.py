"""Slugs the German way in the admin too, and a redirect from every address a slug leaves."""

import pytest
from django.test import Client

from funding.models import Specialty
from network.models import Partner
from portal.models import SlugRedirect
from portal.slugs import fix_naive_slugs
from tests import factories

pytestmark = pytest.mark.django_db


def change_form_data(response, **changes):
    """What the browser would send back from an admin change form, with ``changes``."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value() or 0
            del field
        for bound in formset.forms:
            for name in bound.fields:
                value = bound[name].value()
                if value not in (None, False, ""):
                    data[bound.add_prefix(name)] = value
    return data | changes


def test_an_empty_slug_is_made_the_german_way_on_the_server(office):
    response = office.post(
        "/admin/funding/specialty/add/", {"name": "Öffentliches Gesundheitswesen", "slug": ""}
    )
    assert response.status_code == 302
    assert Specialty.objects.get().slug == "oeffentliches-gesundheitswesen"


def test_an_empty_slug_that_is_taken_gets_a_number(office):
    factories.specialty(name="Innere Medizin", slug="innere-medizin")
    office.post("/admin/funding/specialty/add/", {"name": "Innere Medizin!", "slug": ""})
    assert set(Specialty.objects.values_list("slug", flat=True)) == {
        "innere-medizin",
        "innere-medizin-2",
    }


def test_the_slug_field_says_it_may_stay_empty_and_loads_the_german_spelling(office):
    page = office.get("/admin/network/partner/add/").content.decode()
    assert "Leer lassen, dann wird er aus dem Namen gebildet (ä → ae, ß → ss)." in page
    assert page.index("/static/admin/js/urlify.js") < page.index("/static/js/admin_slugs.js")


def test_a_changed_slug_redirects_from_its_old_address_in_both_languages(office):
    partner = factories.partner(name="Görlitzer Klinikum", slug="gorlitzer-klinikum")
    url = f"/admin/network/partner/{partner.pk}/change/"
    response = office.post(url, change_form_data(office.get(url), slug="goerlitzer-klinikum"))
    assert response.status_code == 302

    visitor = Client()
    old = visitor.get("/netzwerk/partner/gorlitzer-klinikum/?von=alt")
    assert old.status_code == 301
    assert old["Location"] == "/netzwerk/partner/goerlitzer-klinikum/?von=alt"
    english = visitor.get("/en/netzwerk/partner/gorlitzer-klinikum/")
    assert english["Location"] == "/en/netzwerk/partner/goerlitzer-klinikum/"
    assert visitor.get(old["Location"]).status_code == 200


def test_a_second_move_sends_the_first_address_straight_to_the_newest(office):
    partner = factories.partner(name="Klinik A", slug="klinik-a")
    url = f"/admin/network/partner/{partner.pk}/change/"
    office.post(url, change_form_data(office.get(url), slug="klinik-b"))
    office.post(url, change_form_data(office.get(url), slug="klinik-c"))

    assert Client().get("/netzwerk/partner/klinik-a/")["Location"] == "/netzwerk/partner/klinik-c/"
    assert Client().get("/netzwerk/partner/klinik-b/")["Location"] == "/netzwerk/partner/klinik-c/"


def test_an_address_that_is_live_again_is_no_longer_redirected(office):
    partner = factories.partner(name="Klinik A", slug="klinik-a")
    url = f"/admin/network/partner/{partner.pk}/change/"
    office.post(url, change_form_data(office.get(url), slug="klinik-b"))
    office.post(url, change_form_data(office.get(url), slug="klinik-a"))

    assert Client().get("/netzwerk/partner/klinik-a/").status_code == 200
    assert not SlugRedirect.objects.filter(old_path="/netzwerk/partner/klinik-a/").exists()


def test_the_migration_gives_naive_slugs_the_german_spelling_and_keeps_the_rest():
    naive = factories.partner(name="Görlitzer Klinikum", slug="gorlitzer-klinikum")
    meissen = factories.partner(name="Praxis Meißen", slug="praxis-meissen")
    chosen = factories.partner(name="Städtisches Klinikum", slug="klinikum-dresden")
    taken = factories.partner(name="Ärztehaus", slug="arztehaus")
    factories.partner(name="Ärztehaus Nord", slug="aerztehaus")

    fix_naive_slugs(Partner, "name", "network:partner_detail", SlugRedirect.objects)

    for row in (naive, meissen, chosen, taken):
        row.refresh_from_db()
    assert naive.slug == "goerlitzer-klinikum"
    assert meissen.slug == "praxis-meissen"
    assert chosen.slug == "klinikum-dresden"
    assert taken.slug == "aerztehaus-2"
    assert Client().get("/netzwerk/partner/gorlitzer-klinikum/").status_code == 301
    assert Client().get("/netzwerk/partner/arztehaus/")["Location"] == (
        "/netzwerk/partner/aerztehaus-2/"
    )


def test_an_unknown_address_stays_a_404(db):
    assert Client().get("/netzwerk/partner/gibt-es-nicht/").status_code == 404
