"""Uploaded files: one check of size and real type for every app, and generated names on disk.

A file is what its first bytes say, whatever its name or the browser's content type claim. It is
stored under a generated name with the suffix of the type it really is, so a user-chosen name never
reaches the file system and an "evil.html" that starts like a PDF is kept, and later served, as .pdf.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from sahabat.core.errors import DomainError

MEGABYTE = 1024 * 1024
DOCUMENT_MAX_BYTES = 20 * MEGABYTE
PHOTO_MAX_BYTES = 5 * MEGABYTE
# A photo of more pixels than this is refused before it is decoded (a "decompression bomb": a few
# kilobytes of PNG that unpack to gigabytes); 40 megapixels is more than any phone camera takes.
PHOTO_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class FileKind:
    label: str
    suffix: str
    # The file starts with one of these (or, for RIFF containers, has the form at offset 8).
    signatures: tuple[bytes, ...]
    form: bytes = b""
    # The name Pillow gives the format, for kinds that are images.
    image_format: str = ""

    def matches(self, head: bytes) -> bool:
        return head.startswith(self.signatures) and (not self.form or head[8:12] == self.form)


# ISO 32000-1 7.5.2; ISO/IEC 10918-1; ISO/IEC 15948; RIFF "WEBP" (RFC 9649).
PDF = FileKind("PDF", ".pdf", (b"%PDF-",))
JPEG = FileKind("JPEG", ".jpg", (b"\xff\xd8\xff",), image_format="JPEG")
PNG = FileKind("PNG", ".png", (b"\x89PNG\r\n\x1a\n",), image_format="PNG")
WEBP = FileKind("WebP", ".webp", (b"RIFF",), form=b"WEBP", image_format="WEBP")
DOCUMENTS = (PDF,)
PHOTOS = (JPEG, PNG, WEBP)
EVIDENCE = (PDF, JPEG, PNG)

# The only suffixes a stored upload keeps: the kinds above and the import formats (.xlsx, .csv).
STORED_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".webp", ".xlsx", ".csv", ".txt"}


def _image_ok(file, kind: FileKind) -> bool:
    """Pillow agrees the file is an image of this kind, and not one too large to decode safely."""
    file.seek(0)
    try:
        with Image.open(file) as picture:
            width, height = picture.size
            picture.verify()
            return picture.format == kind.image_format and width * height <= PHOTO_MAX_PIXELS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        file.seek(0)


def check_upload(file, *, kinds: tuple[FileKind, ...], max_bytes: int, field: str, code: str) -> FileKind:
    """Refuse a missing, empty, too large or wrongly typed upload; rename it to its real type's suffix.

    Errors are DomainErrors on `field` with the codes `<code>.required`, `<code>.empty`,
    `<code>.too_large` and `<code>.wrong_type`. Returns the kind found; `file.name` becomes
    "upload<suffix>" (the caller keeps the original name beforehand if it wants it as a title).
    """
    if file is None:
        raise DomainError(f"{code}.required", _("Choose a file."), field=field)
    if not file.size:
        raise DomainError(f"{code}.empty", _("The file is empty."), field=field)
    if file.size > max_bytes:
        raise DomainError(
            f"{code}.too_large",
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)},
            field=field,
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = next((kind for kind in kinds if kind.matches(head)), None)
    if kind is None or (kind.image_format and not _image_ok(file, kind)):
        raise DomainError(
            f"{code}.wrong_type",
            _("Accepted file types: %(kinds)s. This file is none of them.")
            % {"kinds": ", ".join(kind.label for kind in kinds)},
            field=field,
        )
    file.name = f"upload{kind.suffix}"
    return kind


def clean_upload(file, *, kinds: tuple[FileKind, ...], max_bytes: int, code: str):
    """The same check for a form's `clean_<field>`: a new upload is checked, anything else passes through."""
    if not isinstance(file, UploadedFile):
        return file
    try:
        check_upload(file, kinds=kinds, max_bytes=max_bytes, field="", code=code)
    except DomainError as error:
        raise ValidationError(str(error.errors[0].message), code=error.errors[0].code) from None
    return file


@deconstructible
class GeneratedName:
    """`upload_to` of every FileField: folder/YYYY/MM/<random hex><suffix>; unknown suffixes become .bin."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if suffix not in STORED_SUFFIXES:
            suffix = ".bin"
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder
