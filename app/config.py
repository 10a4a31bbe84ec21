"""Where QualityDesk keeps its data and the user's preferences."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "QualityDesk"
APP_AUTHOR = "QualityDesk"
DATA_DIR_ENV = "QUALITYDESK_DATA_DIR"
CONFIG_DIR_ENV = "QUALITYDESK_CONFIG_DIR"
DB_URL_ENV = "QUALITYDESK_DB_URL"
DB_FILENAME = "qualitydesk.sqlite3"


def resources_dir() -> Path:
    """The bundled resources folder, also inside a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir beats the environment variable, which beats the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_db_url(explicit: str | None = None) -> str | None:
    """The database URL to open, or None for the SQLite file in the data folder.

    --db-url beats the environment variable QUALITYDESK_DB_URL, which beats the URL chosen
    in this PC's preferences (Settings), which beats the data folder's file.
    """
    for candidate in (explicit, os.environ.get(DB_URL_ENV), Preferences.load().db_url):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def url_has_password(url: str) -> bool:
    """True when the URL text carries a password (user:password@host)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url.strip()).password is not None
    except Exception:  # noqa: BLE001  (not a URL: look for user:password@ by hand)
        rest = url.split("://", 1)[-1].split("@", 1)
        return len(rest) == 2 and ":" in rest[0]


def validate_this_pc(db_url: str | None, user_name: str | None) -> None:
    """ValidationError (fields db_url, user_name) for this PC's database and user name: a
    server URL must be a PostgreSQL URL without a password."""
    from app.services.validation import FieldError, ValidationError, check_length

    errors: dict[str, FieldError] = {}
    url = (db_url or "").strip()
    if url:
        from sqlalchemy.engine import make_url

        if url_has_password(url):
            errors["db_url"] = FieldError("db_url_password")
        else:
            try:
                backend = make_url(url).get_backend_name()
            except Exception:  # noqa: BLE001  (anything make_url cannot read)
                errors["db_url"] = FieldError("db_url_shape")
            else:
                if backend != "postgresql":
                    errors["db_url"] = FieldError("db_url_kind")
    if err := check_length((user_name or "").strip(), 60):
        errors["user_name"] = err
    if errors:
        raise ValidationError(errors)


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def data_file_key(db_path: Path) -> str:
    """How a data file is named in the preferences: its absolute path, case-folded on Windows."""
    return os.path.normcase(str(Path(db_path).expanduser().absolute()))


def config_dir() -> Path:
    from_env = os.environ.get(CONFIG_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


@dataclass
class Preferences:
    """Per-user choices that do not belong to a data file (language, last folders, backup folders)."""

    language: str | None = None  # None follows the system locale
    last_export_dir: str | None = None
    # the backup folder chosen on this PC, per data file (key: data_file_key); a folder shared
    # by two data files would let the rotation of one thin out the backups of the other
    backup_folders: dict[str, str] = field(default_factory=dict)
    # the database server this PC works on (a URL without password), None for the data file
    db_url: str | None = None
    # who works on this PC, written in the audit trail; None: the data file's clerk name on a
    # data file, the system login on a server
    user_name: str | None = None
    # databases whose first-run welcome page was dismissed on this PC (app/services/first_run)
    welcome_dismissed: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> Preferences:
        path = config_dir() / "preferences.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        folders = known.get("backup_folders")
        known["backup_folders"] = (
            {str(k): str(v) for k, v in folders.items() if k and v}
            if isinstance(folders, dict)
            else {}
        )
        dismissed = known.get("welcome_dismissed")
        known["welcome_dismissed"] = (
            [str(key) for key in dismissed if key] if isinstance(dismissed, list) else []
        )
        for name in ("db_url", "user_name"):
            value = known.get(name)
            known[name] = value.strip() or None if isinstance(value, str) else None
        if known["db_url"] and url_has_password(known["db_url"]):
            known["db_url"] = None  # written by hand: a password is never taken from here
        return cls(**known)

    def backup_folder_for(self, db_path: Path) -> Path | None:
        """The backup folder chosen for this data file, or None for backups/ beside it."""
        chosen = self.backup_folders.get(data_file_key(db_path))
        return Path(chosen) if chosen else None

    def set_backup_folder(self, db_path: Path, folder: Path | None) -> None:
        """Remember folder as the data file's backup folder; None goes back to the default."""
        key = data_file_key(db_path)
        if folder is None:
            self.backup_folders.pop(key, None)
        else:
            self.backup_folders[key] = str(Path(folder).expanduser().absolute())

    def save(self) -> None:
        """Write the preferences; a database URL with a password is refused (ValueError)."""
        if self.db_url and url_has_password(self.db_url):
            raise ValueError("a database password is never stored in the preferences")
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "preferences.json.tmp"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(folder / "preferences.json")
