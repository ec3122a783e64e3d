"""Root causes typed at closing, grouped across dealers: one key per way of writing a cause, and near-identical keys joined.

Counters type the root cause freely, so one cause arrives as "配件未到货", "配件未到货。", "ＡＢＳ 传感器"
or "abs传感器". The key is what a reader would call the same text: NFKC (full-width letters, digits and
punctuation become half-width), case-folded, zero-width characters dropped, and every run of
whitespace and punctuation removed (a comma, a full stop or a space never changes a cause).
Then keys one slip apart are joined: one character added, dropped or changed (or two neighbours
swapped), found through their one-character deletions (each key and each of its deletions is looked
up once, so thousands of causes group in linear time, not by comparing every pair). Short keys are
never joined this way (漏油 and 漏水 differ by one character and are different causes), and neither
are keys whose difference is a digit or a negation (未/已/不/没/无/非: "配件未到" is not "配件已到").
Joins chain (a~b and b~c put a, b and c together): an explained, predictable rule beats a tuned
similarity score here, and a head-office reader sees every text a group holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_FUZZY = 6  # keys shorter than this join only when equal
# A difference in one of these is a difference in meaning, never a slip.
MEANINGFUL = frozenset("0123456789未已不没無无非否")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


def key(text: str) -> str:
    """The text as compared: NFKC, case-folded, without whitespace, punctuation or symbols."""
    s = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", text or "")).casefold()
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "ZPSC")


def _slips(k: str) -> set[str]:
    """``k`` with one character deleted, each way of doing so that drops a character that is not
    MEANINGFUL (a digit or a negation dropped is a different cause, never a slip)."""
    return {k[:i] + k[i + 1:] for i in range(len(k)) if k[i] not in MEANINGFUL}


@dataclass(frozen=True)
class Group:
    label: str  # the text written most often in the group, trimmed
    texts: tuple[str, ...]  # every stored text that falls into it, as stored


def group(counts: dict[str, int] | Iterable[str]) -> list[Group]:
    """The groups of the given stored texts (with how often each was written, to choose the label);
    empty and punctuation-only texts are left out. Groups in order of their label."""
    counts = counts if isinstance(counts, dict) else Counter(counts)
    keys = {text: key(text) for text in counts}  # each text's key worked out once
    by_key: dict[str, list[str]] = {}
    for text, k in keys.items():
        if k:
            by_key.setdefault(k, []).append(text)
    parent = {k: k for k in by_key}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # A deletion seen from a key: which key. Only deletions of a character that is not MEANINGFUL
    # are kept: a join always needs the dropped characters to be slips, and leaving the others out
    # keeps texts that differ only in their digits ("cause 1234", "cause 1235", ...) from meeting in
    # one crowded entry, each against all the others, only to be kept apart.
    seen: dict[str, list[str]] = {}
    long_keys = [k for k in by_key if len(k) >= MIN_FUZZY]
    for k in long_keys:
        for d in _slips(k):
            seen.setdefault(d, []).append(k)
    for k in long_keys:
        # k is another key with one character dropped (an added or dropped character)
        for other in seen.get(k, ()):
            join(k, other)
        # both keys with one character dropped meet (a changed character, or two swapped)
        for d in _slips(k):
            for other in seen.get(d, ()):
                if other != k and len(other) == len(k):
                    join(k, other)
    members: dict[str, list[str]] = {}
    for k, texts in by_key.items():
        members.setdefault(root(k), []).extend(texts)
    out = []
    for texts in members.values():
        # The label: the way of writing written most often, in its most often typed form; among equals
        # the tidiest (the fewest spaces and punctuation around the words, no full-width letters).
        weight = Counter()
        for t in texts:
            weight[keys[t]] += counts[t]
        label = min(texts, key=lambda t: (-weight[keys[t]], -counts[t], len(t.strip()) - len(keys[t]),
                                          t != unicodedata.normalize("NFKC", t), t)).strip()
        out.append(Group(label, tuple(sorted(texts))))
    return sorted(out, key=lambda g: (key(g.label), g.label))
