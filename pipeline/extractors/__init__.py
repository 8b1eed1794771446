"""The pipeline components. Importing this package registers their factories."""

from .. import extensions  # noqa: F401  (Doc._.vnx, used by every component)
from . import article, directives, indicators, people  # noqa: F401
