"""Exceptions raised by the pipeline.

PipelineError
├── InputError          an input file could not be turned into an article (has ``code``)
│   └── DecodeError     bytes that are none of the supported encodings
├── RuleDataError       a rule file under ``pipeline/rules`` is invalid (file, entry, message)
└── CorpusError         a gold file is inconsistent with its text (file, record, message)
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class InputError(PipelineError):
    """An input could not be read as an article.

    ``code`` is machine-readable (``not_found``, ``empty``, ``binary``, ``too_large``,
    ``decode_error``, ``unreadable``, ``not_a_file``); the message names the problem.
    """

    def __init__(self, code: str, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.code = code
        self.message = message
        self.path = path


class DecodeError(InputError):
    """The bytes are not text in any supported encoding."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__("decode_error", message, path)


class RuleDataError(PipelineError):
    """A rule file is invalid."""

    def __init__(self, file: str, entry: int | str | None, message: str) -> None:
        where = f"{file}" + (f" entry {entry}" if entry is not None else "")
        super().__init__(f"{where}: {message}")
        self.file = file
        self.entry = entry


class CorpusError(PipelineError):
    """A gold file disagrees with its text or schema."""

    def __init__(self, file: str, record: str | None, message: str) -> None:
        where = f"{file}" + (f" [{record}]" if record else "")
        super().__init__(f"{where}: {message}")
        self.file = file
        self.record = record
