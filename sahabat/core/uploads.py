"""Uploaded files get generated names, so a user-chosen file name never reaches the file system."""

import uuid
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder
