import difflib
import random

from storyline.diff import opcodes


def _apply(a, b, ops):
    out = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            out += b[j1:j2]
    return out


def test_opcodes_rebuild_the_second_sequence_and_cover_both():
    rng = random.Random(5)
    for _ in range(500):
        a = [rng.choice("abcdefg") for _ in range(rng.randint(0, 30))]
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            k = rng.randint(0, len(b))
            if rng.random() < 0.5:
                b.insert(k, rng.choice("xyz"))
            elif b:
                b[min(k, len(b) - 1)] = rng.choice("xyz")
        ops = opcodes(a, b)
        assert _apply(a, b, ops) == b
        assert [o[1] for o in ops] == sorted(o[1] for o in ops)
        assert sum(o[2] - o[1] for o in ops) == len(a) and sum(o[4] - o[3] for o in ops) == len(b)
        assert all(x[0] != "equal" or y[0] != "equal" for x, y in zip(ops, ops[1:], strict=False))


def test_a_copy_with_one_changed_word_diffs_as_difflib_does():
    a = "the storm cut power to 4,500 homes across the northern valley on tuesday night".split()
    b = "the storm cut power to 45,000 homes across the northern valley on tuesday night".split()
    assert opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert opcodes(a, a) == [("equal", 0, len(a), 0, len(a))]
    assert opcodes([], []) == []
