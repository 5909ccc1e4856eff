"""The embedded library (SQLite). All SQL in storyline lives in this package."""

from storyline.store.library import DB_ENV, FamilyLink, Library, LibraryError, default_db_path

__all__ = ["DB_ENV", "FamilyLink", "Library", "LibraryError", "default_db_path"]
