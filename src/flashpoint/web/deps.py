"""Request-scoped access to the dataset the server was started on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from flashpoint.api import Dataset
from flashpoint.web.cache import TtlCache
from flashpoint.web.settings import WebSettings


def dataset(request: Request) -> Dataset:
    return request.app.state.dataset


def settings(request: Request) -> WebSettings:
    return request.app.state.settings


def cache(request: Request) -> TtlCache:
    return request.app.state.cache


DatasetDep = Annotated[Dataset, Depends(dataset)]
CacheDep = Annotated[TtlCache, Depends(cache)]
SettingsDep = Annotated[WebSettings, Depends(settings)]
