"""A list of known English word forms, to tell a typo from the word it misspells.

When an aligned passage reads ``caused`` on one side and ``cauesd`` on the other, the side with the word
nobody spells that way is the copy that introduced the typo. The word list is the string table of the
spaCy English model the project already depends on (about 85,000 forms, read as plain JSON in a few
milliseconds; spaCy itself is not loaded). Without the model the lexicon is empty and the cue is silent.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from storyline.reuse import settings


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Lower-cased word forms of the bundled English model's vocabulary (empty when it is missing)."""
    try:
        spec = find_spec(settings.LEXICON_PACKAGE)
    except (ImportError, ValueError):
        return frozenset()
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        for path in Path(root).glob("*/vocab/strings.json"):
            try:
                strings = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            return frozenset(s.lower() for s in strings if isinstance(s, str) and s.isalpha())
    return frozenset()


def is_known(word: str) -> bool:
    """Whether ``word`` is a known spelling (case-insensitive)."""
    return word.lower() in known_words()
