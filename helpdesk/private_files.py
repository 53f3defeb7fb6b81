"""Files the desk writes for people (exports, reports, handovers): owner-only, whole or absent.

The file is written under a temporary name that only its owner can read (``mkstemp``
creates it 0600 whatever the umask), then renamed into place. A crash or a refusal half
way leaves no partial file, and at no moment can another account read the data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import InputError

OWNER_ONLY = 0o600


class PrivateFile:
    """A file being written; ``commit`` puts it in place (done on leaving the block if not yet)."""

    def __init__(self, path: Path, handle: TextIO, temporary: Path) -> None:
        self.path = path
        self.handle = handle
        self._temporary = temporary
        self.committed = False

    def write(self, text: str) -> None:
        self.handle.write(text)

    def commit(self) -> None:
        if self.committed:
            return
        self.handle.close()
        os.chmod(self._temporary, OWNER_ONLY)
        os.replace(self._temporary, self.path)
        self.committed = True

    def withdraw(self) -> None:
        """Remove the file again (the change it belonged to was not recorded)."""
        if self.committed:
            self.path.unlink(missing_ok=True)
            self.committed = False


@contextmanager
def private_output(path: Path, *, overwrite: bool = False) -> Iterator[PrivateFile]:
    """Write ``path`` readable by its owner only; nothing is left behind if the block fails."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent} is not a directory")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a file name")
    if path.exists() and not overwrite:
        raise InputError(f"{path} already exists; choose another name or pass --force")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                                 suffix=".part")
    except OSError as error:
        raise InputError(f"cannot write in {path.parent}: {error.strerror}") from None
    handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
    output = PrivateFile(path, handle, Path(temporary))
    try:
        yield output
        output.commit()
    except BaseException:
        handle.close()
        Path(temporary).unlink(missing_ok=True)
        output.withdraw()  # committed inside the block, then the block failed: not whole
        raise
