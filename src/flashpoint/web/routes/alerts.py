"""Alerts: surges and new activity per place, from `flashpoint.alerts.detect_surges`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Query, Request

from flashpoint.alerts import detect_surges
from flashpoint.alerts.source import history_start
from flashpoint.store import EventFilter
from flashpoint.web.auth import ReadAccess
from flashpoint.web.deps import DatasetDep
from flashpoint.web.jsonio import FastJSON
from flashpoint.web.params import Filters, bad_param

router = APIRouter(
    prefix="/api", default_response_class=FastJSON, tags=["alerts"], dependencies=[ReadAccess]
)

_COLUMNS = (
    "id",
    "event_date",
    "time_precision",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "actor1",
    "actor2",
)


class Level(StrEnum):
    admin2 = "admin2"
    admin1 = "admin1"
    h3 = "h3"


class Window(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class Method(StrEnum):
    negbin = "negbin"
    poisson = "poisson"


class Correction(StrEnum):
    none = "none"
    fdr = "fdr"
    bonferroni = "bonferroni"


class SplitBy(StrEnum):
    event_type = "event_type"
    sub_event_type = "sub_event_type"
    disorder_type = "disorder_type"
    actor1 = "actor1"
    actor2 = "actor2"


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(_COLUMNS))
    return frame.rename(columns={"id": "event_id_cnty"})


@router.get("/alerts", summary="Surges and new activity per place")
def alerts(
    request: Request,
    ds: DatasetDep,
    filters: Filters,
    level: Level = Level.admin2,
    window: Window = Window.week,
    since: Annotated[date | None, Query(description="Report windows from this date.")] = None,
    until: Annotated[date | None, Query(description="Ignore events after this date.")] = None,
    baseline: Annotated[int, Query(ge=1, le=104, description="Windows in the baseline.")] = 8,
    alpha: Annotated[float, Query(gt=0, le=0.5, description="Significance level.")] = 0.01,
    min_count: Annotated[int, Query(ge=1, le=10_000, description="Fewest events.")] = 3,
    method: Method = Method.negbin,
    correction: Correction = Correction.none,
    by: SplitBy | None = None,
    new_activity: bool = True,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many alerts.")] = 100,
) -> FastJSON:
    """Each alert says what rose, by how much, against which baseline, with its events.

    The event filters (country, admin1, event_type, actor, ...) choose which events are
    counted; `start`/`end` are ignored here in favour of `since`/`until`, because every
    reported window needs its full baseline of earlier events.
    """
    if since and until and since > until:
        raise bad_param("until", f"until ({until}) is before since ({since})")
    kw = filters.kwargs()
    kw.pop("start", None)
    kw.pop("end", None)
    first = history_start(since.isoformat() if since else None, window.value, baseline)
    params = {
        "level": level.value,
        "window": window.value,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "baseline": baseline,
        "alpha": alpha,
        "min_count": min_count,
        "method": method.value,
        "correction": correction.value,
        "by": by.value if by else None,
        "new_activity": new_activity,
    }

    def compute() -> list[dict[str, Any]]:
        f = EventFilter(**kw, start=first, end=until)
        frame = _frame(ds.store.event_table(f, _COLUMNS))
        if frame.empty:
            return []
        try:
            found = detect_surges(
                frame,
                level=level.value,
                window=window.value,
                baseline=baseline,
                alpha=alpha,
                min_count=min_count,
                method=method.value,
                correction=correction.value,
                by=by.value if by else None,
                since=since,
                until=until,
                new_activity=new_activity,
            )
        except ValueError as exc:
            raise bad_param("alerts", str(exc)) from exc
        return [a.to_dict() for a in found]

    key = ("alerts", tuple(sorted(kw.items())), tuple(sorted(params.items())))
    found = request.app.state.cache.get_or_compute(key, compute)
    return FastJSON({"params": params, "total": len(found), "alerts": found[:limit]})
