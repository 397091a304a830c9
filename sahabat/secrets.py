"""Secrets read from the environment, or generated once into the var/ folder for development."""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet


def read_or_create(path: Path, generate) -> str:
    """Return the secret stored at `path`, creating it (mode 0600) on first use.

    The value is written to a temporary file and hard-linked into place, so that two processes
    starting at once never read a half-written secret and both end up with the same one.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(generate())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_text().strip()


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def new_fernet_key() -> str:
    return Fernet.generate_key().decode()
