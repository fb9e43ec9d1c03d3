"""Request-scoped access to the dataset the server was started on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from flashpoint.api import Dataset
from flashpoint.web.settings import WebSettings


def dataset(request: Request) -> Dataset:
    return request.app.state.dataset


def settings(request: Request) -> WebSettings:
    return request.app.state.settings


DatasetDep = Annotated[Dataset, Depends(dataset)]
SettingsDep = Annotated[WebSettings, Depends(settings)]
