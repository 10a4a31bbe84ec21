"""Where a data folder lives: a local disk, a network share or a removable drive.

SQLite's WAL mode keeps its index in shared memory (the -shm file), which a network file system
cannot share between computers, and a removable drive may be pulled out between the data file
and its -wal; so a data file on either gets the classic rollback journal (journal_mode=DELETE)
and the user a warning. Detection is best effort and errs towards "not local": a rollback
journal on a local disk costs only a little speed.

Windows: a UNC path (\\\\server\\share) or a drive whose GetDriveTypeW is DRIVE_REMOTE is a
network share; DRIVE_REMOVABLE (USB sticks, SD cards) and DRIVE_CDROM are removable.
Linux: the file system type of the mount holding the folder, from /proc/mounts (nfs, cifs, smb,
sshfs, any fuse.* …); a mount whose block device says removable=1 or hangs off USB in /sys is
removable. macOS: the output of `mount` (smbfs, nfs, afpfs, webdav …; a volume without the
"local" flag is remote).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.i18n import pick

LOCAL = "local"
NETWORK = "network"
REMOVABLE = "removable"

# Linux /proc/mounts file system types that are network file systems
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "sshfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "coda",
        "afpfs",
        "webdav",
    }
)
# macOS `mount` types that are remote
MAC_NETWORK_FS_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp", "osxfuse"})
REMOVABLE_FS_TYPES = frozenset({"vfat", "exfat", "msdos", "fat", "fat32", "udf", "iso9660"})
REMOVABLE_MOUNT_ROOTS = ("/media/", "/run/media/", "/Volumes/")

# GetDriveTypeW
DRIVE_REMOVABLE = 2
DRIVE_FIXED = 3
DRIVE_REMOTE = 4
DRIVE_CDROM = 5


@dataclass(frozen=True)
class StorageLocation:
    kind: str  # LOCAL, NETWORK or REMOVABLE
    detail: str = ""  # what gave it away: "nfs4 on /mnt/qa", "\\\\server\\qa", "E:\\ (removable)"

    @property
    def wal_safe(self) -> bool:
        """True when SQLite's WAL mode may be used for a data file here."""
        return self.kind == LOCAL

    def warning(self, folder: Path, lang: str | None = None) -> str:
        """What the user is told at start; empty for a local disk."""
        if self.kind == NETWORK:
            return pick(
                f"数据文件夹 {folder} 位于网络共享上({self.detail})。QualityDesk 会照常工作,"
                "但不使用 WAL 模式(网络文件系统不支持),速度会慢一些;网络中断可能损坏数据。"
                "请勿在多台电脑上同时打开它,并保持定期备份。建议把数据文件放在本机磁盘上。",
                f"The data folder {folder} is on a network share ({self.detail}). QualityDesk "
                "works, but without WAL mode (network file systems do not support it), so it is "
                "slower, and a broken connection can damage the data. Do not open it from two "
                "computers at once and keep the backups going. A local disk is the safe place "
                "for the data file.",
                lang,
            )
        if self.kind == REMOVABLE:
            return pick(
                f"数据文件夹 {folder} 位于可移动磁盘上({self.detail})。QualityDesk 不使用 WAL "
                "模式;程序运行时拔出磁盘可能损坏数据。请先退出 QualityDesk 再拔出,"
                "并保持定期备份。建议把数据文件放在本机磁盘上。",
                f"The data folder {folder} is on a removable drive ({self.detail}). QualityDesk "
                "does not use WAL mode there; pulling the drive out while the program runs can "
                "damage the data. Quit QualityDesk before removing it and keep the backups going. "
                "A local disk is the safe place for the data file.",
                lang,
            )
        return ""


# ---------------------------------------------------------------- Windows


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def classify_windows(path: str, drive_type: Callable[[str], int] | None = None) -> StorageLocation:
    """A Windows path: UNC means a share; otherwise the drive type of its drive letter."""
    text = path.replace("/", "\\")
    upper = text.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[8:]
    elif upper.startswith(("\\\\?\\", "\\\\.\\")):
        text = text[4:]
    windows_path = PureWindowsPath(text)
    if text.startswith("\\\\"):
        return StorageLocation(NETWORK, windows_path.anchor.rstrip("\\") or text)
    drive = windows_path.drive
    if not drive:
        return StorageLocation(LOCAL)
    root = drive + "\\"
    try:
        kind = (drive_type or _windows_drive_type)(root)
    except (OSError, AttributeError, ValueError):
        return StorageLocation(LOCAL)
    if kind == DRIVE_REMOTE:
        return StorageLocation(NETWORK, pick(f"{root} 网络驱动器", f"{root} network drive"))
    if kind in (DRIVE_REMOVABLE, DRIVE_CDROM):
        return StorageLocation(REMOVABLE, pick(f"{root} 可移动磁盘", f"{root} removable drive"))
    return StorageLocation(LOCAL)


# ---------------------------------------------------------------- Linux


def _unescape(field: str) -> str:
    r"""/proc/mounts writes space, tab, newline and backslash as \040, \011, \012, \134."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class Mount:
    device: str
    point: str
    fs_type: str
    options: tuple[str, ...] = ()


def parse_proc_mounts(text: str) -> list[Mount]:
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            options = tuple(fields[3].split(",")) if len(fields) > 3 else ()
            mounts.append(Mount(_unescape(fields[0]), _unescape(fields[1]), fields[2], options))
    return mounts


def _contains(point: str, path: str) -> bool:
    point_parts = PurePosixPath(point).parts
    return PurePosixPath(path).parts[: len(point_parts)] == point_parts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding path: the longest mount point that contains it (the last one wins)."""
    best: Mount | None = None
    for mount in mounts:
        if _contains(mount.point, path) and (
            best is None
            or len(PurePosixPath(mount.point).parts) >= len(PurePosixPath(best.point).parts)
        ):
            best = mount
    return best


def _block_device_removable(device: str, sys_block: Path) -> bool:
    """/dev/sdb1 → /sys/class/block/sdb1: removable=1 on the disk, or a disk on the USB bus."""
    if not device.startswith("/dev/"):
        return False
    try:
        name = Path(os.path.realpath(device)).name
        node = (sys_block / name).resolve()
    except OSError:
        return False
    if "/usb" in node.as_posix():
        return True
    for folder in (node, node.parent):
        try:
            if (folder / "removable").read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def classify_linux(
    path: str, mounts_text: str | None = None, sys_block: Path = Path("/sys/class/block")
) -> StorageLocation:
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return StorageLocation(LOCAL)
    mount = mount_of(path, parse_proc_mounts(mounts_text))
    if mount is None:
        return StorageLocation(LOCAL)
    fs_type = mount.fs_type.lower()
    detail = f"{mount.fs_type} {mount.device} → {mount.point}"
    if (
        fs_type in NETWORK_FS_TYPES
        or fs_type.startswith(("fuse.", "nfs"))
        or (fs_type == "fuse" and ":" in mount.device)
    ):
        return StorageLocation(NETWORK, detail)
    if _block_device_removable(mount.device, sys_block) or (
        fs_type in REMOVABLE_FS_TYPES and mount.point.startswith(REMOVABLE_MOUNT_ROOTS[:2])
    ):
        return StorageLocation(REMOVABLE, detail)
    return StorageLocation(LOCAL)


# ---------------------------------------------------------------- macOS


def parse_mac_mount_output(text: str) -> list[Mount]:
    """Lines like '//qa@srv/share on /Volumes/share (smbfs, nodev, nosuid, mounted by qa)'."""
    mounts = []
    for line in text.splitlines():
        if " on " not in line or not line.endswith(")") or " (" not in line:
            continue
        device, rest = line.split(" on ", 1)
        point, _, flags = rest.rpartition(" (")
        options = tuple(flag.strip() for flag in flags[:-1].split(","))
        if options:
            mounts.append(Mount(device, point, options[0], options[1:]))
    return mounts


def classify_mac(path: str, mount_output: str | None = None) -> StorageLocation:
    if mount_output is None:
        try:
            mount_output = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return StorageLocation(LOCAL)
    mount = mount_of(path, parse_mac_mount_output(mount_output))
    if mount is None:
        return StorageLocation(LOCAL)
    fs_type = mount.fs_type.lower()
    detail = f"{mount.fs_type} {mount.device} → {mount.point}"
    if fs_type in MAC_NETWORK_FS_TYPES or fs_type.startswith(("fuse", "macfuse")):
        return StorageLocation(NETWORK, detail)
    if "local" not in mount.options and fs_type not in ("devfs", "autofs"):
        return StorageLocation(NETWORK, detail)
    if fs_type in REMOVABLE_FS_TYPES and mount.point.startswith("/Volumes/"):
        return StorageLocation(REMOVABLE, detail)
    return StorageLocation(LOCAL)


# ---------------------------------------------------------------- any system


def _existing(path: Path) -> Path:
    """path, or its nearest folder that exists (a new data folder is not made yet)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    try:
        return path.resolve()
    except OSError:
        return path


def classify(folder: Path, platform: str | None = None) -> StorageLocation:
    """Where folder (a data folder, made or not yet) lives on this computer."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        raw = str(folder)
        if raw.startswith(("\\\\", "//")):
            return classify_windows(raw)
        return classify_windows(str(_existing(Path(folder))))
    if platform == "darwin":
        return classify_mac(str(_existing(Path(folder))))
    return classify_linux(str(_existing(Path(folder))))
