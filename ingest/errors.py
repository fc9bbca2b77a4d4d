"""The error tree. Each message names the bad value; the command line maps classes to exit codes."""

from __future__ import annotations


class MinutesKGError(Exception):
    """Base of every error the tool reports to a user."""

    exit_code = 1


class InputError(MinutesKGError):
    """A file that cannot be ingested. The message names the file and the cause."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class EmptyFileError(InputError):
    pass


class BinaryFileError(InputError):
    pass


class EncodingError(InputError):
    pass


class FileTooLargeError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class DamagedFileError(InputError):
    """A file of a known format that cannot be read through: truncated, corrupt."""


class EncryptedFileError(InputError):
    """A document that needs a password to open."""


class NoTextLayerError(InputError):
    """A PDF of page images (a scan): there is no text to cite until it is OCRed."""


class NoMinutesError(InputError):
    """A readable document with nothing in it that looks like meeting minutes."""


class StoreError(MinutesKGError):
    """The store folder is unusable or a record in it is corrupt."""


class NotFoundError(MinutesKGError):
    """A meeting, file or entity the user named is not in the store."""


class UsageError(MinutesKGError):
    """Bad arguments: exit status 2, as argparse does."""

    exit_code = 2


class QueryError(MinutesKGError):
    """A SPARQL query that cannot run: the message quotes the cause (and the query where short)."""

    exit_code = 2


class QuerySyntaxError(QueryError):
    pass


class ReadOnlyError(QueryError):
    """An update sent where only queries are allowed."""


class QueryTimeoutError(QueryError):
    exit_code = 1


class ShapeError(MinutesKGError):
    """The graph does not conform to the SHACL shapes."""
