"""The main window's size and place: inside the screen's free area, its window frame included.

    window = MainWindow(...)
    show_fitted(window)      # instead of window.resize(...) + window.show()

The app is made for 1366×768 and 1280×720 laptop screens. A window asked for
1280×768 on such a screen is taller than the screen once the window manager
adds its title bar, and its status bar (with "Lock (Ctrl+L)") ends up below
the screen's edge. So the window takes the screen's *available* geometry
(without the task bar or panels, ``QScreen.availableGeometry``) less its frame:
before it is shown the frame is not known yet and a typical one is assumed;
once the window manager has framed it (``frameGeometry`` differs from
``geometry``) the window is fitted again with the real frame.

:func:`fitted_geometry` is the arithmetic, kept apart so that tests can ask
for the window of any screen size without one.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)  # enough for every screen; larger screens leave room around it
TYPICAL_FRAME = QMargins(4, 30, 4, 4)  # a title bar and thin borders, until the real one is known
REFIT_TRIES = 20  # after show: look for the real frame this many times,
REFIT_INTERVAL_MS = 50  # this often (the window manager frames the window asynchronously)


def fitted_geometry(available: QRect, frame: QMargins, preferred: QSize = PREFERRED) -> QRect:
    """The window's client geometry so that, with ``frame`` around it, it lies inside ``available``.

    >>> fitted_geometry(QRect(0, 0, 1366, 768), QMargins(1, 28, 1, 1))
    PySide6.QtCore.QRect(43, 28, 1280, 739)

    The window is at most ``preferred``, centred in the free area.
    """
    room_width = available.width() - frame.left() - frame.right()
    room_height = available.height() - frame.top() - frame.bottom()
    width = max(1, min(preferred.width(), room_width))
    height = max(1, min(preferred.height(), room_height))
    x = available.x() + frame.left() + max(0, (room_width - width) // 2)
    y = available.y() + frame.top() + max(0, (room_height - height) // 2)
    return QRect(x, y, width, height)


def frame_of(window: QWidget) -> QMargins | None:
    """The window manager's frame around ``window``, or None while it is not known (or there is none)."""
    outer, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                       outer.right() - inner.right(), outer.bottom() - inner.bottom())
    return None if margins.isNull() else margins


def available_area(window: QWidget) -> QRect | None:
    """The free area (no task bar) of the screen ``window`` is on, else of the primary screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit(window: QWidget) -> None:
    """Size and place ``window`` inside its screen's free area, frame included."""
    area = available_area(window)
    if area is not None:
        window.setGeometry(fitted_geometry(area, frame_of(window) or TYPICAL_FRAME))


def show_fitted(window: QWidget) -> None:
    """Show ``window`` fitted to its screen, and fit it again once its real frame is known."""
    fit(window)
    window.show()
    tries = [REFIT_TRIES]

    def refit() -> None:
        frame = frame_of(window)
        if frame is not None:
            if frame != TYPICAL_FRAME:
                fit(window)
            return
        tries[0] -= 1
        if tries[0] > 0:  # no frame yet (or a platform without one, such as offscreen): look again
            QTimer.singleShot(REFIT_INTERVAL_MS, window, refit)

    QTimer.singleShot(0, window, refit)
