"""A small client for OpenAI-compatible chat completion servers, asking for JSON.

One request per call to `complete_json`: `POST {url}/chat/completions` with the model,
the messages, temperature 0 and a `response_format`. Servers differ in what they
accept, so the client steps down from a JSON schema (`json_schema`, which vLLM,
llama.cpp, Ollama and hosted APIs enforce while decoding) to a bare JSON object
(`json_object`) to no constraint at all, and remembers the first kind a server takes.
Timeouts, dropped connections, 429 and 5xx answers are retried with a growing pause;
everything else becomes an `LLMError` with a message that says what went wrong.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

import httpx

from flashpoint.nlp.llm.settings import LLMSettings

log = logging.getLogger(__name__)

_STEP_DOWN = {"json_schema": "json_object", "json_object": "text"}
_RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 30.0
# A refusal that is about the response format (not, say, a text too long for the model).
_FORMAT_WORDS = re.compile(r"response_format|json|schema|format|grammar", re.I)


class LLMError(RuntimeError):
    """A request that gave no usable reply: the reason, fit for a log line."""


def _response_format(mode: str, schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": name, "strict": True, "schema": schema},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def _short(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S | re.I)


def parse_json_text(content: str) -> Any:
    """The JSON value in a model's reply text: bare, in a ``` fence, or after a
    reasoning preamble; `ValueError` when there is none."""
    text = _THINK.sub("", content).strip()
    candidates = [text]
    candidates += [m.group(1).strip() for m in _FENCE.finditer(text)]
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if starts:
        first = min(starts)
        last = max(text.rfind("}"), text.rfind("]"))
        if last > first:
            candidates.append(text[first : last + 1])
    for cand in candidates:
        try:
            return json.loads(cand)
        except ValueError:
            continue
    raise ValueError(f"no JSON in the reply: {_short(content)!r}")


class ChatClient:
    """Chat completions with JSON replies from one server and model."""

    def __init__(self, settings: LLMSettings, transport: httpx.BaseTransport | None = None):
        self.settings = settings.checked()
        headers = {"Accept": "application/json", "User-Agent": "flashpoint"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        self._http = httpx.Client(
            base_url=self.settings.url,
            headers=headers,
            timeout=httpx.Timeout(self.settings.timeout, connect=min(10.0, self.settings.timeout)),
            transport=transport,
        )
        fmt = self.settings.response_format
        self._mode = "json_schema" if fmt == "auto" else fmt
        self.requests = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def mode(self) -> str:
        """The kind of response_format now asked for."""
        return self._mode

    def complete_json(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str = "reply"
    ) -> Any:
        """The JSON value the model answers `messages` with."""
        while True:
            body: dict[str, Any] = {
                "model": self.settings.model,
                "messages": messages,
                "temperature": self.settings.temperature,
                "stream": False,
            }
            if self.settings.max_tokens:
                body["max_tokens"] = self.settings.max_tokens
            fmt = _response_format(self._mode, schema, name)
            if fmt is not None:
                body["response_format"] = fmt
            response = self._post(body)
            if (
                response.status_code in (400, 422, 501)
                and self.settings.response_format == "auto"
                and self._mode in _STEP_DOWN
                and _FORMAT_WORDS.search(response.text)
            ):
                log.info(
                    "LLM server refused response_format %s (%d: %s); trying %s",
                    self._mode,
                    response.status_code,
                    _short(response.text, 120),
                    _STEP_DOWN[self._mode],
                )
                self._mode = _STEP_DOWN[self._mode]
                continue
            return self._content_json(response)

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        s = self.settings
        pause = s.backoff
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            self.requests += 1
            try:
                response = self._http.post("/chat/completions", json=body)
            except httpx.TimeoutException:
                reason = f"no answer within {s.timeout:g} s"
            except httpx.TransportError as exc:
                reason = f"cannot reach {s.url} ({type(exc).__name__}: {exc})"
            else:
                if response.status_code not in _RETRY_STATUS:
                    return response
                reason = f"server error {response.status_code}: {_short(response.text, 120)}"
                wait = _retry_after(response)
                if wait is not None:
                    pause = max(pause, wait)
            if last:
                tries = s.retries + 1
                raise LLMError(f"{reason} (after {tries} {'try' if tries == 1 else 'tries'})")
            log.info("LLM request failed (%s); retrying in %.1f s", reason, pause)
            time.sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")

    def _content_json(self, response: httpx.Response) -> Any:
        status = response.status_code
        if status in (401, 403):
            raise LLMError(f"the server refused the request ({status}): check the API key")
        if status == 404:
            raise LLMError(
                f"not found (404) at {self.settings.url}/chat/completions: the URL should be "
                f"the API base (often ending in /v1) and the model {self.settings.model!r} "
                f"must exist there ({_short(response.text, 120)})"
            )
        if status >= 400:
            raise LLMError(f"server answered {status}: {_short(response.text)}")
        try:
            payload = response.json()
            choice = payload["choices"][0]
            content = choice["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError(f"not a chat completion reply: {_short(response.text)!r}") from None
        if choice.get("finish_reason") == "length":
            raise LLMError("the reply was cut off at the token limit (raise max_tokens)")
        if not isinstance(content, str) or not content.strip():
            raise LLMError("the reply has no content")
        try:
            return parse_json_text(content)
        except ValueError as exc:
            raise LLMError(str(exc)) from None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return min(float(value), _MAX_RETRY_AFTER)
    except ValueError:
        return None
