"""Qt's own file dialog (the one used on Linux) speaks Chinese, its labels included."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel


def test_the_file_dialog_has_no_english_labels(qtbot, real_look, tmp_path):
    real_look(12)
    dialog = QFileDialog(None, "保存为", str(tmp_path), "PDF 文件 (*.pdf);;Excel 文件 (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    english = [text for text in texts if re.search(r"[A-Za-z]{3,}", text.replace("&", ""))]
    assert english == []
