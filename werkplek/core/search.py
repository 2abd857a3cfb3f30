"""Accent- and case-insensitive name search on a stored key.

A model keeps `search_key(...)` of its searched fields in a column (on save, and in bulk
writes); a search lowers and strips the accents of each typed word the same way and looks it
up with LIKE '%word%' (prefix and infix). PostgreSQL serves that from a trigram index, SQLite
from a narrow covering index (see candidates/migrations/0003_candidate_search_key.py).
"""

import unicodedata


def normalise(text: str) -> str:
    """'Céline Öztürk' -> 'celine ozturk': lower case, accents stripped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def search_key(*parts: str) -> str:
    return normalise(" ".join(part for part in parts if part))


def search_words(text: str, limit: int = 5) -> list[str]:
    """The words of a search box, normalised like the stored key (at most `limit`)."""
    return normalise(text).split()[:limit]
