"""Run slow work (exports, imports, big queries) off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

# Background work mostly waits on SQLite and the disk, with Python's lock released: on a two-core
# PC Qt's default of one thread a core let one long export and one backup hold back every
# list's load until either ended
LEAST_BACKGROUND_THREADS = 4


def background_pool() -> QThreadPool:
    """Qt's shared thread pool, with room for the lists' loads beside long work."""
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < LEAST_BACKGROUND_THREADS:
        pool.setMaxThreadCount(LEAST_BACKGROUND_THREADS)
    return pool


class Progress:
    """Handed to the worker: report(done, total) and cancelled(); safe to call from the worker."""

    def __init__(self, signal: Signal) -> None:
        self._signal = signal
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._signal.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Worker(QRunnable):
    def __init__(
        self,
        work: Callable[[Progress], Any],
        signals: _Signals,
        progress: Progress,
        ended: threading.Event,
    ) -> None:
        super().__init__()
        self._work, self._signals, self._progress = work, signals, progress
        self._ended = ended  # set once run() no longer touches the signals object

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # noqa: BLE001  (every failure must reach the user)
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)
        finally:
            self._ended.set()


class BackgroundOp(QObject):
    """One piece of background work; callbacks run on the GUI thread."""

    _running: set[BackgroundOp] = set()  # keeps ops alive until they finish

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        label: str | None = None,
    ) -> None:
        # deleted by Qt (deleteLater), never by Python's reference count: an op without a widget
        # was freed by its last reference inside Qt's event handling and crashed the app
        super().__init__(parent if parent is not None else QCoreApplication.instance())
        # no parent: a widget closed while the work runs takes the op along, not the object
        # the worker still emits on
        self._signals = _Signals()
        self.progress = Progress(self._signals.progressed)
        self._on_success, self._on_failure = on_success, on_failure
        self._dialog: QProgressDialog | None = None
        if label is not None:
            dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.progress.cancel)
            self._dialog = dialog
        self._signals.progressed.connect(self._show_progress)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self._worker_ended = threading.Event()
        self._worker = _Worker(work, self._signals, self.progress, self._worker_ended)
        self.done = False

    def start(self) -> BackgroundOp:
        BackgroundOp._running.add(self)
        background_pool().start(self._worker)
        return self

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)

    def _finish(self) -> None:
        self.done = True
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self._release()

    def _release(self) -> None:
        """Deleted by Qt once the worker has left its last emit (run() is past it at once)."""
        if not self._worker_ended.is_set():
            QTimer.singleShot(1, self._release)
            return
        BackgroundOp._running.discard(self)
        self._signals.deleteLater()
        self.deleteLater()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._finish()
        self._on_success(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        self._on_failure(error)


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    label: str | None = None,
) -> BackgroundOp:
    """Start work on the thread pool; with a label, a progress dialog with Cancel is shown."""
    return BackgroundOp(parent, work, on_success, on_failure, label).start()
