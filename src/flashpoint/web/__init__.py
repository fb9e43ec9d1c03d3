"""REST API and offline dashboard over an event store (`flashpoint serve`).

>>> from flashpoint.web import WebSettings, create_app
>>> app = create_app(WebSettings(db="flashpoint.db", token="s3cret"))
"""

from flashpoint.web.app import create_app
from flashpoint.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
