"""Values made once and remembered, for what a page draws again on every
rerun with nothing changed (a rerun's budget is 50 ms at 10M outputs)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    """A thread-safe map from keys to values made once, the least recently
    used let go past `limit`. With `generation` (e.g. a data version), every
    value of an older generation is let go as soon as a newer one is stored."""

    def __init__(self, limit: int):
        self._limit = limit
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation: Hashable = None
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any], generation: Hashable = None) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            if generation != self._generation:
                self._values.clear()
                self._generation = generation
            self._values[key] = value
            while len(self._values) > self._limit:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)
