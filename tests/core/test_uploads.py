"""The one upload check (size and real type) and the generated names files are stored under."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from sahabat.core import uploads
from sahabat.core.errors import DomainError

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _image(kind: str, size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, kind)
    return buffer.getvalue()


def _check(content: bytes, name: str = "berkas", *, kinds=uploads.EVIDENCE, max_bytes=1024 * 1024):
    file = SimpleUploadedFile(name, content)
    kind = uploads.check_upload(file, kinds=kinds, max_bytes=max_bytes, field="file", code="document")
    return kind, file


def _refusal(content: bytes, name: str = "berkas", **options) -> str:
    with pytest.raises(DomainError) as error:
        _check(content, name, **options)
    assert error.value.errors[0].field == "file"
    return error.value.errors[0].code


@pytest.mark.parametrize(
    ("content", "kinds", "label"),
    [
        (PDF, uploads.DOCUMENTS, "PDF"),
        (_image("JPEG"), uploads.PHOTOS, "JPEG"),
        (_image("PNG"), uploads.PHOTOS, "PNG"),
        (_image("WEBP"), uploads.PHOTOS, "WebP"),
    ],
)
def test_a_file_is_recognised_by_its_first_bytes(content, kinds, label):
    assert _check(content, kinds=kinds)[0].label == label


def test_the_file_is_renamed_to_the_suffix_of_what_it_really_is():
    assert _check(PDF, "laporan.html")[1].name == "upload.pdf"


def test_a_file_over_the_limit_is_refused():
    assert _refusal(PDF + b"\0" * 100, max_bytes=len(PDF)) == "document.too_large"


def test_the_size_message_names_the_limit_the_indonesian_way():
    with pytest.raises(DomainError) as error:
        _check(PDF + b"\0" * 1024 * 1024, max_bytes=1024 * 1024)
    assert str(error.value.errors[0].message) == "Berkas lebih besar dari 1,0\xa0MB."


def test_an_empty_file_is_refused():
    assert _refusal(b"") == "document.empty"


def test_no_file_is_refused():
    with pytest.raises(DomainError) as error:
        uploads.check_upload(None, kinds=uploads.DOCUMENTS, max_bytes=10, field="file", code="document")
    assert error.value.errors[0].code == "document.required"


def test_html_named_pdf_is_refused():
    assert _refusal(b"<!doctype html><script>alert(1)</script>", "laporan.pdf") == "document.wrong_type"


def test_a_pdf_is_not_a_photo():
    assert _refusal(PDF, "foto.jpg", kinds=uploads.PHOTOS) == "document.wrong_type"


def test_a_jpeg_signature_on_garbage_is_not_a_photo():
    assert (
        _refusal(b"\xff\xd8\xff\xe0" + b"<html>" * 50, "foto.jpg", kinds=uploads.PHOTOS)
        == "document.wrong_type"
    )


def test_a_riff_file_that_is_not_webp_is_refused():
    wave = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\0" * 40
    assert _refusal(wave, "foto.webp", kinds=uploads.PHOTOS) == "document.wrong_type"


def test_a_photo_of_too_many_pixels_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_PIXELS", 15)
    assert _refusal(_image("PNG", size=(4, 4)), kinds=uploads.PHOTOS) == "document.wrong_type"


def test_the_wrong_type_message_lists_what_is_accepted():
    with pytest.raises(DomainError) as error:
        _check(b"MZ\x90\x00", kinds=uploads.EVIDENCE)
    assert "PDF, JPEG, PNG" in str(error.value.errors[0].message)


def test_the_file_can_be_read_from_the_start_after_the_check():
    _kind, file = _check(PDF)
    assert file.read() == PDF


@given(st.binary(max_size=64))
def test_arbitrary_bytes_are_refused_with_a_domain_error_unless_they_start_like_a_pdf(content):
    file = SimpleUploadedFile("x", content)
    try:
        kind = uploads.check_upload(
            file, kinds=uploads.EVIDENCE, max_bytes=1024, field="file", code="document"
        )
    except DomainError as error:
        assert error.errors[0].code in {"document.empty", "document.wrong_type"}
    else:
        assert kind is uploads.PDF and content.startswith(b"%PDF-")


def test_a_form_gets_the_same_check_as_a_validation_error():
    with pytest.raises(ValidationError) as error:
        uploads.clean_upload(
            SimpleUploadedFile("foto.png", PDF), kinds=uploads.PHOTOS, max_bytes=1024, code="photo"
        )
    assert error.value.code == "photo.wrong_type"


@pytest.mark.parametrize("value", [None, False, "products/2026/11/abc.png"])
def test_a_form_value_that_is_not_a_new_upload_passes_through(value):
    assert uploads.clean_upload(value, kinds=uploads.PHOTOS, max_bytes=1024, code="photo") == value


def test_a_generated_name_keeps_nothing_of_the_users_name():
    name = uploads.GeneratedName("evidence")(None, "Laporan Jalan Rusak.pdf")
    assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)


@pytest.mark.parametrize("filename", ["x.html", "x.svg", "x.php", "x.js", "x", "x.PDF.exe"])
def test_a_generated_name_never_keeps_a_suffix_a_browser_could_run(filename):
    assert uploads.GeneratedName("evidence")(None, filename).endswith(".bin")
