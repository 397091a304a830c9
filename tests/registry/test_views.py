import io

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sahabat.accounts.models import AccessLog, Membership
from sahabat.accounts.permissions import Role
from sahabat.registry.models import Enterprise, Licence, Owner, Product
from tests.registry.factories import (
    KALIWATES,
    KEBONSARI_VILLAGE,
    MANGLI_VILLAGE,
    SAROLANGUN,
    SUMBERSARI,
    SUMBERSARI_VILLAGE,
    EnterpriseFactory,
    LicenceFactory,
    OwnerFactory,
    ProductFactory,
    nik_for,
    region,
)

pytestmark = pytest.mark.django_db

LIST = reverse("registry:enterprise_list")
CREATE = reverse("registry:enterprise_create")


def detail_url(enterprise):
    return reverse("registry:enterprise_detail", args=[enterprise.pk])


def edit_url(enterprise):
    return reverse("registry:enterprise_edit", args=[enterprise.pk])


def listed(response) -> list[str]:
    return [enterprise.name for enterprise in response.context["page_obj"].object_list]


@pytest.fixture
def officer(client, jember, member_of):
    user = member_of(jember, Role.OFFICER)
    client.force_login(user)
    return user


@pytest.fixture
def viewer(client, jember, member_of):
    user = member_of(jember, Role.VIEWER)
    client.force_login(user)
    return user


@pytest.fixture
def admin(client, jember_admin):
    client.force_login(jember_admin)
    return jember_admin


@pytest.fixture
def owner_login(client, jember, member_of):
    """An UMKM owner logged in, with one enterprise linked to the login."""
    user = member_of(jember, Role.UMKM_OWNER)
    owner = OwnerFactory(name="Sri Wahyuni")
    Owner.unscoped.filter(pk=owner.pk).update(user=user)
    enterprise = EnterpriseFactory(owner=owner, name="Prol Tape Bu Sri")
    client.force_login(user)
    return enterprise


def enterprise_form(**overrides) -> dict:
    data = {
        "name": "Kopi Rakyat Sumbersari",
        "brand": "Kopi Raja",
        "sector": "food",
        "status": "active",
        "district": region(SUMBERSARI).pk,
        "village": region(SUMBERSARI_VILLAGE).pk,
        "address": "Jl. Kalimantan No. 10",
        "kbli_codes": "10761, 47211",
        "kbli_version": "2020",
        "capital": "25 jt",
        "annual_turnover": "1,5 M",
        "workers_male": "2",
        "workers_female": "3",
        "owner_name": "Bambang Sugiono",
        "nik": nik_for(901),
        "phone": "0812-3456-7890",
        "email": "bambang@example.id",
        "owner_address": "Jl. Mastrip No. 5",
    }
    data.update(overrides)
    return data


def png(size=(8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile("kopi.png", buffer.getvalue(), content_type="image/png")


# The list: search, filters, sorting, pages


def test_list_finds_an_enterprise_by_a_word_of_its_name(client, officer):
    EnterpriseFactory(name="Kopi Rakyat Sumbersari")
    EnterpriseFactory(name="Batik Labako")
    assert listed(client.get(LIST, {"q": "kopi"})) == ["Kopi Rakyat Sumbersari"]


def test_list_finds_an_enterprise_by_its_owner_name(client, officer):
    EnterpriseFactory(name="Batik Labako", owner=OwnerFactory(name="Siti Aminah"))
    EnterpriseFactory(name="Kopi Rakyat")
    assert listed(client.get(LIST, {"q": "aminah"})) == ["Batik Labako"]


def test_list_finds_an_enterprise_by_the_owner_nik(client, officer):
    EnterpriseFactory(name="Batik Labako", owner=OwnerFactory(nik=nik_for(77)))
    EnterpriseFactory(name="Kopi Rakyat")
    assert listed(client.get(LIST, {"q": nik_for(77)})) == ["Batik Labako"]


def test_list_finds_an_enterprise_by_its_nib(client, officer):
    LicenceFactory(enterprise=EnterpriseFactory(name="Batik Labako"), number="9120001234567")
    EnterpriseFactory(name="Kopi Rakyat")
    assert listed(client.get(LIST, {"q": "9120001234567"})) == ["Batik Labako"]


def test_list_filters_by_district(client, officer):
    EnterpriseFactory(name="Di Sumbersari")
    EnterpriseFactory(name="Di Kaliwates", district=region(KALIWATES), village=region(MANGLI_VILLAGE))
    assert listed(client.get(LIST, {"district": region(KALIWATES).pk})) == ["Di Kaliwates"]


def test_list_filters_by_village(client, officer):
    EnterpriseFactory(name="Di Sumbersari")
    EnterpriseFactory(name="Di Kebonsari", village=region(KEBONSARI_VILLAGE))
    response = client.get(LIST, {"district": region(SUMBERSARI).pk, "village": region(KEBONSARI_VILLAGE).pk})
    assert listed(response) == ["Di Kebonsari"]


def test_list_filters_by_computed_scale(client, officer):
    EnterpriseFactory(name="Mikro", capital=50_000_000, annual_turnover=None)
    EnterpriseFactory(name="Kecil", capital=3_000_000_000, annual_turnover=None)
    assert listed(client.get(LIST, {"scale": "small"})) == ["Kecil"]


def test_list_filters_by_sector(client, officer):
    EnterpriseFactory(name="Batik Labako", sector="fashion")
    EnterpriseFactory(name="Kopi Rakyat", sector="food")
    assert listed(client.get(LIST, {"sector": "fashion"})) == ["Batik Labako"]


def test_list_filters_by_licence_type(client, officer):
    LicenceFactory(enterprise=EnterpriseFactory(name="Halal"), type="halal", number="ID35110000123450123")
    LicenceFactory(enterprise=EnterpriseFactory(name="Cuma NIB"))
    assert listed(client.get(LIST, {"licence": "halal"})) == ["Halal"]


def test_list_filters_enterprises_without_any_licence(client, officer):
    LicenceFactory(enterprise=EnterpriseFactory(name="Punya NIB"))
    EnterpriseFactory(name="Belum berizin")
    assert listed(client.get(LIST, {"licence": "none"})) == ["Belum berizin"]


def test_list_filters_by_status(client, officer):
    EnterpriseFactory(name="Masih buka")
    EnterpriseFactory(name="Sudah tutup", status="closed")
    assert listed(client.get(LIST, {"status": "closed"})) == ["Sudah tutup"]


def test_list_sorts_by_largest_turnover(client, officer):
    EnterpriseFactory(name="A kecil", annual_turnover=10_000_000)
    EnterpriseFactory(name="B besar", annual_turnover=900_000_000)
    assert listed(client.get(LIST, {"sort": "turnover"})) == ["B besar", "A kecil"]


def test_list_sorts_unknown_turnover_last(client, officer):
    EnterpriseFactory(name="A tidak tahu", annual_turnover=None)
    EnterpriseFactory(name="B kecil", annual_turnover=10_000_000)
    assert listed(client.get(LIST, {"sort": "turnover"})) == ["B kecil", "A tidak tahu"]


def test_list_sorts_newest_first(client, officer):
    EnterpriseFactory(name="A lama")
    EnterpriseFactory(name="B baru")
    assert listed(client.get(LIST, {"sort": "newest"})) == ["B baru", "A lama"]


def test_list_shows_25_enterprises_a_page(client, officer):
    EnterpriseFactory.create_batch(26)
    response = client.get(LIST, {"page": 2})
    assert (len(listed(client.get(LIST))), len(listed(response))) == (25, 1)


def test_list_ignores_a_filter_value_it_does_not_know(client, officer):
    EnterpriseFactory(name="Kopi Rakyat")
    assert listed(client.get(LIST, {"scale": "giant", "district": "abc"})) == ["Kopi Rakyat"]


def test_empty_register_invites_to_add_the_first_enterprise(client, officer):
    page = client.get(LIST).content.decode()
    assert "Belum ada UMKM" in page and f'href="{CREATE}"' in page


def test_search_without_match_offers_to_clear_the_filters(client, officer):
    EnterpriseFactory(name="Kopi Rakyat")
    page = client.get(LIST, {"q": "rendang"}).content.decode()
    assert "Tidak ada UMKM yang cocok" in page


def test_list_shows_the_owner_nik_masked_only(client, officer):
    EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321)))
    page = client.get(LIST).content.decode()
    assert ("3509••••••••4321" in page, nik_for(4321) in page) == (True, False)


def test_list_shows_only_the_active_region(client, officer):
    EnterpriseFactory(name="Kopi Jember")
    saro = region(SAROLANGUN)
    EnterpriseFactory(name="Lempok Sarolangun", region=saro, district=None, village=None, owner=None)
    assert listed(client.get(LIST)) == ["Kopi Jember"]


def test_list_is_refused_to_an_umkm_owner(client, owner_login):
    assert client.get(LIST).status_code == 403


def test_village_options_follow_the_district(client, officer):
    response = client.get(reverse("registry:village_options"), {"district": region(KALIWATES).pk})
    assert "Mangli" in response.content.decode() and "Kebonsari" not in response.content.decode()


# The detail page and personal data


def test_detail_shows_the_nik_masked(client, officer):
    enterprise = EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321)))
    page = client.get(detail_url(enterprise)).content.decode()
    assert ("3509••••••••4321" in page, nik_for(4321) in page) == (True, False)


def test_detail_hides_the_owner_contact_from_an_officer(client, officer):
    enterprise = EnterpriseFactory(owner=OwnerFactory(phone="081299887766"))
    page = client.get(detail_url(enterprise)).content.decode()
    assert "+6281299887766" not in page


def test_detail_shows_the_owner_contact_to_those_who_may_reveal(client, admin):
    enterprise = EnterpriseFactory(owner=OwnerFactory(phone="081299887766"))
    assert "+6281299887766" in client.get(detail_url(enterprise)).content.decode()


def test_detail_shows_the_computed_scale_with_its_legal_source(client, officer):
    enterprise = EnterpriseFactory(capital=3_000_000_000, annual_turnover=None)
    page = client.get(detail_url(enterprise)).content.decode()
    assert "Kecil" in page and "PP 7/2021" in page


def test_reveal_gives_the_full_nik(client, admin):
    owner = OwnerFactory(nik=nik_for(4321))
    response = client.post(reverse("registry:owner_reveal_nik", args=[owner.pk]), HTTP_HX_REQUEST="true")
    assert nik_for(4321) in response.content.decode()


def test_reveal_is_written_to_the_access_log(client, admin):
    owner = OwnerFactory()
    client.post(reverse("registry:owner_reveal_nik", args=[owner.pk]), HTTP_HX_REQUEST="true")
    entry = AccessLog.unscoped.get()
    assert (entry.user, entry.action, entry.object_id) == (admin, AccessLog.Action.REVEAL, str(owner.pk))


def test_viewer_cannot_reveal_a_nik(client, viewer):
    owner = OwnerFactory()
    assert client.post(reverse("registry:owner_reveal_nik", args=[owner.pk])).status_code == 403


def test_viewer_sees_no_reveal_button(client, viewer):
    enterprise = EnterpriseFactory()
    assert (
        reverse("registry:owner_reveal_nik", args=[enterprise.owner_id])
        not in client.get(detail_url(enterprise)).content.decode()
    )


def test_viewer_sees_the_detail_without_edit_buttons(client, viewer):
    enterprise = EnterpriseFactory()
    page = client.get(detail_url(enterprise)).content.decode()
    assert edit_url(enterprise) not in page


def test_enterprise_of_another_region_is_not_found(client, officer):
    enterprise = EnterpriseFactory(region=region(SAROLANGUN), district=None, village=None, owner=None)
    assert client.get(detail_url(enterprise)).status_code == 404


def test_detail_shows_the_change_history(client, officer):
    enterprise = EnterpriseFactory(name="Kopi Lama")
    client.post(
        edit_url(enterprise), enterprise_form(name="Kopi Baru", nik="", phone="", email="", owner_address="")
    )
    history = client.get(detail_url(enterprise)).context["history"]
    assert any("Kopi Lama" in str(entry.changes_display_dict) for entry in history)


def test_history_never_shows_any_digit_of_a_changed_nik(client, admin):
    enterprise = EnterpriseFactory(owner=OwnerFactory(nik=nik_for(1111)))
    client.post(edit_url(enterprise), enterprise_form(nik=nik_for(2222)))
    page = client.get(detail_url(enterprise)).content.decode()
    assert "2222" not in page.replace("3509••••••••2222", "")


# Creating and editing


def test_create_form_shows_every_field_it_takes(client, officer):
    form = client.get(CREATE).context["form"]
    shown = {field.name for _legend, fields in form.fieldsets() for field in fields}
    assert shown == set(form.fields)


def test_create_registers_the_enterprise_and_its_owner(client, officer):
    response = client.post(CREATE, enterprise_form())
    enterprise = Enterprise.unscoped.get(name="Kopi Rakyat Sumbersari")
    assert response.url == detail_url(enterprise)
    assert (enterprise.capital, enterprise.annual_turnover, enterprise.computed_scale) == (
        25_000_000,
        1_500_000_000,
        "micro",
    )
    assert (enterprise.kbli_codes, enterprise.kbli_version) == (["10761", "47211"], 2020)
    assert (enterprise.owner.nik_masked, enterprise.owner.phone) == ("3509••••••••0901", "+6281234567890")


def test_create_with_the_nib_field_records_the_nib(client, officer):
    client.post(CREATE, enterprise_form(nib="9120 0012 34567"))
    assert Licence.unscoped.get(type="nib").number == "9120001234567"


def test_create_with_a_known_nib_links_to_the_enterprise_that_has_it(client, officer):
    existing = LicenceFactory(number="9120001234567").enterprise
    response = client.post(CREATE, enterprise_form(nib="9120001234567"))
    assert response.context["form"].errors["nib"]
    assert f'href="{detail_url(existing)}"' in response.content.decode()


def test_create_refuses_an_invalid_nik_beside_the_field(client, officer):
    response = client.post(CREATE, enterprise_form(nik="35090117089"))
    assert response.context["form"].errors["nik"] == ["NIK harus tepat 16 digit angka."]


def test_create_refuses_kbli_codes_without_their_edition(client, officer):
    response = client.post(CREATE, enterprise_form(kbli_version=""))
    assert response.context["form"].errors["kbli_version"]


def test_create_refuses_money_it_cannot_read(client, officer):
    response = client.post(CREATE, enterprise_form(capital="dua juta"))
    assert response.context["form"].errors["capital"]


def test_create_refuses_a_village_of_another_district(client, officer):
    response = client.post(CREATE, enterprise_form(village=region(MANGLI_VILLAGE).pk))
    assert response.context["form"].errors["village"]


def test_create_without_owner_fields_registers_no_owner(client, officer):
    client.post(CREATE, enterprise_form(owner_name="", nik="", phone="", email="", owner_address=""))
    assert Enterprise.unscoped.get().owner is None


def test_viewer_cannot_open_the_create_form(client, viewer):
    assert client.get(CREATE).status_code == 403


def test_edit_saves_the_changes(client, officer):
    enterprise = EnterpriseFactory(name="Kopi Lama")
    client.post(
        edit_url(enterprise), enterprise_form(name="Kopi Baru", nik="", phone="", email="", owner_address="")
    )
    enterprise.refresh_from_db()
    assert enterprise.name == "Kopi Baru"


def test_edit_records_the_owners_consent_to_the_public_portal(client, officer):
    enterprise = EnterpriseFactory()
    client.post(
        edit_url(enterprise),
        enterprise_form(is_public="on", whatsapp_public="on", nik="", phone="", email="", owner_address=""),
    )
    enterprise.refresh_from_db()
    assert (enterprise.is_public, enterprise.whatsapp_public) == (True, True)


def test_edit_is_recorded_in_the_audit_trail_with_its_author(client, officer):
    enterprise = EnterpriseFactory(name="Kopi Lama")
    client.post(
        edit_url(enterprise), enterprise_form(name="Kopi Baru", nik="", phone="", email="", owner_address="")
    )
    entry = LogEntry.objects.get_for_object(enterprise).filter(action=LogEntry.Action.UPDATE).get()
    assert (entry.actor, entry.changes_dict["name"]) == (officer, ["Kopi Lama", "Kopi Baru"])


def test_edit_form_does_not_show_personal_data_to_an_officer(client, officer):
    enterprise = EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321), phone="081299887766"))
    page = client.get(edit_url(enterprise)).content.decode()
    assert (nik_for(4321) in page, "+6281299887766" in page) == (False, False)


def test_edit_by_an_officer_keeps_the_hidden_personal_data(client, officer):
    enterprise = EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321), phone="081299887766"))
    client.post(
        edit_url(enterprise), enterprise_form(name="Baru", nik="", phone="", email="", owner_address="")
    )
    owner = Owner.unscoped.get(pk=enterprise.owner_id)
    assert (owner.nik, owner.phone) == (nik_for(4321), "+6281299887766")


def test_viewer_cannot_edit(client, viewer):
    enterprise = EnterpriseFactory()
    assert client.get(edit_url(enterprise)).status_code == 403


# Licences


def test_licence_is_added_from_the_detail_page(client, officer):
    enterprise = EnterpriseFactory()
    client.post(
        reverse("registry:licence_add", args=[enterprise.pk]),
        {"type": "pirt", "number": "P-IRT 2063509010123-26"},
    )
    assert Licence.unscoped.get(enterprise=enterprise).number == "206350901012326"


def test_invalid_licence_number_is_shown_beside_the_field(client, officer):
    enterprise = EnterpriseFactory()
    response = client.post(
        reverse("registry:licence_add", args=[enterprise.pk]), {"type": "pirt", "number": "123"}
    )
    assert response.context["licence_form"].errors["number"]


def test_licence_is_removed(client, officer):
    licence = LicenceFactory()
    client.post(reverse("registry:licence_remove", args=[licence.pk]))
    assert not Licence.unscoped.filter(pk=licence.pk).exists()


# Products


def test_product_is_created_with_a_photo(client, officer):
    enterprise = EnterpriseFactory()
    client.post(
        reverse("registry:product_create", args=[enterprise.pk]),
        {
            "name": "Kopi bubuk 250 g",
            "category": "food",
            "price": "35 rb",
            "unit": "pack",
            "is_active": "on",
            "photo": png(),
        },
    )
    product = Product.unscoped.get(enterprise=enterprise)
    assert (product.price, product.photo.name.startswith("products/")) == (35_000, True)


def test_product_photo_must_be_an_image(client, officer):
    enterprise = EnterpriseFactory()
    response = client.post(
        reverse("registry:product_create", args=[enterprise.pk]),
        {
            "name": "Kopi",
            "category": "food",
            "price": "35000",
            "unit": "pack",
            "photo": SimpleUploadedFile("kopi.png", b"not an image", content_type="image/png"),
        },
    )
    assert response.context["form"].errors["photo"]


def test_product_photo_larger_than_5_mb_is_refused(client, officer, monkeypatch):
    monkeypatch.setattr("sahabat.registry.forms.PHOTO_MAX_BYTES", 100)
    enterprise = EnterpriseFactory()
    response = client.post(
        reverse("registry:product_create", args=[enterprise.pk]),
        {"name": "Kopi", "category": "food", "price": "35000", "unit": "pack", "photo": png(size=(64, 64))},
    )
    assert response.context["form"].errors.as_data()["photo"][0].code == "photo.too_large"


def test_product_price_is_changed(client, officer):
    product = ProductFactory(price=25_000)
    client.post(
        reverse("registry:product_edit", args=[product.pk]),
        {"name": product.name, "category": "food", "price": "Rp 27.500", "unit": "box", "is_active": "on"},
    )
    product.refresh_from_db()
    assert product.price == 27_500


def test_editing_a_product_without_a_new_photo_keeps_the_photo(client, officer):
    product = ProductFactory(photo=png())
    client.post(
        reverse("registry:product_edit", args=[product.pk]),
        {"name": "Baru", "category": "food", "price": "25000", "unit": "box", "is_active": "on"},
    )
    assert Product.unscoped.get(pk=product.pk).photo.name == product.photo.name


def test_product_delete_asks_first(client, officer):
    product = ProductFactory()
    response = client.get(reverse("registry:product_delete", args=[product.pk]))
    assert (response.status_code, Product.unscoped.filter(pk=product.pk).exists()) == (200, True)


def test_product_is_deleted(client, officer):
    product = ProductFactory()
    client.post(reverse("registry:product_delete", args=[product.pk]))
    assert not Product.unscoped.filter(pk=product.pk).exists()


def test_viewer_cannot_add_a_product(client, viewer):
    enterprise = EnterpriseFactory()
    assert client.get(reverse("registry:product_create", args=[enterprise.pk])).status_code == 403


# The UMKM owner's own business


def test_owner_sees_its_own_enterprises(client, owner_login):
    EnterpriseFactory(name="Usaha orang lain")
    response = client.get(reverse("registry:my_enterprises"))
    assert [enterprise.name for enterprise in response.context["enterprises"]] == ["Prol Tape Bu Sri"]


def test_owner_opens_its_own_enterprise(client, owner_login):
    assert client.get(detail_url(owner_login)).status_code == 200


def test_owner_edits_its_own_enterprise(client, owner_login):
    client.post(
        edit_url(owner_login), enterprise_form(name="Prol Tape Bu Sri Asli", nik=owner_login.owner.nik)
    )
    assert Enterprise.unscoped.get(pk=owner_login.pk).name == "Prol Tape Bu Sri Asli"


def test_owner_adds_a_product_to_its_own_enterprise(client, owner_login):
    client.post(
        reverse("registry:product_create", args=[owner_login.pk]),
        {"name": "Prol tape keju", "category": "food", "price": "45 rb", "unit": "box", "is_active": "on"},
    )
    assert Product.unscoped.get().enterprise_id == owner_login.pk


def test_owner_cannot_open_another_enterprise(client, owner_login):
    other = EnterpriseFactory()
    assert client.get(detail_url(other)).status_code == 404


def test_owner_cannot_edit_another_enterprise(client, owner_login):
    other = EnterpriseFactory()
    assert client.post(edit_url(other), enterprise_form()).status_code == 404


def test_owner_cannot_change_a_product_of_another_enterprise(client, owner_login):
    product = ProductFactory()
    assert client.get(reverse("registry:product_edit", args=[product.pk])).status_code == 404


def test_owner_sees_my_business_in_the_menu(client, owner_login):
    labels = [item["label"] for item in client.get(reverse("registry:my_enterprises")).context["menu"]]
    assert ("Usaha saya" in labels, "Pendataan UMKM" in labels) == (True, False)


def test_admin_gives_the_owner_a_login(client, admin, jember):
    enterprise = EnterpriseFactory()
    client.post(reverse("registry:owner_grant_access", args=[enterprise.pk]), {"email": "pemilik@example.id"})
    owner = Owner.unscoped.get(pk=enterprise.owner_id)
    assert owner.user.email == "pemilik@example.id"
    assert Membership.unscoped.filter(
        user=owner.user, region=jember, role=Role.UMKM_OWNER, is_active=True
    ).exists()
    assert mail.outbox[0].to == ["pemilik@example.id"]


def test_officer_cannot_give_an_owner_a_login(client, officer):
    enterprise = EnterpriseFactory()
    response = client.post(
        reverse("registry:owner_grant_access", args=[enterprise.pk]), {"email": "pemilik@example.id"}
    )
    assert response.status_code == 403
