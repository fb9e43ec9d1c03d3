"""The messages sent to the model: coding rules, then one report with its date.

The rules are a data file (`data/llm/prompt.md`, overridable through
`FLASHPOINT_DATA`) with the taxonomy and actor categories filled in from
`taxonomy.toml`, so that the model is asked for exactly the names the rest of
flashpoint codes with.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from string import Template

from flashpoint.nlp.llm.schema import actor_kinds, taxonomy
from flashpoint.resources import data_path


@lru_cache(maxsize=1)
def system_prompt() -> str:
    template = Template(data_path("llm/prompt.md").read_text(encoding="utf-8"))
    by_type: dict[str, list[str]] = {}
    for sub, etype in taxonomy().items():
        by_type.setdefault(etype, []).append(sub)
    lines = [f"- {etype}: {' | '.join(subs)}" for etype, subs in by_type.items()]
    return template.safe_substitute(subtypes="\n".join(lines), kinds=", ".join(actor_kinds()))


def user_message(
    text: str, published: date | None, country: str | None, part: tuple[int, int] | None = None
) -> str:
    """The report to code, with what the model needs to resolve its dates."""
    head = [f"Publication date: {published.isoformat() if published else 'unknown'}"]
    if country:
        head.append(f"Country: {country}")
    if part is not None and part[1] > 1:
        head.append(f"This is part {part[0]} of {part[1]} of a longer report.")
    return "\n".join(head) + "\n\nText:\n" + text


def messages(
    text: str, published: date | None, country: str | None, part: tuple[int, int] | None = None
) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": system_prompt()},
        {"role": "user", "content": user_message(text, published, country, part)},
    ]
