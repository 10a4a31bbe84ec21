"""Shared fixtures. Qt must be told to run offscreen before it is imported anywhere."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keep the developer's own preferences and data out of the tests
os.environ["QUALITYDESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="qd-config-")
os.environ.pop("QUALITYDESK_DATA_DIR", None)

import pytest  # noqa: E402

from app.db import open_database  # noqa: E402
from app.i18n import set_language  # noqa: E402


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def engine(data_dir):
    eng = open_database(data_dir)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _chinese_texts():
    """Texts made outside Qt default to Chinese, as on the clerk's PC."""
    set_language("zh_CN")
    yield
    set_language("zh_CN")
