"""Token rules: who may read and who may write.

A bearer token (``Authorization: Bearer T``) is compared in constant time. Writes
(ingesting documents, re-running dedup) are refused outright when the server has no
token, so that a server started without one can never be changed over the network.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from flashpoint.web.settings import WebSettings

_bearer = HTTPBearer(auto_error=False, description="The token given to `flashpoint serve`.")

Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def _token_ok(settings: WebSettings, creds: HTTPAuthorizationCredentials | None) -> bool:
    if settings.token is None or creds is None:
        return False
    return secrets.compare_digest(creds.credentials.encode(), settings.token.encode())


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


def require_read(request: Request, creds: Credentials) -> None:
    """Reads pass when public; otherwise they need the token."""
    settings = settings_of(request)
    if settings.reads_public or _token_ok(settings, creds):
        return
    raise _unauthorized("reading needs the server's token (Authorization: Bearer TOKEN)")


def require_write(request: Request, creds: Credentials) -> None:
    """Writes need a configured token, and the request must carry it."""
    settings = settings_of(request)
    if settings.token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="writes are disabled: start the server with --token to enable them",
        )
    if not _token_ok(settings, creds):
        raise _unauthorized("writing needs the server's token (Authorization: Bearer TOKEN)")


ReadAccess = Depends(require_read)
WriteAccess = Depends(require_write)
