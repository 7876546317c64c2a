"""Inverted lists: for each word, the sorted numbers of the questions holding it.

Question numbers are assigned shortest search key first, so "the smallest
numbers" means "the shortest keys", which WRatio favours for the same match.
The search index keeps its lists in `Lists` (flat arrays, saved and loaded as
they are).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

# Words too common to say which question is meant. They still count in the
# WRatio re-ranking; they only do not generate candidates or index prompts.
_STOPWORDS = """a an the and or but if then so of to in on at by for with from into onto over under
    about as is are was were be been being it its this that these those there here we you your
    our they their i me my he she his her them us do does did done have has had can could would
    should will shall may might must not no what which who whom whose when where why how than too
    very just also only own same such each every any all some more most other both few many much
    s t"""
STOPWORDS = frozenset(_STOPWORDS.split())


def smallest(
    lists: Sequence[Iterable[int]],
    count: int,
    skip: Collection[int] = (),
    accept: Callable[[int], bool] | None = None,
) -> list[int]:
    """The `count` smallest distinct numbers across sorted lists, minus `skip`.

    Walks the lists in order (heapq.merge), so it costs about `count` steps
    however long the lists are, unless `accept` rejects most numbers.
    """
    chosen: list[int] = []
    if count <= 0:
        return chosen
    previous = -1
    for number in heapq.merge(*lists) if len(lists) > 1 else (lists[0] if lists else ()):
        if number == previous:
            continue
        previous = number
        if number in skip or (accept is not None and not accept(number)):
            continue
        chosen.append(number)
        if len(chosen) == count:
            break
    return chosen


def smallest_of(
    numbers: Collection[int], count: int, accept: Callable[[int], bool] | None = None
) -> list[int]:
    if accept is None:
        return heapq.nsmallest(count, numbers) if len(numbers) > 4 * count else sorted(
            numbers)[:count]
    chosen: list[int] = []
    for number in sorted(numbers):
        if accept(number):
            chosen.append(number)
            if len(chosen) == count:
                break
    return chosen


class Lists:
    """Inverted lists held compactly: word number -> a slice of one flat array.

    Python lists of ints cost about 36 bytes a number (5 million of them at
    100,000 questions); these cost 4, and load from a file in one copy.
    """

    __slots__ = ("_view", "data", "offsets")

    def __init__(self, offsets: array[int], data: array[int]) -> None:
        self.offsets = offsets  # len(words) + 1 ascending offsets into data
        self.data = data
        self._view = memoryview(data)

    @classmethod
    def collect(cls, words: list[str], lists: Mapping[str, Sequence[int]]) -> Lists:
        """Lists for `words` (in that order) from per-word arrays; missing words get none."""
        offsets = array("Q", [0])
        data = array("I")
        for word in words:
            docs = lists.get(word)
            if docs is not None:
                data.extend(docs)
            offsets.append(len(data))
        return cls(offsets, data)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def get(self, number: int) -> memoryview:
        return self._view[self.offsets[number]:self.offsets[number + 1]]

    def size(self, number: int) -> int:
        return self.offsets[number + 1] - self.offsets[number]
