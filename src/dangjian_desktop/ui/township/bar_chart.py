"""A bar chart painted with QPainter (PySide6-Essentials has no QtCharts): a group of bars per branch,
one bar per series, the value axis from 0 with a few round steps, the branch names under the groups
(turned when many), and a legend. It draws a ``domain.township.Chart``, as the PDF's chart does."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dangjian_desktop.domain.township import Chart

COLOURS = (QColor(184, 28, 28), QColor(217, 158, 51), QColor(90, 90, 90))


def nice_step(highest: float, steps: int = 4) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that covers ``highest`` in about ``steps`` steps."""
    if highest <= 0:
        return 1.0
    raw = highest / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 260)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setToolTip(chart.title)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if self.chart is not None:
            self._draw(painter, self.chart)
        painter.end()

    def _draw(self, painter: QPainter, chart: Chart) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        title = chart.title + (f"（{chart.unit}）" if chart.unit else "")
        painter.drawText(QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignCenter, title)
        self._legend(painter, chart, 4 + line)
        many = len(chart.categories) > 8
        widest = max((metrics.horizontalAdvance(name) for name in chart.categories), default=0)
        below = min(widest * 0.8 + line, self.height() / 3) if many else line + 6
        axis_room = metrics.horizontalAdvance("00000") + 8
        plot = QRectF(
            axis_room, 2 * line + 14, self.width() - axis_room - 12, self.height() - 2 * line - 20 - below
        )
        if plot.height() < 20 or plot.width() < 20:
            return
        highest = max((v for _name, values in chart.series for v in values), default=0.0)
        step = nice_step(highest)
        if all(v == int(v) for _name, values in chart.series for v in values):
            step = max(step, 1.0)  # people, meetings, notices: whole steps
        top = max(step, math.ceil(highest / step) * step)
        self._axis(painter, plot, top, step)
        self._bars(painter, chart, plot, top, many)

    def _legend(self, painter: QPainter, chart: Chart, y: float) -> None:
        metrics = painter.fontMetrics()
        x = self.width() - 12.0
        for index, (name, _values) in reversed(list(enumerate(chart.series))):
            x -= metrics.horizontalAdvance(name)
            painter.setPen(QColor("black"))
            painter.drawText(QRectF(x, y, metrics.horizontalAdvance(name) + 2, metrics.height()), 0, name)
            x -= 16
            painter.fillRect(QRectF(x, y + 3, 10, metrics.height() - 6), COLOURS[index % len(COLOURS)])
            x -= 14

    def _axis(self, painter: QPainter, plot: QRectF, top: float, step: float) -> None:
        metrics = painter.fontMetrics()
        value = 0.0
        while value <= top + step / 2:
            y = plot.bottom() - value / top * plot.height()
            painter.setPen(QColor(225, 225, 225) if value else QColor("black"))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor("black"))
            label = f"{value:g}"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 4, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            value += step

    def _bars(self, painter: QPainter, chart: Chart, plot: QRectF, top: float, many: bool) -> None:
        groups = max(1, len(chart.categories))
        width = plot.width() / groups
        series = max(1, len(chart.series))
        bar = width * 0.75 / series
        metrics = painter.fontMetrics()
        for group, name in enumerate(chart.categories):
            left = plot.left() + group * width + width * 0.125
            for index, (_name, values) in enumerate(chart.series):
                value = values[group] if group < len(values) else 0.0
                height = value / top * plot.height()
                painter.fillRect(
                    QRectF(left + index * bar, plot.bottom() - height, bar - 1, height),
                    COLOURS[index % len(COLOURS)],
                )
            painter.setPen(QColor("black"))
            centre = plot.left() + (group + 0.5) * width
            if many:
                painter.save()
                painter.translate(centre, plot.bottom() + 4)
                painter.rotate(-60)
                painter.drawText(
                    QRectF(
                        -metrics.horizontalAdvance(name),
                        -metrics.height() / 2,
                        metrics.horizontalAdvance(name),
                        metrics.height(),
                    ),
                    Qt.AlignmentFlag.AlignRight,
                    name,
                )
                painter.restore()
            else:
                painter.drawText(
                    QRectF(centre - width / 2, plot.bottom() + 4, width, metrics.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(width)),
                )
