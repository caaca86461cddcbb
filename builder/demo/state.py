"""The demo's sizes, and the random state every part of it draws from (names, phones, days)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import words as w


@dataclass
class Sizes:
    """How many grids, stories and postings the demo holds."""

    grids: int
    stories: int
    postings: int

    @classmethod
    def for_grids(cls, grids: int, stories: int | None = None, postings: int | None = None) -> Sizes:
        """The default sizes for `grids` grids: stories N/3, postings N/6."""
        return cls(
            grids, grids // 3 if stories is None else stories, grids // 6 if postings is None else postings
        )


@dataclass
class State:
    """The random state every part of the demo draws from: distinct names, phones, past days."""

    rng: random.Random
    today: dt.date
    names: set[str] = field(default_factory=set)
    phone_no: int = 0

    def person(self) -> str:
        """A name not given before."""
        while True:
            name = self.rng.choice(w.SURNAMES) + "".join(self.rng.sample(w.GIVEN, self.rng.choice((1, 2, 2))))
            if name not in self.names:
                self.names.add(name)
                return name

    def mobile(self) -> str:
        """The next made-up mobile number."""
        self.phone_no += 1
        return f"139{self.phone_no:08d}"

    def day_before(self, max_days: int) -> dt.date:
        """A day up to `max_days` before today."""
        return self.today - dt.timedelta(days=self.rng.randrange(max_days))
