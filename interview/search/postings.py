"""Inverted lists: for each word, the sorted numbers of the questions holding it.

Question numbers are assigned shortest search key first, so "the smallest
numbers" means "the shortest keys", which WRatio favours for the same match.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable

Postings = dict[str, list[int]]

# Words too common to say which question is meant. They still count in the
# WRatio re-ranking; they only do not generate candidates or index prompts.
_STOPWORDS = """a an the and or but if then so of to in on at by for with from into onto over under
    about as is are was were be been being it its this that these those there here we you your
    our they their i me my he she his her them us do does did done have has had can could would
    should will shall may might must not no what which who whom whose when where why how than too
    very just also only own same such each every any all some more most other both few many much
    s t"""
STOPWORDS = frozenset(_STOPWORDS.split())


def add(postings: Postings, words: Iterable[str], number: int) -> None:
    for word in words:
        docs = postings.get(word)
        if docs is None:
            postings[word] = [number]
        else:
            docs.append(number)


def union(postings: Postings, words: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for word in words:
        docs = postings.get(word)
        if docs:
            found.update(docs)
    return found


def total(postings: Postings, words: Iterable[str]) -> int:
    return sum(len(postings.get(word, ())) for word in words)


def smallest(
    lists: list[list[int]],
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
        return sorted(numbers)[:count]
    chosen: list[int] = []
    for number in sorted(numbers):
        if accept(number):
            chosen.append(number)
            if len(chosen) == count:
                break
    return chosen
