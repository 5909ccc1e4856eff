"""Word-level diffs shared by the stages that compare a copy with its source (reuse, facts)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """``difflib`` opcodes of two token lists, with their common start and end taken off before the diff
    (a long copied passage usually differs in a few words; the matcher's cost grows with what it is
    given) and put back as equal blocks, merged with equal blocks next to them."""
    n, m = len(a), len(b)
    if a == b:  # identical (for the facts stage: only numbers changed, as they are masked)
        return [("equal", 0, n, 0, m)] if n else []
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head : n - tail], b[head : m - tail], autojunk=False).get_opcodes()
    out: list[tuple[str, int, int, int, int]] = []
    for op in [("equal", 0, head, 0, head),
               *((o, i1 + head, i2 + head, j1 + head, j2 + head) for o, i1, i2, j1, j2 in middle),
               ("equal", n - tail, n, m - tail, m)]:
        if op[2] == op[1] and op[4] == op[3]:
            continue
        if out and op[0] == "equal" and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out
