"""Long jobs (reading a sheet, writing an import, making a backup) run on a QThreadPool so the window
stays responsive; their result comes back to the GUI thread through Qt signals.

    flag = CancelFlag()
    run_in_background(
        self,
        lambda report: read_roster_file(path, progress=report, cancel=flag),
        on_success=self.show_preview,      # called in the GUI thread with fn's return value
        on_failure=self.show_error,        # called in the GUI thread with the exception
        progress=self.progress_bar_update, # optional: called in the GUI thread with (done, total)
    )

``fn`` is called with no argument, or with one ``report(done, total)`` callable when ``progress`` is
given; ``report`` may be called from the worker as often as it likes (updates are thinned out).
Every exception raised by ``fn`` reaches ``on_failure``: nothing is swallowed and the caller is always
called back exactly once, unless ``parent`` was destroyed in the meantime (then nobody is left to tell).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
_PROGRESS_INTERVAL = 0.05  # seconds between two progress updates sent to the GUI thread


class CancelFlag:
    """Set in the GUI thread, read in the worker. Pass it as a service's ``cancel=`` argument: calling it
    answers "has the user asked to stop?"."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def is_cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()


class BackgroundTask(QObject):
    """Lives in the GUI thread; the worker emits its signals, so its slots run in the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(
        self,
        parent: QObject | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        progress: ProgressCallback | None,
    ) -> None:
        super().__init__(parent)
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure: Callable[[BaseException], None] | None = on_failure
        self._progress = progress
        self._done = threading.Event()
        self._finished = False
        self._last_report = 0.0
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.progressed.connect(self._deliver_progress)

    @property
    def done(self) -> bool:
        """True once the worker has finished (its result may still be on its way to the GUI thread)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker has finished; True if it did within ``timeout`` seconds."""
        return self._done.wait(timeout)

    # --- worker thread -------------------------------------------------------------------------

    def report(self, done: int, total: int) -> None:
        """Thread-safe progress report; updates closer together than 50 ms are dropped, except the last."""
        now = time.monotonic()
        if done < total and now - self._last_report < _PROGRESS_INTERVAL:
            return
        self._last_report = now
        _emit(self.progressed, int(done), int(total))

    # --- GUI thread ------------------------------------------------------------------------------

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        callback = self._on_success
        self._finish()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        callback = self._on_failure
        self._finish()
        if callback is not None:
            callback(error)  # type: ignore[arg-type]

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._progress is not None and not self._finished:
            self._progress(done, total)

    def _finish(self) -> None:
        self._finished = True
        self._on_success = self._on_failure = self._progress = None
        QTimer.singleShot(0, _forget_finished_jobs)


class _Job:
    """Everything a background job needs. The GUI thread holds it until the worker has let go of it,
    so that no Qt object (nor a widget reached through a callback) is ever freed in the worker thread."""

    def __init__(self, task: BackgroundTask, fn: Callable[..., Any], with_progress: bool) -> None:
        self.task = task
        self.fn: Callable[..., Any] | None = fn
        self.with_progress = with_progress
        self.released = threading.Event()


# Jobs not yet forgotten; only the GUI thread adds and removes.
_jobs: set[_Job] = set()


def _forget_finished_jobs() -> None:
    """Drop (in the GUI thread) the jobs the worker has let go of and whose result was delivered or
    whose window is gone."""
    waiting = False
    for job in list(_jobs):
        if not job.released.is_set():
            continue
        task = job.task
        alive = shiboken6.isValid(task)
        if alive and not task._finished:
            waiting = True  # the result is still on its way
            continue
        _jobs.discard(job)
        if alive:
            task.deleteLater()
    if waiting:
        QTimer.singleShot(20, _forget_finished_jobs)


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._job: _Job | None = job

    def run(self) -> None:
        job = self._job
        self._job = None
        assert job is not None
        fn, job.fn = job.fn, None
        assert fn is not None
        task = job.task
        try:
            result = fn(task.report) if job.with_progress else fn()
        except BaseException as error:  # every failure goes to on_failure, none is lost
            log.debug("background task failed", exc_info=True)
            task._done.set()
            _emit(task.failed, error)
            del error
        else:
            task._done.set()
            _emit(task.succeeded, result)
            del result
        # Let go of everything before saying so: from then on only the GUI thread holds the job.
        released = job.released
        del fn, task, job
        released.set()


def _emit(signal: Any, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:  # the window that asked for the job was closed and deleted: nobody to tell
        log.debug("background task outlived its window", exc_info=True)


def thread_pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def run_in_background(
    parent: QObject | None,
    fn: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    progress: ProgressCallback | None = None,
) -> BackgroundTask:
    """Run ``fn`` on the thread pool; see the module docstring. Must be called from the GUI thread."""
    _forget_finished_jobs()
    task = BackgroundTask(parent, on_success, on_failure, progress)
    job = _Job(task, fn, progress is not None)
    _jobs.add(job)
    thread_pool().start(_Runnable(job))
    return task
