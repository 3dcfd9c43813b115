"""Every table of the program, for Alembic and the schema tests: each module's models register here.

A new module adds its models in its own file (``store/<area>_models.py``, subclassing
``store.models.Base``) and one import line below, then a migration in ``store/migrations/versions``.
"""

from dangjian_desktop.store import (  # noqa: F401
    dues_models,
    exchange_models,
    flowing_models,
    meetings_models,
    models,
    notices_models,
    posts_models,
)

metadata = models.Base.metadata
