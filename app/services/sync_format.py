"""The sync file .qdsync: a zip with a manifest, the records and the photos, every part checked.

Layout (contract /work/notes/field_contract.md):
    manifest.json   {"format": "qualitydesk-sync", "version": 1, "kind": "laptop-export" |
                     "starter", "machine_id", "machine_code", "made_at", "files": {name: sha256}}
    records.json    the records (sync_export / sync_import decide what is inside)
    attachments/<sha256>   the bytes of each photo, named by their own hash

read() checks everything before anything is used: a zip at all and complete, no member the
manifest does not list and none missing, every checksum, the format and version, and the zip
bomb limits (sizes as the zip directory claims them, and again while unpacking). Every refusal
is a SyncFileError carrying a bilingual validation.FieldError. Nothing is written while reading.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.reports.files import write_atomically
from app.services.validation import FieldError

FORMAT = "qualitydesk-sync"
VERSION = 1
SUFFIX = ".qdsync"
KIND_EXPORT = "laptop-export"
KIND_STARTER = "starter"
KINDS = (KIND_EXPORT, KIND_STARTER)
MANIFEST = "manifest.json"
RECORDS = "records.json"
ATTACHMENTS = "attachments/"

MAX_UNPACKED_MB = 4096  # all members together, unpacked
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_RECORDS_MB = 512
MAX_MEMBERS = 50_000
MAX_RATIO = 100  # unpacked : packed, for a member of at least BIG_MEMBER bytes
BIG_MEMBER = 10 * 1024 * 1024
_CHUNK = 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")


class SyncFileError(Exception):
    """A sync file refused (or a sync that cannot be done); error says why, in both languages."""

    def __init__(self, error: FieldError):
        self.error = error
        super().__init__(error.message())

    def __str__(self) -> str:  # the current language, whenever it is shown
        return self.error.message()


def refuse(message: str, /, **params: object) -> SyncFileError:
    """The refusal with validation.MESSAGES[message], its {placeholders} filled from params."""
    return SyncFileError(FieldError(message, params))


@dataclass(frozen=True)
class Manifest:
    kind: str
    machine_id: str
    machine_code: str
    made_at: str
    files: dict[str, str]


@dataclass(frozen=True)
class SyncFile:
    """A checked sync file: its manifest, its records and where its photos are."""

    path: Path
    manifest: Manifest
    records: dict
    file_sha256: str  # of the whole file, to notice it changed between preview and apply

    def attachments(self, digests: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """(digest, bytes) of each photo, checked again against its hash, read one at a time
        from one opening of the file (reading its directory took ~4 ms an opening, 0.75 s for
        the 200 photos of a trip)."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                for digest in digests:
                    yield digest, self._checked(archive, digest)
        except (OSError, KeyError, zipfile.BadZipFile, EOFError) as exc:
            raise refuse("sync_not_zip", path=self.path.name) from exc

    def _checked(self, archive: zipfile.ZipFile, digest: str) -> bytes:
        name = ATTACHMENTS + digest
        if self.manifest.files.get(name) != digest:
            raise refuse("sync_missing_member", path=self.path.name, member=name)
        content = _read_member(archive, archive.getinfo(name), self.path.name)
        if hashlib.sha256(content).hexdigest() != digest:
            raise refuse("sync_checksum", path=self.path.name, member=name)
        return content


def now_text() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def canonical_json(value: object) -> bytes:
    """The one JSON form hashes are taken of: sorted keys, ASCII, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def content_hash(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


# ---------------------------------------------------------------- writing


def write(
    path: Path,
    *,
    kind: str,
    machine_id: str,
    machine_code: str,
    records: dict,
    attachments: dict[str, bytes],
) -> None:
    """Write a sync file all at once (never half a file). attachments: sha256 -> bytes."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    # compact: the indented form is written by Python's slow encoder (2.5 s for a starter file
    # of 5,000 customers), the compact one by its C encoder
    records_bytes = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()  # fmt: skip
    files = {RECORDS: hashlib.sha256(records_bytes).hexdigest()}
    for digest, content in sorted(attachments.items()):
        if hashlib.sha256(content).hexdigest() != digest:
            raise ValueError(f"attachment bytes do not match {digest}")
        files[ATTACHMENTS + digest] = digest
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "machine_id": machine_id,
        "machine_code": machine_code,
        "made_at": now_text(),
        "files": files,
    }

    def fill(stream: io.BufferedIOBase) -> None:
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr(RECORDS, records_bytes)
            for digest, content in sorted(attachments.items()):
                # photos are compressed already
                archive.writestr(ATTACHMENTS + digest, content, zipfile.ZIP_STORED)

    write_atomically(path, fill)


# ---------------------------------------------------------------- reading


def read(path: str | Path) -> SyncFile:
    """Open and check a sync file; SyncFileError names the first problem found."""
    path = Path(path)
    name = path.name
    try:
        file_sha = _file_sha256(path)
        with zipfile.ZipFile(path) as archive:
            members = _checked_directory(archive, name)
            if MANIFEST not in members:
                raise refuse("sync_missing_member", path=name, member=MANIFEST)
            manifest = _manifest(_read_member(archive, members[MANIFEST], name), name)
            listed = set(manifest.files)
            present = set(members) - {MANIFEST}
            for member in sorted(listed - present):
                raise refuse("sync_missing_member", path=name, member=member)
            for member in sorted(present - listed):
                raise refuse("sync_unexpected_member", path=name, member=member)
            records_bytes = b""
            for member, info in members.items():
                if member == MANIFEST:
                    continue
                if member == RECORDS:
                    records_bytes = _read_member(archive, info, name)
                    digest = hashlib.sha256(records_bytes).hexdigest()
                else:
                    digest = _member_sha256(archive, info, name)
                if digest != manifest.files[member]:
                    raise refuse("sync_checksum", path=name, member=member)
    except FileNotFoundError as exc:
        raise refuse("file_not_found", path=path) from exc
    except SyncFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        # not a zip, cut short, or a member whose bytes fail the zip's own CRC
        raise refuse("sync_not_zip", path=name) from exc
    try:
        records = json.loads(records_bytes)
    except ValueError as exc:
        raise refuse("sync_malformed", path=name, reason=RECORDS) from exc
    if not isinstance(records, dict):
        raise refuse("sync_malformed", path=name, reason=RECORDS)
    return SyncFile(path, manifest, records, file_sha)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _checked_directory(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """The members by name, once the zip directory passed the limits and the naming rules."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse("sync_too_many_members", path=name, count=len(infos), max=MAX_MEMBERS)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        size = -(-unpacked // (1024 * 1024))
        raise refuse("sync_unpacks_too_big", path=name, size=size, max=MAX_UNPACKED_MB)
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        member = info.filename
        allowed = member in (MANIFEST, RECORDS) or (
            member.startswith(ATTACHMENTS) and _SHA.match(member[len(ATTACHMENTS) :])
        )
        if not allowed or member in members or info.flag_bits & 0x1:
            raise refuse("sync_unexpected_member", path=name, member=member[:80])
        big = info.file_size >= BIG_MEMBER
        if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise refuse("sync_packed_too_tight", path=name, member=member, ratio=ratio, max=MAX_RATIO)  # fmt: skip
        members[member] = info
    limits = {MANIFEST: MAX_MANIFEST_BYTES, RECORDS: MAX_RECORDS_MB * 1024 * 1024}
    for member, limit in limits.items():
        if member in members and members[member].file_size > limit:
            size = -(-members[member].file_size // (1024 * 1024))
            raise refuse("sync_unpacks_too_big", path=name, size=size, max=limit // (1024 * 1024))
    return members


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A member's bytes in chunks, never more than its directory entry claims."""
    seen = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            seen += len(chunk)
            if seen > info.file_size:
                raise refuse("sync_not_zip", path=name)
            yield chunk


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    return b"".join(_chunks(archive, info, name))


def _member_sha256(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> str:
    digest = hashlib.sha256()
    for chunk in _chunks(archive, info, name):
        digest.update(chunk)
    return digest.hexdigest()


def _manifest(content: bytes, name: str) -> Manifest:
    try:
        raw = json.loads(content)
    except ValueError as exc:
        raise refuse("sync_foreign", path=name, format="?") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        shown = raw.get("format") if isinstance(raw, dict) else None
        raise refuse("sync_foreign", path=name, format=str(shown or "?")[:40])
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse("sync_foreign", path=name, format=f"{FORMAT} {str(version)[:10]}")
    if version > VERSION:
        raise refuse("sync_newer", path=name, version=version, supported=VERSION)
    files = raw.get("files")
    kind = raw.get("kind")
    machine_id = raw.get("machine_id")
    if (
        kind not in KINDS
        or not isinstance(machine_id, str)
        or not machine_id
        or not isinstance(raw.get("machine_code", ""), str)
        or not isinstance(files, dict)
        or RECORDS not in files
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
    ):
        raise refuse("sync_malformed", path=name, reason=MANIFEST)
    return Manifest(
        kind, machine_id, raw.get("machine_code", ""), str(raw.get("made_at", "")), files
    )
