"""Care-sheet-like A4 thumbnails drawn with QPainter, for the page editor's tests and screenshots."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPixmap

A4 = (420, 594)  # pixels: an A4 page's proportions


def care_sheet(seed: int, *, shade: str = "normal", shift: int = 0) -> QPixmap:
    """A feuille de soins: green header, boxes, lines of handwriting, a signature. ``shade`` "white"
    gives a nearly blank page, "dark" a nearly black one; ``shift`` moves the sheet off the page."""
    pixmap = QPixmap(*A4)
    pixmap.fill(QColor("#1a1a1a" if shade == "dark" else "#ffffff"))
    if shade == "white":
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor("#eeeeee"), 1))
        painter.drawLine(40, 560, 380, 560)
        painter.end()
        return pixmap
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(shift, shift // 3)
    ink = QColor("#3a3a3a") if shade == "normal" else QColor("#2a2a2a")
    painter.fillRect(QRectF(24, 22, 372, 46), QColor("#cfe3cf"))
    painter.setPen(QPen(QColor("#2f5d34"), 1.5))
    painter.drawRect(QRectF(24, 22, 372, 46))
    painter.setFont(QFont("DejaVu Sans", 15, QFont.Weight.Bold))
    painter.drawText(QRectF(24, 22, 372, 46), Qt.AlignmentFlag.AlignCenter, "FEUILLE DE SOINS")
    painter.setFont(QFont("DejaVu Sans", 7))
    painter.drawText(QPointF(28, 82), "cerfa n° 12541*02 — Assurance Maladie")
    painter.setPen(QPen(QColor("#2f5d34"), 1))
    for top, height in ((92, 92), (196, 128), (336, 176)):
        painter.drawRect(QRectF(24, top, 372, height))
        painter.fillRect(QRectF(25, top + 1, 370, 14), QColor("#e6f0e6"))
    painter.setFont(QFont("DejaVu Sans", 6))
    for top, title in ((92, "PERSONNE RECEVANT LES SOINS ET ASSURÉ(E)"), (196, "IDENTIFICATION DU PRATICIEN"),
                       (336, "ACTES EFFECTUÉS")):
        painter.drawText(QPointF(30, top + 11), title)
    painter.setPen(QPen(QColor("#9bb89b"), 0.8))
    for row in range(7):
        painter.drawLine(QPointF(30, 372 + row * 19), QPointF(390, 372 + row * 19))
    pen = QPen(QColor("#1d3f8f"), 1.6)
    painter.setPen(pen)
    for index, top in enumerate((124, 146, 168, 230, 252, 276, 300, 368, 387, 406)):
        width = 120 + (seed * 37 + index * 53) % 200
        path = QPainterPath(QPointF(36, top))
        for step in range(0, width, 9):
            path.lineTo(QPointF(36 + step, top - 3 - ((seed + step + index) % 5)))
            path.lineTo(QPointF(40 + step, top + 1))
        painter.drawPath(path)
    signature = QPainterPath(QPointF(250, 480))
    signature.cubicTo(QPointF(270, 440), QPointF(300, 520), QPointF(330, 470))
    signature.cubicTo(QPointF(345, 450), QPointF(360, 500), QPointF(375, 476))
    painter.drawPath(signature)
    painter.setPen(QPen(ink, 1))
    painter.setFont(QFont("DejaVu Sans", 6))
    painter.drawText(QPointF(30, 540), "Signature de l'assuré(e)")
    painter.drawText(QPointF(250, 540), "Signature du praticien")
    painter.end()
    return pixmap
