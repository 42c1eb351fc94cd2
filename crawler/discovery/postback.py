"""ASP.NET WebForms pagination: pager links that are `javascript:__doPostBack('target',
'argument')` reach pages 2, 3… only by posting the page's form back (SharePoint and
WebForms portals: GridView "Page$2", DataPager, "Trang sau" buttons). The crawler replays
what the browser would: the form's fields (__VIEWSTATE, __EVENTVALIDATION…) with
__EVENTTARGET and __EVENTARGUMENT set, through Scrapy's FormRequest.from_response."""
from __future__ import annotations

import re

from scrapy.http import FormRequest

POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")
POSTBACK_OPTIONS = re.compile(r"""WebForm_PostBackOptions\(\s*['"]([^'"]+)['"]""")
MARKERS = (b"__doPostBack", b"WebForm_PostBackOptions")
# What a pager link says: a page number, next/previous words, arrows.
PAGER_TEXT = re.compile(r"^(?:\d{1,4}|\.\.\.|…|»|«|›|‹|>>?|<<?|trang\s*\d+|"
                        r"(?:trang\s*)?(?:sau|tiếp|kế|trước|đầu|cuối)(?:\s*(?:»|›|>))?|"
                        r"next|prev(?:ious)?|first|last)$", re.I)


def pager_postbacks(response) -> list[tuple[str, str]]:
    """(event target, event argument) of every pager link that posts back, in page order."""
    if not any(marker in response.body for marker in MARKERS):
        return []
    found: dict[tuple[str, str], None] = {}
    for a in response.xpath('//a[contains(@href, "PostBack") or contains(@onclick, "PostBack")]'):
        text = " ".join(a.xpath("normalize-space(string())").get("").split())
        if not PAGER_TEXT.match(text or a.attrib.get("title", "")):
            continue
        script = f"{a.attrib.get('href', '')} {a.attrib.get('onclick', '')}"
        if m := POSTBACK.search(script):
            found[(m[1], m[2])] = None
        elif m := POSTBACK_OPTIONS.search(script):
            found[(m[1], "")] = None
    return list(found)


def frontier_key(url: str, target: str, argument: str) -> str:
    """The frontier entry of a postback: every page of it has the form's URL."""
    return f"{url}#postback={target}|{argument}"


def base_of(key: str) -> str | None:
    """The page whose form a postback frontier key replays, None for an ordinary URL."""
    return key.split("#postback=", 1)[0] if "#postback=" in key else None


def postback_request(response, target: str, argument: str, **kwargs) -> FormRequest | None:
    """The POST the browser sends for this pager link, None when the page has no form."""
    forms = response.xpath("//form")
    if not forms:
        return None
    with_state = [i for i, f in enumerate(forms) if f.xpath('.//input[@name="__VIEWSTATE"]')]
    return FormRequest.from_response(
        response, formnumber=with_state[0] if with_state else 0, dont_click=True,
        formdata={"__EVENTTARGET": target, "__EVENTARGUMENT": argument}, **kwargs)
