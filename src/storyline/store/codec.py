"""Saving a stage's state (plain lists, dicts, numbers, strings and numpy arrays) as bytes without pickle.

A library file may come from someone else; unpickling it could run arbitrary code, so state is stored as
JSON plus an ``.npz`` of its arrays (loaded with ``allow_pickle=False``).
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import numpy as np

_ARRAY = "__ndarray__"
_DICT = "__dict__"
_TUPLE = "__tuple__"


def dumps(state: Any) -> bytes:
    arrays: list[np.ndarray] = []

    def encode(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            arrays.append(value)
            return {_ARRAY: len(arrays) - 1}
        if isinstance(value, dict):
            if all(isinstance(k, str) for k in value) and _ARRAY not in value and _DICT not in value:
                return {k: encode(v) for k, v in value.items()}
            return {_DICT: [[encode(k), encode(v)] for k, v in value.items()]}
        if isinstance(value, tuple):
            return {_TUPLE: [encode(v) for v in value]}
        if isinstance(value, list):
            return [encode(v) for v in value]
        if isinstance(value, np.generic):
            return value.item()
        return value

    document = json.dumps(encode(state), ensure_ascii=False, allow_nan=True).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("state.json", document)
        with archive.open("arrays.npz", "w") as out:
            np.savez(out, *arrays)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read("state.json"))
        with archive.open("arrays.npz") as raw, np.load(io.BytesIO(raw.read()), allow_pickle=False) as npz:
            arrays = [npz[f"arr_{i}"] for i in range(len(npz.files))]

    def decode(value: Any) -> Any:
        if isinstance(value, dict):
            if _ARRAY in value and len(value) == 1:
                return arrays[value[_ARRAY]]
            if _DICT in value and len(value) == 1:
                return {_hashable(decode(k)): decode(v) for k, v in value[_DICT]}
            if _TUPLE in value and len(value) == 1:
                return tuple(decode(v) for v in value[_TUPLE])
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(v) for v in value]
        return value

    return decode(document)


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key
