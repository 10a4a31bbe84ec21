"""Writing export files safely: all or nothing, so a failed export never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class ExportCancelled(Exception):
    """The user cancelled a running export; no file was written."""


def write_atomically(
    path: str | os.PathLike[str], content: bytes | Callable[[BinaryIO], None]
) -> None:
    """Write bytes (or let `content` write into a binary stream) to path, replacing it at once.

    The data goes to a temporary file in the same folder, which then replaces the target with
    `os.replace`; on any error (or ExportCancelled) the temporary file is removed and an existing
    file at `path` is left as it was.
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(content, bytes | bytearray | memoryview):
                stream.write(content)
            else:
                content(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); keep the old file's mode, else a usual 0644
        _copy_mode(target, tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _copy_mode(target: Path, tmp_name: str) -> None:
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)
