"""Names vulture would call unused that a framework calls by name (read by tests/test_code_rules.py).

Each line is a use of the name. Add a name here only when something outside our code calls it: Qt, reportlab,
Alembic, the packaging entry points. Code that nothing calls is deleted instead.
"""

# ruff: noqa
# mypy: ignore-errors

_ = object()

# Qt calls these overrides by name.
_.translate  # QTranslator.translate (app.py QtSupplement) ...
disambiguation  # ... and the argument its signature must keep
_.paintEvent  # QWidget.paintEvent (ui/widgets/focus_ring.py)
_.expandingDirections  # QLayout overrides (ui/widgets/flow_layout.py)
_.heightForWidth

# reportlab calls these on a flowable.
_.minWidth  # Flowable.minWidth (documents/layout.py)

# SQLAlchemy calls this listener (store/notices_models.py, @event.listens_for).
_published_notices_do_not_change

# Alembic reads these from every revision script.
revision
down_revision
branch_labels
depends_on
upgrade
downgrade

# Entry points named in pyproject.toml's [project.scripts] / [project.gui-scripts].
cli  # dangjian = dangjian_desktop.startup:cli
gui  # dangjian-desktop = dangjian_desktop.startup:gui
