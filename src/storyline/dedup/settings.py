"""Settings of near-duplicate family detection, with how each was chosen.

Tuning data: ``reuse.dev`` (``../shared/datasets/reuse.dev.articles.jsonl`` + ``reuse.dev.pairs.jsonl``,
1,654 articles, 1,475 pairs). ``duplicate``, ``syndicated`` and ``edited`` copies belong to their source's
family; ``partial`` excerpts, ``independent`` same-event reports and ``unrelated`` articles do not. Figures
quoted below are family ARI (scikit-learn ``adjusted_rand_score`` against ``labels.family``) from the sweeps
described with each setting; ``python -m storyline.eval.dedup`` reproduces the chosen point.

Changing any of SHINGLE_WORDS, NUM_PERM, MINHASH_SEED or the tokeniser changes every signature: stored
signatures carry a fingerprint of these (see :mod:`storyline.dedup.signature`), and
:meth:`~storyline.dedup.index.FamilyIndex.restore` refuses signatures made with other settings.
"""

from __future__ import annotations

# --- shingles ------------------------------------------------------------------------------------------

# Words per shingle. Exact shingle sets on reuse.dev, containment of the smaller text in the other:
# with 3-word shingles the gold copies' lowest containment is 0.79 and partial excerpts reach 0.73 (bar two
# excerpts that are nearly the whole source, 0.89 and 0.93, which no set measure can tell from a copy);
# with 4 words 0.76 / 0.72; with 5 words 0.75 / 0.72. Shorter shingles separate slightly better but share
# more common phrases between unrelated articles: LSH candidate pairs on reuse.dev are 3,969 (3 words),
# 2,551 (4) and 2,053 (5), and each costs a verification. Family ARI over MIN_CONTAINMENT 0.60-0.85 (this
# implementation, 128 permutations): 3 words 0.953-0.976, 4 words 0.959-0.9725 and flat (0.9716-0.9725)
# from 0.75 to 0.85, 5 words 0.952-0.973 with a sharp peak at 0.75. 4 is the robust middle.
SHINGLE_WORDS = 4

# A text with fewer shingles than this is matched by exact hash only. A caption-length text is wholly
# "contained" in any article that quotes it, which says nothing about being a copy. Not tunable on
# reuse.dev (its shortest article has 576 characters; ARI is 0.9725 for any value from 5 to 40): 20
# shingles is about one long sentence.
MIN_SHINGLES = 20

# --- MinHash -------------------------------------------------------------------------------------------

# Permutations per signature (rensa RMinHash, 32-bit values, so 4 bytes each). On reuse.dev the
# containment estimate from 128 permutations has an RMS error of 0.021 against exact shingle sets on the
# gold pairs with containment >= 0.4 (256 permutations: 0.014). Family ARI at MIN_CONTAINMENT 0.78:
# 64 permutations 0.963, 128 0.9725, 256 0.972. 128 keeps a signature at 512 bytes, 51 MB for 100,000
# articles.
NUM_PERM = 128
MINHASH_SEED = 20240917  # any fixed value; part of the signature fingerprint

# --- LSH banding ---------------------------------------------------------------------------------------

# Bands of LSH_ROWS consecutive permutations; two articles become candidates when any band is equal.
# P(candidate) = 1 - (1 - J**rows)**bands: with 64 bands of 2 rows it is 0.98 at Jaccard 0.25, 0.93 at
# 0.2 and 0.47 at 0.1. The lowest Jaccard of a gold copy on reuse.dev is 0.27 with 4-word shingles (a
# 919-character source inside a 3,067-character edited copy); trimmed syndicated copies start at 0.38.
# Three rows would need 256 permutations for the same recall at 0.25.
LSH_ROWS = 2
LSH_BANDS = NUM_PERM // LSH_ROWS

# Rows kept in the in-memory hash table before they are merged into the sorted arrays that hold the rest
# of the index (see :class:`storyline.dedup.lsh.BandIndex`): a memory/speed trade, not a quality setting.
LSH_BUFFER_ROWS = 1024

# --- verification --------------------------------------------------------------------------------------

# A candidate joins the family when this share of the smaller text's shingles is found in the other
# (estimated from the two signatures, see :func:`storyline.dedup.signature.compare`). Sweep on reuse.dev
# with 4-word shingles and 128 permutations, family ARI: 0.60 -> 0.959, 0.70 -> 0.967, 0.75 -> 0.9716,
# 0.78 -> 0.9725, 0.80 -> 0.9725, 0.85 -> 0.9723. Below 0.75 partial excerpts bridge families; the
# plateau runs to 0.85, and the lower end of it keeps more heavily trimmed copies (the lowest gold copy
# has containment 0.76), so 0.78.
MIN_CONTAINMENT = 0.78

# A pair must also have at least this Jaccard similarity: a short text wholly inside a much longer one
# (a brief quoted in a round-up) is an excerpt, which the reuse stage reports, not a copy. Gold copies on
# reuse.dev have Jaccard >= 0.27. Family ARI at the chosen containment: no floor 0.9711, 0.1 -> 0.9711,
# 0.2 -> 0.9725, 0.25 -> 0.9725, 0.3 -> 0.9711 (recall falls). 0.2 also sits where LSH still finds 93%
# of pairs, so the floor, not LSH chance, decides the borderline ones.
MIN_JACCARD = 0.2

# --- batching ------------------------------------------------------------------------------------------

# Texts are shingled in chunks of about this many characters, bounding the numpy temporaries (about
# 40 bytes per text byte, plus two cached 8-byte power tables per byte) whatever the batch size.
CHUNK_BYTES = 1 << 20
