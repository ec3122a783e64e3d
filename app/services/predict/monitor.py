"""Following every series form by form with its CUSUMs: baselines and limits set each month from the history known then.

The method (docs/prediction.md): per series two Bernoulli CUSUMs, one watching for a doubling of the
odds of failure (a slow drift), one for a quadrupling (a sudden slide), each with half the series'
share of the budget; an advisor's item instead by a grade CUSUM (its grades A-E tilted until the odds
of D or E are quadrupled, app/rules/grade_cusum.py) beside a Bernoulli one (quadrupled), half each; advisors' baselines shrunk towards the dealer's by how much advisors really
differ (empirical Bayes: alike advisors get nearly the dealer's baseline, known far more closely
than their own); each limit the lowest whose chance of a false alarm within a quarter is its share
of the dealer's budget, so all series together raise at most ``false_alarms_per_quarter`` on
average. ``PLAIN``, ``PREVIOUS``, ``TUNED``, ``PAIR``, ``GRADES_4X`` and ``GRADES_PAIR`` keep the
methods it is compared with.
"""

from __future__ import annotations

from bisect import bisect_left
from calendar import monthrange
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import drift, grade_cusum
from app.services.predict.history import Observation

Key = tuple[str, str, "str | None"]  # (kind, subject, item)


@dataclass(frozen=True)
class DriftWarning:
    """A series whose failure share crossed its limit: which, since when, and the forms behind it."""

    kind: str  # advisor | work_type | item | cause
    subject: str
    item: str | None
    fired_on: date
    month_end_on: date  # the day the month's summary would first have shown it
    since: date  # where the run of evidence began (the CUSUM last stood at zero)
    baseline: float  # the in-control share the limit was set for
    limit: float
    forms: int  # forms (cases, for a cause) in the series since `since`
    failures: int
    repair_orders: tuple[str, ...]  # the failing ones behind the warning
    # What crossed the limit: "share" (a Bernoulli CUSUM on D or E, or on the failure rule) or
    # "grades" (an advisor's item on its grades A-E: then each grade's count since `since`, and the
    # usual share of each grade)
    figure: str = "share"
    grades: tuple[int, ...] | None = None
    usual_grades: tuple[float, ...] | None = None

    @property
    def share(self) -> float:
        return self.failures / self.forms if self.forms else 0.0

    def to_json(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "item": self.item,
                "fired_on": self.fired_on.isoformat(), "month_end_on": self.month_end_on.isoformat(),
                "since": self.since.isoformat(), "baseline_share": round(self.baseline, 4),
                "share_since": round(self.share, 4), "forms": self.forms, "failures": self.failures,
                "limit": round(self.limit, 3), "repair_orders": list(self.repair_orders), "figure": self.figure,
                **({"grades_since": dict(zip(grade_cusum.GRADES, self.grades)),
                    "usual_grades": {g: round(p, 4) for g, p in zip(grade_cusum.GRADES, self.usual_grades)}}
                   if self.grades is not None else {})}


GRADES_CROSSED = QT_TRANSLATE_NOOP("EarlyWarnings", "crossed on its grades: {grades} (usually {usual})")


def grades_crossed(w, translate, percent=lambda p: f"{p:.0%}") -> str:
    """A grade warning in words (a warning, stored or replayed, with ``grades`` and ``usual_grades``):
    each grade's count since the run began and its usual share. ``translate(context, text)`` is the
    command line's words or Qt's; ``percent`` writes a share as the reader's locale does."""
    return translate("EarlyWarnings", GRADES_CROSSED).format(
        grades=", ".join(f"{g} {n}" for g, n in zip(grade_cusum.GRADES, w.grades)),
        usual=", ".join(f"{g} {percent(p)}" for g, p in zip(grade_cusum.GRADES, w.usual_grades)))


@dataclass
class _Series:
    designs: tuple = ()  # one CUSUM per shift watched for (drift.Design, or grade_cusum.GradeDesign)
    values: list[float] = field(default_factory=list)
    starts: list["date | None"] = field(default_factory=list)  # where each CUSUM's run began
    recent: deque = field(default_factory=deque)  # (day, repair order, failed, grade or None), in day order
    quiet_until: date | None = None
    days: list[date] = field(default_factory=list)  # every observation's day, for the baseline window
    fails: list[int] = field(default_factory=list)  # running count of failures up to each observation
    levels: list[tuple[int, ...]] = field(default_factory=list)  # running count of each grade A-E, if graded


def _month_end(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])


@dataclass(frozen=True)
class Settings:
    false_alarms_per_quarter: float = 0.5  # the dealer's budget for all its series together
    warmup_days: int = 90  # history needed before anything is watched
    baseline_days: int = 365  # the window a month's limits are set from
    quiet_days: int = 30  # after a warning the series rests (in the desk: until acknowledged)
    min_forms: int = 20  # a series with fewer in its baseline window is not watched yet
    odds_ratios: tuple[float, ...] | None = (2.0, 4.0)  # shifts watched for; None: tuned per series
    aim_days: int = 10  # tuned: the shift a series can show within this many days' forms
    empirical_bayes: bool = True  # advisors' baselines shrunk by how much advisors really differ
    # An advisor's series of one item followed on the grade itself (grade_cusum), watching for these
    # shifts (the odds of D or E multiplied by each); None: on whether it is D or E, as every other
    # series. The dealer's own item series stay on D or E: 25 forms a day already show a drift within
    # days, and their quarter of 2,300 forms makes the five-outcome chain costly.
    grade_ratios: tuple[float, ...] | None = (4.0,)
    # Bernoulli CUSUMs (these odds ratios) kept beside the grade ones on a graded series, the series'
    # budget shared by all of them: a slide that brings E's shows on the grades sooner, one that
    # brings mostly D's on the share (docs/prediction.md's figures).
    graded_share_ratios: tuple[float, ...] = (4.0,)


# What the method is compared with on the same histories (tests/bench/warn_methods.py): a plain
# per-series CUSUM (odds doubled, 40 pseudo-forms of shrinkage); the pair before the empirical-Bayes
# baselines; one CUSUM per series tuned to the shift its forms can show in ``aim_days`` (measured,
# not chosen: faster on average, but later on a moderate jump of a small series, and it spends the
# whole budget where the pair spends less than half); the pair with empirical-Bayes baselines on
# every series, advisors' items included (the method before the grades); and advisors' items on their
# grades alone, by one CUSUM (4x) or a pair (2x and 4x) (docs/prediction.md).
PLAIN = Settings(odds_ratios=(2.0,), empirical_bayes=False, grade_ratios=None)
PREVIOUS = Settings(empirical_bayes=False, grade_ratios=None)
TUNED = Settings(odds_ratios=None, grade_ratios=None)
PAIR = Settings(grade_ratios=None)
GRADES_4X = Settings(graded_share_ratios=())
GRADES_PAIR = Settings(grade_ratios=(2.0, 4.0), graded_share_ratios=())


class Monitor:
    """Feed observations in day order (``watch``); warnings come out as their series cross the limit."""

    def __init__(self, conf: Settings = Settings()) -> None:
        self.conf = conf
        self.series: dict[Key, _Series] = defaultdict(_Series)
        self.first_day: date | None = None
        self.month: tuple[int, int] | None = None

    def _count(self, sr: _Series, start: date, end: date) -> tuple[int, int]:
        lo, hi = bisect_left(sr.days, start), bisect_left(sr.days, end)
        if hi <= lo:
            return 0, 0
        fails = sr.fails[hi - 1] - (sr.fails[lo - 1] if lo else 0)
        return hi - lo, fails

    def _graded(self, sr: _Series, start: date, end: date) -> tuple[int, ...] | None:
        """Each grade's count in the window, None when the series is not followed on its grades."""
        if self.conf.grade_ratios is None or not sr.levels or len(sr.levels) != len(sr.days):
            return None
        lo, hi = bisect_left(sr.days, start), bisect_left(sr.days, end)
        if hi <= lo:
            return (0,) * 5
        before = sr.levels[lo - 1] if lo else (0,) * 5
        return tuple(a - b for a, b in zip(sr.levels[hi - 1], before))

    def _redesign(self, month_start: date) -> None:
        """Each series' limit for the month, from the history before it (nothing after is known)."""
        start = month_start - timedelta(days=self.conf.baseline_days)
        window = (month_start - max(start, self.first_day)).days or 1
        counts = {key: self._count(sr, start, month_start) for key, sr in self.series.items()}
        parents: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0])
        # An advisor's baseline leans on the whole dealer's: per item on the item series, overall on
        # the advisors' sum.
        for (kind, _subject, item), (n, f) in counts.items():
            if kind == "item":
                parents[("advisor", item)][0] += n
                parents[("advisor", item)][1] += f
        overall = [0, 0]
        for (kind, _subject, item), (n, f) in counts.items():
            if kind == "advisor" and item is None:
                overall[0] += n
                overall[1] += f
        parents[("advisor", None)] = overall
        strengths = self._strengths(counts)
        watched = {k: c for k, c in counts.items() if c[0] >= self.conf.min_forms}
        alpha = drift.alpha_per_series(len(watched), self.conf.false_alarms_per_quarter)
        for key, sr in self.series.items():
            if key not in watched:
                sr.designs, sr.values, sr.starts = (), [], []
                continue
            n, f = watched[key]
            kind, _subject, item = key
            pn, pf = parents.get((kind, item), (0, 0))
            parent = pf / pn if pn else f / n
            strength = strengths.get((kind, item), 0)
            graded = self._graded(sr, start, month_start) if kind == "advisor" and item is not None else None
            if graded is not None:
                # an advisor's grades lean on the dealer's for the item, as the Bernoulli baseline does
                up = self._graded(self.series[("item", item, item)], start, month_start)
                pi0 = grade_cusum.baseline(graded, up or graded, strength if up else 0)
                ratios, also = self.conf.grade_ratios, self.conf.graded_share_ratios
                each = alpha / (len(ratios) + len(also))
                p0 = drift.cautious_rate(f, n, parent, strength)
                sr.designs = (tuple(grade_cusum.design(pi0, n / window * 91, each, r) for r in ratios)
                              + tuple(drift.design(p0, n / window * 91, each, r) for r in also))
            else:
                p0 = drift.cautious_rate(f, n, parent, strength)
                ratios = self._ratios(p0, n / window)
                sr.designs = tuple(drift.design(p0, n / window * 91, alpha / len(ratios), ratio) for ratio in ratios)
            if len(sr.values) != len(sr.designs):  # values carry over from month to month
                sr.values, sr.starts = [0.0] * len(sr.designs), [None] * len(sr.designs)

    def _strengths(self, counts: dict) -> dict[tuple[str, str | None], float]:
        """Each advisor series' pull towards the dealer's: per item (and overall), from how much the
        advisors really differ there (the settings' fixed strength when ``empirical_bayes`` is off)."""
        groups: dict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
        for (kind, _subject, item), (n, f) in counts.items():
            if kind == "advisor" and n >= self.conf.min_forms:
                groups[(kind, item)].append((f, n))
        if not self.conf.empirical_bayes:
            return {g: drift.SHRINK_FORMS for g in groups}
        return {g: drift.shrink_strength(rows) for g, rows in groups.items()}

    def _ratios(self, p0: float, per_day: float) -> tuple[float, ...]:
        if self.conf.odds_ratios is not None:
            return self.conf.odds_ratios
        return (drift.odds_ratio_in_reach(p0, per_day * self.conf.aim_days),)

    def watch(self, observations: list[Observation]) -> list[DriftWarning]:
        warnings: list[DriftWarning] = []
        for ob in observations:
            if self.first_day is None:
                self.first_day = ob.day
            month = (ob.day.year, ob.day.month)
            if month != self.month:
                self.month = month
                if (ob.day - self.first_day).days >= self.conf.warmup_days:
                    self._redesign(ob.day.replace(day=1))
            grades = dict(ob.grades)
            for key, failed in ob.outcomes:
                sr = self.series[key]
                grade = grades.get(key[2]) if key[2] else None
                fired = self._step(key, sr, ob, failed, grade)
                sr.days.append(ob.day)
                sr.fails.append((sr.fails[-1] if sr.fails else 0) + failed)
                if grade is not None:
                    last = list(sr.levels[-1]) if sr.levels else [0] * 5
                    last[grade_cusum.GRADES.index(grade)] += 1
                    sr.levels.append(tuple(last))
                if fired is not None:
                    warnings.append(fired)
        return warnings

    def _step(self, key: Key, sr: _Series, ob: Observation, failed: bool, grade: str | None) -> DriftWarning | None:
        if not sr.designs or (sr.quiet_until is not None and ob.day < sr.quiet_until):
            return None
        sr.recent.append((ob.day, ob.repair_order, failed, grade))
        fired = None
        for i, d in enumerate(sr.designs):
            if sr.values[i] == 0.0:
                sr.starts[i] = ob.day
            if isinstance(d, grade_cusum.GradeDesign):
                if grade is None:  # a form without this item's grade tells the grade CUSUM nothing
                    continue
                sr.values[i] = d.step(sr.values[i], grade)
            else:
                sr.values[i] = d.step(sr.values[i], failed)
            if fired is None and d.crossed(sr.values[i]):
                fired = i
        if fired is None:
            start = min((st for st, v in zip(sr.starts, sr.values) if v > 0 and st), default=ob.day)
            # Forms come in day order, so what went before the run is at the front: dropped from there
            # (a new list each step cost the run's length, at 100k cases a third of a whole refresh).
            recent = sr.recent
            while recent and recent[0][0] < start:
                recent.popleft()
            return None
        d, since = sr.designs[fired], sr.starts[fired]
        run = [r for r in sr.recent if r[0] >= since]
        bad = tuple(ro for _day, ro, f, _g in run if f)
        kind, subject, item = key
        graded = isinstance(d, grade_cusum.GradeDesign)
        counts = tuple(sum(g == x for *_, g in run) for x in grade_cusum.GRADES) if graded else None
        warning = DriftWarning(kind, subject, item, ob.day, _month_end(ob.day), since, d.p0, d.limit,
                               len(run), len(bad), bad, "grades" if graded else "share", counts,
                               d.pi0 if graded else None)
        sr.values = [0.0] * len(sr.designs)
        sr.recent, sr.quiet_until = deque(), ob.day + timedelta(days=self.conf.quiet_days)
        return warning
