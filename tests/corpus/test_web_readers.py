"""HTML pages, URLs and RSS/Atom feeds, fetched from a local server on 127.0.0.1."""

from __future__ import annotations

from datetime import date

from flashpoint.ingest.readers import read_inputs
from flashpoint.ingest.skips import collect_skips
from flashpoint.ingest.web import Fetcher, FetchSettings

from .localweb import Route, Site, serve
from .toy import extract

FAST = FetchSettings(timeout=0.5, retries=1, backoff=0.01, delay=0.0)


def page(title: str, body: str, published: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return f"""<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="{published}">
<meta property="og:site_name" content="Test Herald"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright Test Herald. All rights reserved.</footer></body></html>""".encode()


STORY = (
    "Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State, security "
    "officials in Kirkuk province said on Friday.\n"
    "The attackers fled towards the Hamrin mountains after the assault on the police "
    "point, and two other officers were taken to hospital in Daquq with gunshot wounds.\n"
    "Local leaders have asked Baghdad for more troops to protect the villages south of "
    "Kirkuk, where attacks on security forces have grown more frequent this winter."
)
OTHER = (
    "Three policemen were killed in Daquq on 2021-02-12 by Islamic State militants who "
    "attacked a checkpoint, a police source told our correspondent.\n"
    "The source said that the militants used night vision equipment and withdrew before "
    "reinforcements arrived from Kirkuk city, some forty kilometres to the north.\n"
    "The district is home to the Kaka'i community, whose villages have been targeted "
    "repeatedly by militants since the defeat of the group in 2017."
)


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description>{desc}</description></item>"
        for t, link, d, desc in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Test Herald</title><link>http://example.invalid/</link>{entries}"
        "</channel></rss>"
    ).encode()


def test_html_page_by_url_gives_text_title_and_date():
    site = Site(routes={"/news/1": Route(page("Police killed", STORY, "2021-02-12T08:00:00Z"))})
    with serve(site), Fetcher(FAST) as fetcher:
        (doc,) = read_inputs([site.url("/news/1")], fetcher=fetcher)
    assert "Two policemen were killed in Arab Koy" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.published == date(2021, 2, 12)
    assert doc.title == "Police killed"
    assert doc.url == site.url("/news/1")
    assert site.user_agents[0].startswith("flashpoint/")
    assert len(extract(doc)) == 1


def test_html_file(tmp_path):
    path = tmp_path / "story.html"
    path.write_bytes(page("Checkpoint attack", OTHER, "2021-02-13"))
    (doc,) = read_inputs([str(path)])
    assert doc.published == date(2021, 2, 13)
    assert "Three policemen were killed in Daquq" in doc.text


def test_feed_items_are_fetched_and_bad_items_skipped():
    site = Site(
        routes={
            "/a1": Route(page("One", STORY, "2021-02-12")),
            "/a2": Route(page("Two", OTHER, "2021-02-13"), fail_first=1),  # retried
            "/slow": Route(page("Slow", STORY, "2021-02-14"), delay=2.0),
        }
    )
    with serve(site):
        site.routes["/feed.xml"] = Route(
            rss(
                [
                    ("One", site.url("/a1"), "Fri, 12 Feb 2021 09:00:00 GMT", "teaser"),
                    ("Two", site.url("/a2"), "Sat, 13 Feb 2021 09:00:00 GMT", "teaser"),
                    ("Gone", site.url("/gone"), "Sat, 13 Feb 2021 10:00:00 GMT", "teaser"),
                    ("Slow", site.url("/slow"), "Sun, 14 Feb 2021 10:00:00 GMT", "teaser"),
                ]
            ),
            content_type="application/rss+xml",
        )
        with collect_skips() as skipped, Fetcher(FAST) as fetcher:
            docs = list(read_inputs([site.url("/feed.xml")], fetcher=fetcher))
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[1].published == date(2021, 2, 13)
    assert site.hits["/a2"] == 2
    assert {s.origin for s in skipped} == {site.url("/gone"), site.url("/slow")}
    assert all("teaser" in s.reason for s in skipped)


def test_feed_that_times_out_is_skipped_and_the_run_goes_on(dataset, tmp_path):
    local = tmp_path / "local.txt"
    local.write_text(STORY.replace("\n", " "), encoding="utf-8")
    site = Site(routes={"/feed.xml": Route(rss([]), delay=2.0)})
    with serve(site):
        summary = dataset.ingest([site.url("/feed.xml"), local], extractor=extract, fetch=FAST)
    assert summary.stored == 1
    (skip,) = summary.skipped
    assert skip.origin == site.url("/feed.xml") and "timed out" in skip.reason


def test_atom_feed_file_and_incremental_polling(dataset, tmp_path):
    site = Site(
        routes={
            "/a1": Route(page("One", STORY, "2021-02-12")),
            "/a2": Route(page("Two", OTHER, "2021-02-13")),
        }
    )
    with serve(site):
        atom = tmp_path / "feed.atom"
        atom.write_text(
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Herald</title>'
            f'<entry><title>One</title><link href="{site.url("/a1")}"/>'
            "<updated>2021-02-12T09:00:00Z</updated></entry>"
            f'<entry><title>Two</title><link href="{site.url("/a2")}"/>'
            "<updated>2021-02-13T09:00:00Z</updated></entry></feed>",
            encoding="utf-8",
        )
        first = dataset.ingest(atom, extractor=extract, fetch=FAST)
        assert first.stored == 2
        (ev,) = dataset.events()  # both items tell one incident
        assert (ev.fatalities_low, ev.fatalities_high) == (2, 3)
        second = dataset.ingest(atom, extractor=extract, fetch=FAST)
    # Items already stored are not fetched again.
    assert second.stored == 0
    assert (site.hits["/a1"], site.hits["/a2"]) == (1, 1)


def test_robots_txt_is_obeyed():
    site = Site(
        routes={
            "/robots.txt": Route(
                b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
            ),
            "/private/1": Route(page("Secret", STORY, "2021-02-12")),
            "/public/1": Route(page("Open", OTHER, "2021-02-13")),
        }
    )
    with serve(site), collect_skips() as skipped, Fetcher(FAST) as fetcher:
        docs = list(read_inputs([site.url("/private/1"), site.url("/public/1")], fetcher=fetcher))
    assert [d.title for d in docs] == ["Open"]
    assert "/private/1" not in site.hits and site.hits["/robots.txt"] == 1
    assert [s.reason for s in skipped] == ["disallowed by the site's robots.txt"]
