"""Where a data folder lives (local, network share, removable drive) and the journal mode it gets."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.config import database_path
from app.db import open_database
from app.services import storage_location
from app.services.storage_location import (
    DRIVE_CDROM,
    DRIVE_FIXED,
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    LOCAL,
    NETWORK,
    REMOVABLE,
    StorageLocation,
    classify_linux,
    classify_mac,
    classify_windows,
)

PROC_MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//fileserver/qa /mnt/qa cifs rw,relatime,vers=3.1.1,username=qa 0 0
fileserver:/export/quality /srv/quality nfs4 rw,relatime,vers=4.2 0 0
qa@fileserver:/home/qa /home/li/remote fuse.sshfs rw,nosuid,nodev,user_id=1000 0 0
/dev/nvme0n1p3 /home ext4 rw,relatime 0 0
/dev/sdb1 /media/li/U\\040DISK vfat rw,nosuid,nodev,uid=1000 0 0
/dev/sdc1 /data/usb-disk ext4 rw,relatime 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0
"""


def fake_sysfs(root: Path, removable: dict[str, str], usb: set[str] = frozenset()) -> Path:
    """/sys/class/block/<part> → …/block/<disk>/<part>, with the disk's removable flag."""
    devices = root / "devices"
    block = root / "class" / "block"
    block.mkdir(parents=True)
    for disk, flag in removable.items():
        bus = "usb1/1-1" if disk in usb else "pci0000:00/ata1"
        disk_dir = devices / bus / "block" / disk
        (disk_dir / f"{disk}1").mkdir(parents=True)
        (disk_dir / "removable").write_text(flag + "\n")
        (disk_dir / f"{disk}1" / "partition").write_text("1\n")
        (block / f"{disk}1").symlink_to(disk_dir / f"{disk}1")
    return block


@pytest.fixture
def sys_block(tmp_path):
    return fake_sysfs(tmp_path / "sys", {"nvme0n1": "0", "sdb": "1", "sdc": "0"}, usb={"sdc"})


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/li/.local/share/QualityDesk", LOCAL),
        ("/opt/qualitydesk", LOCAL),
        ("/tmp/x", LOCAL),
        ("/mnt/qa/QualityDesk", NETWORK),
        ("/mnt/qa", NETWORK),
        ("/srv/quality/data", NETWORK),
        ("/home/li/remote/qd", NETWORK),
        ("/run/user/1000/gvfs/smb-share:server=fs,share=qa/qd", NETWORK),
        ("/media/li/U DISK/QualityDesk", REMOVABLE),
        ("/data/usb-disk/qd", REMOVABLE),  # ext4 on a USB hard disk: found through /sys
        ("/mnt/qaa", LOCAL),  # a name that merely starts like a mount point
    ],
)
def test_linux_mount_table(path, kind, sys_block):
    assert classify_linux(path, PROC_MOUNTS, sys_block).kind == kind


def test_linux_names_what_gave_it_away(sys_block):
    found = classify_linux("/mnt/qa/QualityDesk", PROC_MOUNTS, sys_block)
    assert "cifs" in found.detail and "/mnt/qa" in found.detail
    assert not found.wal_safe and classify_linux("/home/li", PROC_MOUNTS, sys_block).wal_safe


def test_linux_a_later_mount_over_the_same_point_wins(sys_block):
    table = PROC_MOUNTS + "server:/q /home/li nfs rw 0 0\n"
    assert classify_linux("/home/li/data", table, sys_block).kind == NETWORK


def test_linux_without_a_mount_table_assumes_local(tmp_path):
    assert classify_linux("/x", "", tmp_path).kind == LOCAL


@pytest.mark.parametrize(
    ("path", "drives", "kind"),
    [
        (r"\\fileserver\qa\QualityDesk", {}, NETWORK),
        (r"\\?\UNC\fileserver\qa\QualityDesk", {}, NETWORK),
        ("//fileserver/qa/QualityDesk", {}, NETWORK),
        (r"Z:\QualityDesk", {"Z:\\": DRIVE_REMOTE}, NETWORK),
        (r"E:\QualityDesk", {"E:\\": DRIVE_REMOVABLE}, REMOVABLE),
        (r"D:\QualityDesk", {"D:\\": DRIVE_CDROM}, REMOVABLE),
        (r"C:\Users\li\AppData\Local\QualityDesk", {"C:\\": DRIVE_FIXED}, LOCAL),
        (r"\\?\C:\Users\li", {"C:\\": DRIVE_FIXED}, LOCAL),
        (r"\\?\Z:\QualityDesk", {"Z:\\": DRIVE_REMOTE}, NETWORK),
    ],
)
def test_windows_unc_paths_and_drive_types(path, drives, kind):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drives[root]

    assert classify_windows(path, drive_type).kind == kind
    assert asked == list(drives)  # a UNC path needs no drive type; a drive letter is asked once


def test_windows_names_the_share():
    assert classify_windows(r"\\fileserver\qa\QualityDesk", lambda _r: 0).detail.startswith(
        r"\\fileserver\qa"
    )


MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//qa@fileserver/quality on /Volumes/quality (smbfs, nodev, nosuid, mounted by li)
fileserver:/export on /Volumes/export (nfs, asynchronous)
/dev/disk4s1 on /Volumes/U DISK (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/System/Volumes/Data/Users/li/Library/Application Support/QualityDesk", LOCAL),
        ("/Volumes/quality/QualityDesk", NETWORK),
        ("/Volumes/export", NETWORK),
        ("/Volumes/U DISK/QualityDesk", REMOVABLE),
    ],
)
def test_mac_mount_output(path, kind):
    assert classify_mac(path, MAC_MOUNT).kind == kind


def test_classify_looks_at_the_nearest_existing_folder(monkeypatch, tmp_path):
    seen: list[str] = []
    monkeypatch.setattr(
        storage_location,
        "classify_linux",
        lambda path: seen.append(path) or StorageLocation(LOCAL),
    )
    storage_location.classify(tmp_path / "not" / "made" / "yet", platform="linux")
    assert seen == [str(tmp_path.resolve())]


def test_warnings_say_what_and_why():
    network = StorageLocation(NETWORK, "cifs //fs/qa → /mnt/qa").warning(Path("/mnt/qa"), "en")
    assert "/mnt/qa" in network and "network share" in network and "WAL" in network
    removable = StorageLocation(REMOVABLE, "E:\\").warning(Path("E:/qd"), "zh_CN")
    assert "可移动磁盘" in removable and "WAL" in removable
    assert StorageLocation(LOCAL).warning(Path("/x")) == ""


def _journal_mode(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_data_folder_on_a_share_gets_the_rollback_journal(monkeypatch, tmp_path):
    data = tmp_path / "data"
    # the same folder first on a local disk (WAL), then found on a network share
    engine = open_database(data)
    engine.dispose()
    assert _journal_mode(database_path(data)) == "wal"
    monkeypatch.setattr(
        storage_location, "classify", lambda _folder: StorageLocation(NETWORK, "nfs4")
    )
    engine = open_database(data)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        engine.dispose()
    assert _journal_mode(database_path(data)) == "delete"
    assert not (data / "qualitydesk.sqlite3-wal").exists()


def test_the_choice_can_be_given(tmp_path):
    engine = open_database(tmp_path / "data", wal=False)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        engine.dispose()
