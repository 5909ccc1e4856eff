"""Near-duplicate families, built incrementally as articles arrive.

A family is an article and every copy of it: exact copies (same normalised text, ``Article.text_hash``)
and near copies, such as a copy re-published under another site's header and footer, a syndicated copy
trimmed and given a dateline, or an edited copy with cut or moved sentences and typos. Copies are grouped,
never dropped.

How an article finds its family (:meth:`FamilyIndex.add`):

1. Same ``text_hash`` as an earlier article: an exact copy, in that article's family.
2. Otherwise its word shingles are summarised by a MinHash signature (:mod:`.shingles`, :mod:`.signature`);
   LSH banding (:mod:`.lsh`) proposes earlier articles with a similar signature, and each candidate is
   kept when the estimated containment of the smaller text in the other reaches ``MIN_CONTAINMENT`` (and
   the Jaccard similarity ``MIN_JACCARD``). Containment rather than Jaccard is what lets a trimmed copy, or
   one wrapped in a header and footer, join its source while an article that only quotes a passage stays
   out.
3. An article that matches members of several families bridges them: they merge into the oldest family
   (:mod:`.families`), and the assignment lists the family ids that disappeared.

Every decision depends only on the articles added before, in order, so :meth:`FamilyIndex.add_batch` gives
the same answers however a stream is cut into batches, and :meth:`FamilyIndex.restore` rebuilds, from the
stored signatures alone, an index that answers exactly as the one that never stopped.

>>> from storyline.model import Article
>>> text = "The river burst its banks on Tuesday, flooding the lower town and closing the bridge. " * 3
>>> index = FamilyIndex()
>>> index.add(Article(id="a", text=text, raw_text=text, text_hash="h1")).kind
'new'
>>> copy = "Home | World | Sport\\n" + text + "\\nAll rights reserved."
>>> joined = index.add(Article(id="b", text=copy, raw_text=copy, text_hash="h2"))
>>> joined.kind, joined.family, joined.matched
('near', 'a', 'a')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.dedup.families import FamilyForest
from storyline.dedup.lsh import BandIndex, band_keys, earlier_rows_sharing_a_key
from storyline.dedup.settings import MIN_CONTAINMENT, MIN_JACCARD, MIN_SHINGLES, NUM_PERM
from storyline.dedup.shingles import shingle_hashes
from storyline.dedup.signature import compare, minhash_signatures, pack, unpack_many
from storyline.model import Article

# Articles signed per numpy/rensa pass in add_batch: bounds temporaries (rensa hands digests back as
# Python lists) without changing any answer.
_SIGN_BATCH = 2048


@dataclass(slots=True)
class FamilyAssignment:
    """Where one added article went, and why.

    ``family`` is the family's id (its oldest member's article id) at the moment of adding; a later
    article may merge it into an older family, which that article's assignment reports in ``merged``.
    """

    article: str  # article id
    family: str  # family id = id of the family's oldest member (first added)
    matched: str | None  # the member it matched (None for a new family)
    kind: str  # "new" | "exact" | "near"
    similarity: float  # estimated Jaccard with matched (1.0 for exact)
    containment: float  # share of the smaller text's shingles found in the other
    # family ids merged INTO `family` by this article (their members now belong to `family`)
    merged: list[str]


class FamilyIndex:
    """The near-duplicate families of a growing library; see the module docstring for the method.

    Memory is about 1.2 KB per article (512-byte signature, 512 bytes of LSH entries, ids and family
    links). The store persists :meth:`signature` per article and rebuilds the index at start-up with
    :meth:`restore`, without reading any text: for 100,000 articles that took 1.2 s and 155 MB at peak on
    the 2-core development machine.
    """

    def __init__(self) -> None:
        self._forest = FamilyForest()
        self._positions: dict[str, int] = {}
        self._first_with_text_hash: dict[str, int] = {}
        self._signatures = np.zeros((0, NUM_PERM), dtype=np.uint32)  # grown by a quarter; _size rows used
        self._shingles = np.zeros(0, dtype=np.int64)
        self._size = 0
        self._lsh = BandIndex()

    def __len__(self) -> int:
        return self._size

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._positions

    def add(self, article: Article) -> FamilyAssignment:
        """Place one article in its family (a new one, or an existing one it copies)."""
        return self.add_batch([article])[0]

    def add_batch(self, articles: Sequence[Article]) -> list[FamilyAssignment]:
        """Place many articles; the same answers as calling :meth:`add` on each in order, computed with
        whole-batch numpy and rensa passes. Raises ``ValueError``, before changing anything, when an id
        is already in the index or repeats in the batch."""
        articles = list(articles)
        seen: set[str] = set()
        for article in articles:
            if article.id in self._positions or article.id in seen:
                raise ValueError(f"article {article.id!r} is already in the family index")
            seen.add(article.id)
        assignments: list[FamilyAssignment] = []
        for start in range(0, len(articles), _SIGN_BATCH):
            assignments.extend(self._add_chunk(articles[start : start + _SIGN_BATCH]))
        return assignments

    def signature(self, article_id: str) -> bytes:
        """What the store persists for an article so that :meth:`restore` can rebuild the index (520
        bytes: settings fingerprint, shingle count, MinHash signature). Raises ``KeyError`` for an
        article not in the index."""
        position = self._positions[article_id]
        return pack(int(self._shingles[position]), self._signatures[position])

    def family(self, article_id: str) -> str:
        """The current family id of an article (after every merge so far)."""
        return self._forest.family_of(self._positions[article_id])

    def families(self) -> dict[str, str]:
        """Article id -> current family id, for every article in the index."""
        forest = self._forest
        return {article_id: forest.family_of(position) for article_id, position in self._positions.items()}

    @classmethod
    def restore(cls, records: Iterable[tuple[str, str, bytes, str]]) -> FamilyIndex:
        """Rebuild an index from ``(article_id, text_hash, signature, family)`` records in library order
        (the order the articles were added), without the texts.

        The rebuilt index answers every later :meth:`add` exactly as the index that produced the records
        would have. Raises ``ValueError`` when a signature was made with other dedup settings (then add
        the articles again, in library order, to a new index) or when an id repeats.
        """
        ids: list[str] = []
        text_hashes: list[str] = []
        blobs: list[bytes] = []
        families: list[str] = []
        for article_id, text_hash, blob, family in records:
            ids.append(article_id)
            text_hashes.append(text_hash or "")
            blobs.append(bytes(blob))
            families.append(family or article_id)
        shingles, signatures = unpack_many(blobs)
        del blobs

        index = cls()
        index._signatures, index._shingles, index._size = signatures, shingles, len(ids)
        forest, positions, first_with_hash = index._forest, index._positions, index._first_with_text_hash
        family_root: dict[str, int] = {}
        indexed = np.zeros(len(ids), dtype=bool)
        for position, (article_id, text_hash, family) in enumerate(
            zip(ids, text_hashes, families, strict=True)
        ):
            if article_id in positions:
                raise ValueError(f"article {article_id!r} appears twice in the records")
            positions[article_id] = position
            root = family_root.get(family)
            if root is None:
                family_root[family] = position
                forest.add(article_id, name=family)
            else:
                forest.add(article_id, family_root=root)
            # The same rule as _add_chunk: exact copies and very short texts stay out of the LSH index.
            if text_hash:
                if text_hash in first_with_hash:
                    continue
                first_with_hash[text_hash] = position
            indexed[position] = shingles[position] >= MIN_SHINGLES
        rows = np.flatnonzero(indexed)
        index._lsh.add(rows, band_keys(signatures[rows]))
        return index

    # -- internals -------------------------------------------------------------------------------------

    def _reserve(self, extra: int) -> None:
        needed = self._size + extra
        if needed <= len(self._signatures):
            return
        # Growing by a quarter keeps appends amortised O(1) without doubling a large library's memory.
        capacity = max(needed, len(self._signatures) + len(self._signatures) // 4, 1024)
        grown = np.zeros((capacity, NUM_PERM), dtype=np.uint32)
        grown[: self._size] = self._signatures[: self._size]
        shingles = np.zeros(capacity, dtype=np.int64)
        shingles[: self._size] = self._shingles[: self._size]
        self._signatures, self._shingles = grown, shingles

    def _add_chunk(self, articles: list[Article]) -> list[FamilyAssignment]:
        """add_batch for one chunk: signatures and LSH candidates for the whole chunk in vectorised passes,
        then the decisions in order, each seeing exactly the articles before it."""
        flat, offsets = shingle_hashes([a.text for a in articles])
        signatures = minhash_signatures(flat, offsets)
        shingle_counts = np.diff(offsets)
        keys = band_keys(signatures)

        base = self._size
        self._reserve(len(articles))
        self._signatures[base : base + len(articles)] = signatures
        self._shingles[base : base + len(articles)] = shingle_counts
        self._size += len(articles)

        # Which articles are exact copies of an earlier one (by text hash) and which enter the LSH index
        # depends on nothing but the text hashes and lengths, so it is settled first.
        exact_of: list[int | None] = []
        for i, article in enumerate(articles):
            self._positions[article.id] = base + i
            first = None
            if article.text_hash:
                first = self._first_with_text_hash.setdefault(article.text_hash, base + i)
            exact_of.append(first if first is not None and first != base + i else None)
        indexed = np.array([e is None for e in exact_of], dtype=bool) & (shingle_counts >= MIN_SHINGLES)

        # Candidates: indexed articles before the chunk, plus indexed articles earlier in the chunk.
        rows = np.flatnonzero(indexed)
        from_index = self._lsh.query(keys[rows])
        inside = earlier_rows_sharing_a_key(keys[rows])
        candidates: dict[int, np.ndarray] = {}
        bounds = np.searchsorted(inside[:, 0], np.arange(len(rows) + 1))
        for k, row in enumerate(rows.tolist()):
            earlier = base + rows[inside[bounds[k] : bounds[k + 1], 1]]
            found = np.concatenate([from_index[k], earlier]) if len(earlier) else from_index[k]
            if len(found):
                candidates[row] = found  # ascending: the index holds only positions before the chunk
        self._lsh.add(base + rows, keys[rows])

        return [
            self._place(article, base + i, exact_of[i], candidates.get(i))
            for i, article in enumerate(articles)
        ]

    def _place(
        self, article: Article, position: int, exact_of: int | None, candidates: np.ndarray | None
    ) -> FamilyAssignment:
        """Decide one article's family, given what it is an exact copy of or its LSH candidates."""
        forest = self._forest
        if exact_of is not None:
            forest.add(article.id, family_root=exact_of)
            return FamilyAssignment(
                article.id, forest.family_of(position), forest.article_id(exact_of), "exact", 1.0, 1.0, []
            )
        if candidates is not None:
            jaccard, containment = compare(self._signatures[position], self._signatures[candidates])
            accepted = np.flatnonzero((containment >= MIN_CONTAINMENT) & (jaccard >= MIN_JACCARD))
            if len(accepted):
                # The member reported as matched is the most similar one; candidates are ascending, so
                # argmax breaks ties towards the oldest.
                best = int(accepted[np.argmax(jaccard[accepted])])
                winner, merged = forest.union(candidates[accepted].tolist())
                forest.add(article.id, family_root=winner)
                return FamilyAssignment(
                    article=article.id,
                    family=forest.name(winner),
                    matched=forest.article_id(int(candidates[best])),
                    kind="near",
                    similarity=float(jaccard[best]),
                    containment=float(containment[best]),
                    merged=[forest.name(root) for root in merged],
                )
        forest.add(article.id)
        return FamilyAssignment(article.id, article.id, None, "new", 0.0, 0.0, [])


def near_duplicate_families(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> family id (the id of the family's oldest member) for articles taken in order.

    >>> from storyline.model import Article
    >>> near_duplicate_families([Article(id="x", text="t", raw_text="t", text_hash="1"),
    ...                          Article(id="y", text="t", raw_text="t", text_hash="1")])
    {'x': 'x', 'y': 'x'}
    """
    index = FamilyIndex()
    index.add_batch(list(articles))
    return index.families()
