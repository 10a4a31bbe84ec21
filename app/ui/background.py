"""Run slow work (exports, imports, big queries) off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


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
        self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress
    ) -> None:
        super().__init__()
        self._work, self._signals, self._progress = work, signals, progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # noqa: BLE001  (every failure must reach the user)
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)


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
        super().__init__(parent)
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
        self._worker = _Worker(work, self._signals, self.progress)
        self.done = False

    def start(self) -> BackgroundOp:
        BackgroundOp._running.add(self)
        QThreadPool.globalInstance().start(self._worker)
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
        BackgroundOp._running.discard(self)

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
