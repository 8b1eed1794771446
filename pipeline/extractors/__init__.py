"""The pipeline components. Importing this package registers their factories."""

from . import article, directives, indicators, people  # noqa: F401
