"""Generated news sites in the genre, of any size, for crawl tests and the crawl benchmark.

    site = build_site(2000, template="blog")
    site.pages["/tin-tuc/index.html"]  # bytes (UTF-8 HTML)

Two templates imitate the sites the crawler meets: "portal" (a legacy table layout with
`<td class="content">` and the date line "Cập nhật lúc: 08:15 12/01/2024") and "blog"
(HTML5 `<main><article>` with `<time datetime>` and `<p class="tac-gia">`). Both carry the
usual furniture — header menu, "Tin liên quan" sidebar, share buttons, view counter,
footer — and paginated listings ("Trang sau", page numbers). Each article links its
print view "/in/<slug>-<n>.html", whose main text block is byte-for-byte the article's,
so the two share one content fingerprint.

Articles are composed from the vocabulary in synthetic_vocab.toml with a generator seeded
per article, so a site is the same on every run and every article's text is distinct.
"""
from __future__ import annotations

import math
import random
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from html import escape
from pathlib import Path

VOCAB_FILE = Path(__file__).with_name("synthetic_vocab.toml")
LISTING_DIR = "/tin-tuc/"
PRINT_DIR = "/in/"
ABOUT_PATH = "/gioi-thieu.html"
TEMPLATES = ("portal", "blog")
RELATED = 5       # "Tin liên quan" links per article
PAGER_SPAN = 2    # page numbers shown either side of the current listing page


@dataclass
class Site:
    template: str
    province: str
    pages: dict[str, bytes] = field(repr=False)
    articles: list[str] = field(repr=False)        # article paths, print views excluded
    listings: list[str] = field(repr=False)        # listing pages, first page first
    print_views: dict[str, str] = field(repr=False)  # print path → article path
    titles: dict[str, str] = field(repr=False)       # article path → headline
    others: list[str] = field(repr=False)            # pages that are neither (about page)

    @property
    def start_path(self) -> str:
        return self.listings[0]


@dataclass(frozen=True)
class _Article:
    n: int
    path: str
    print_path: str | None
    title: str
    teaser: str
    paragraphs: tuple[str, ...]
    published: date
    time: str
    author: str
    views: int


@cache
def vocab() -> dict:
    with VOCAB_FILE.open("rb") as fh:
        return tomllib.load(fh)


def listing_path(page: int) -> str:
    return f"{LISTING_DIR}index.html" if page == 1 else f"{LISTING_DIR}trang-{page}.html"


def slugify(text: str, limit: int = 80) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug[:limit].rstrip("-")


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def to_cp1258(text: str) -> bytes:
    """`text` in Windows-1258, the legacy Vietnamese code page of old portals (for pages
    that declare one encoding and are written in another). Windows-1258 has the vowels
    with circumflex, breve and horn but writes the five tone marks as combining
    characters after them, which Python's codec does not arrange by itself."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")  # precomposed in the code page (à, ô, ư...): as Windows writes it
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def _number(value: float, decimals: int) -> str:
    """Vietnamese style: 1.334,25"""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _person(rng: random.Random) -> tuple[str, str]:
    v = vocab()
    if rng.random() < 0.5:
        return "ông", f"{rng.choice(v['family'])} {rng.choice(v['male_middle'])} {rng.choice(v['male_given'])}"
    return "bà", f"{rng.choice(v['family'])} {rng.choice(v['female_middle'])} {rng.choice(v['female_given'])}"


def _head_of(unit: str, rng: random.Random) -> str:
    honorific, name = _person(rng)
    title = next(t for prefix, t in vocab()["head_titles"] if unit.startswith(prefix))
    return f"{honorific} {name}, {title} {unit}"


def _facts(rng: random.Random, province: str, year: int, published: date) -> dict:
    """Every placeholder of the paragraph templates, drawn for one article."""
    v = vocab()
    bloc = rng.choice(v["bloc"])
    members = [m.format(province=province) for m in bloc["members"]]
    leader_prev, leader, deputy, flag, unit_a, unit_b, *rest = rng.sample(members, len(members))
    merit = rng.sample([leader_prev, leader, deputy, unit_a, unit_b, *rest], rng.randint(2, 4))
    honorific, guest = _person(rng)
    honor = rng.choice(v["honors"])
    # The event happened up to three days before the article, never before 1 January.
    held = max(published - timedelta(days=rng.randint(0, 3)), date(year, 1, 1))
    return {
        "province": province, "bloc": bloc["name"], "bloc_short": bloc["short"],
        "group": bloc["group"], "n_members": len(members),
        "year": year, "prev": year - 1, "prev2": year - 2,
        "day": f"{held.day:02d}", "month": f"{held.month:02d}",
        "guest": f"{honorific} {guest}, {rng.choice(v['guest_roles'])}",
        "guest_name": f"{honorific} {guest}",
        "head": _head_of(leader_prev, rng), "new_head": _head_of(leader, rng),
        "flag_head": _head_of(flag, rng),
        "leader_prev": leader_prev, "leader_unit": leader, "deputy_unit": deputy,
        "flag_unit": flag, "merit_units": ", ".join(merit), "unit_a": unit_a, "unit_b": unit_b,
        "movement": rng.choice(v["movements"]), "indicator": rng.choice(bloc["indicators"]),
        "value": _number(rng.uniform(50, 9000), 3), "pct": _number(rng.uniform(1, 15), 2),
        "pct2": _number(rng.uniform(45, 99.9), 1), "score": _number(rng.uniform(90, 99.9), 1),
        "n_initiatives": rng.randint(12, 240), "n_collectives": rng.randint(5, 60),
        "n_individuals": rng.randint(20, 400), "honor": honor["name"], "honor_by": honor["by"],
    }


def _kinds() -> tuple[list[dict], list[int]]:
    kinds = vocab()["kind"]
    return kinds, [k.get("weight", 1) for k in kinds]


def _compose(rng: random.Random, facts: dict) -> tuple[str, str, tuple[str, ...]]:
    kinds, weights = _kinds()
    kind = rng.choices(kinds, weights)[0]
    n_mid = rng.randint(1, min(3, len(kind["middles"])))
    n_end = rng.randint(1, min(2, len(kind["closings"])))
    mids = sorted(rng.sample(range(len(kind["middles"])), n_mid))
    ends = sorted(rng.sample(range(len(kind["closings"])), n_end))
    templates = [rng.choice(kind["openings"]), *(kind["middles"][i] for i in mids),
                 *(kind["closings"][i] for i in ends)]
    paragraphs = tuple(t.format_map(facts) for t in templates)
    title = rng.choice(kind["titles"]).format_map(facts)
    teaser = rng.choice(kind["teasers"]).format_map(facts)
    return title, teaser, paragraphs


def _articles(n: int, seed: int, year: int, province: str, print_views: bool | float) -> list[_Article]:
    share = 1.0 if print_views is True else 0.0 if print_views is False else float(print_views)
    start = date(year, 1, 2)
    span = (date(year, 12, 31) - start).days
    seen: set[tuple[str, ...]] = set()
    out = []
    for i in range(n):
        published = start + timedelta(days=(i * span) // max(n - 1, 1))
        attempt = 0
        while True:  # identical texts are possible in principle; draw again until unique
            rng = random.Random(f"{seed}:{i}:{attempt}")
            facts = _facts(rng, province, year, published)
            title, teaser, paragraphs = _compose(rng, facts)
            if paragraphs not in seen:
                seen.add(paragraphs)
                break
            attempt += 1
        number = i + 1
        slug = f"{slugify(title)}-{number}"
        # Every k-th article has a print view when only a share of them should.
        has_print = math.floor(number * share) > math.floor((number - 1) * share)
        author = " ".join(_person(rng)[1].split()[1:])  # bylines give no family name
        out.append(_Article(
            n=number, path=f"{LISTING_DIR}{slug}.html",
            print_path=f"{PRINT_DIR}{slug}.html" if has_print else None,
            title=title, teaser=teaser, paragraphs=paragraphs, published=published,
            time=f"{rng.randint(7, 17):02d}:{rng.randrange(0, 60, 5):02d}",
            author=author, views=rng.randint(120, 9800)))
    return out


# ---- shared pieces ------------------------------------------------------------------

def _head(title: str, site_name: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)} - {escape(site_name)}</title>\n"
            f"<script>window.dataLayer = window.dataLayer || [];</script>\n</head>\n")


def _body_block(a: _Article) -> str:
    """The main text block; the print view embeds the very same string."""
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
    return f'<div class="noi-dung">\n{paras}\n</div>'


def _date_line(a: _Article) -> str:
    return f"{a.published:%d/%m/%Y}"


def _share(a: _Article) -> str:
    links = [f'<a href="https://www.facebook.com/sharer/sharer.php?u={a.path}">Facebook</a>',
             f'<a href="https://zalo.me/share?url={a.path}">Zalo</a>']
    if a.print_path:
        links.append(f'<a href="{a.print_path}" rel="nofollow">In bài</a>')
    return "Chia sẻ: " + " ".join(links)


def _link_list(items: list[_Article]) -> str:
    return "\n".join(f'<li><a href="{a.path}">{escape(a.title)}</a> '
                     f'<span class="ngay">({_date_line(a)})</span></li>' for a in items)


def _pager(page: int, pages: int) -> str:
    parts = []
    if page > 1:
        parts.append(f'<a href="{listing_path(1)}">Trang đầu</a>')
        parts.append(f'<a href="{listing_path(page - 1)}">Trang trước</a>')
    for p in range(max(1, page - PAGER_SPAN), min(pages, page + PAGER_SPAN) + 1):
        parts.append(f"<b>{p}</b>" if p == page else f'<a href="{listing_path(p)}">{p}</a>')
    if page < pages:
        parts.append(f'<a href="{listing_path(page + 1)}">Trang sau</a>')
        parts.append(f'<a href="{listing_path(pages)}">Trang cuối</a>')
    return " ".join(parts)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# ---- template "portal": legacy table layout -------------------------------------------

def _portal_page(title: str, site_name: str, main: str, side_title: str,
                 side: list[_Article]) -> str:
    sidebar = (f'<td class="sidebar" valign="top" width="300"><div class="box">'
               f'<h3>{side_title}</h3><ul>\n{_link_list(side)}\n</ul></div>'
               f'<div class="box">Đang truy cập: 37</div></td>') if side else ""
    return _head(title, site_name) + f"""<body>
<table class="khung" width="980" align="center" cellpadding="0" cellspacing="0">
<tr><td class="banner" colspan="2"><a href="{listing_path(1)}"><b>{escape(site_name.upper())}</b></a></td></tr>
<tr><td class="menu" colspan="2"><a href="{listing_path(1)}">Trang chủ</a> | <a href="{listing_path(1)}">Thi đua - Khen thưởng</a> | <a href="{ABOUT_PATH}">Giới thiệu</a> | <a href="#lien-he">Liên hệ</a></td></tr>
<tr><td class="content" valign="top">
{main}
</td>
{sidebar}</tr>
<tr><td class="footer" colspan="2" id="lien-he"><b>{escape(site_name)}</b><br>Cơ quan chủ quản: Văn phòng UBND tỉnh<br>Điện thoại: 0209.3870.000 - Email: banbientap@example.vn<br>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</td></tr>
</table>
</body>
</html>
"""


def _portal_article(a: _Article, site_name: str, related: list[_Article]) -> str:
    main = f"""<h1 class="tieu-de">{escape(a.title)}</h1>
<div class="ngay-dang">Cập nhật lúc: {a.time} {_date_line(a)}</div>
{_body_block(a)}
<p class="tac-gia" align="right"><b>{escape(a.author)}</b></p>
<div class="chia-se">{_share(a)}</div>
<div class="luot-xem">Lượt xem: {_thousands(a.views)}</div>"""
    return _portal_page(a.title, site_name, main, "Tin liên quan", related)


def _portal_listing(page: int, pages: int, items: list[_Article], site_name: str,
                    latest: list[_Article]) -> str:
    rows = "\n".join(f"""<tr><td class="tin"><a class="tieu-de" href="{a.path}">{escape(a.title)}</a>
<span class="ngay">({_date_line(a)})</span>
<p class="tom-tat">{escape(a.teaser)}</p></td></tr>""" for a in items)
    main = f"""<h1 class="chuyen-muc">Thi đua - Khen thưởng</h1>
<table class="ds-tin" width="100%">
{rows}
</table>
<div class="phan-trang">Trang: {_pager(page, pages)}</div>"""
    return _portal_page(f"Thi đua - Khen thưởng - Trang {page}", site_name, main,
                        "Tin mới nhất", latest)


# ---- template "blog": HTML5 ---------------------------------------------------------

def _blog_page(title: str, site_name: str, main: str, side_title: str,
               side: list[_Article]) -> str:
    aside = (f'<aside class="sidebar"><section class="widget"><h2>{side_title}</h2><ul>\n'
             f"{_link_list(side)}\n</ul></section></aside>") if side else ""
    return _head(title, site_name) + f"""<body class="blog">
<header class="site-header"><a class="logo" href="{listing_path(1)}">{escape(site_name)}</a>
<nav><ul><li><a href="{listing_path(1)}">Tin tức</a></li><li><a href="{ABOUT_PATH}">Giới thiệu</a></li><li><a href="#lien-he">Liên hệ</a></li></ul></nav></header>
<main class="container">
{main}
{aside}
</main>
<footer id="lien-he"><p>© {escape(site_name)}</p><p>Điện thoại: 0209.3870.111 - Email: tdkt@example.vn</p></footer>
</body>
</html>
"""


def _blog_article(a: _Article, site_name: str, related: list[_Article]) -> str:
    main = f"""<article class="bai-viet">
<h1>{escape(a.title)}</h1>
<p class="meta"><time datetime="{a.published.isoformat()}T{a.time}:00+07:00">{_date_line(a)} {a.time}</time> · <span class="luot-xem">{_thousands(a.views)} lượt xem</span></p>
{_body_block(a)}
<p class="tac-gia">{escape(a.author)}</p>
<div class="share">{_share(a)}</div>
</article>"""
    return _blog_page(a.title, site_name, main, "Tin liên quan", related)


def _blog_listing(page: int, pages: int, items: list[_Article], site_name: str,
                  latest: list[_Article]) -> str:
    rows = "\n".join(f"""<article class="tin"><h2><a href="{a.path}">{escape(a.title)}</a></h2>
<time datetime="{a.published.isoformat()}">{_date_line(a)}</time>
<p class="tom-tat">{escape(a.teaser)}</p></article>""" for a in items)
    main = f"""<section class="danh-sach"><h1>Tin tức thi đua - khen thưởng</h1>
{rows}
<nav class="phan-trang">{_pager(page, pages)}</nav></section>"""
    return _blog_page(f"Tin tức - Trang {page}", site_name, main, "Tin mới nhất", latest)


def _print_view(a: _Article, site_name: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="robots" content="noindex">\n<title>{escape(a.title)}</title>\n</head>\n'
            f'<body onload="window.print()">\n<p><b>{escape(site_name)}</b></p>\n'
            f"<h1>{escape(a.title)}</h1>\n<p>Ngày đăng: {_date_line(a)} {a.time}</p>\n"
            f"{_body_block(a)}\n<p>{escape(a.author)}</p>\n</body>\n</html>\n")


def _about(site_name: str, province: str, render_page) -> str:
    main = (f'<h1>Giới thiệu</h1>\n<p>Trang tin đăng tải hoạt động của các khối, cụm thi đua '
            f"và công tác thi đua, khen thưởng trên địa bàn tỉnh {escape(province)}. Mọi ý kiến "
            f"đóng góp xin gửi về ban biên tập.</p>")
    return render_page("Giới thiệu", site_name, main, "", [])


def build_site(n_articles: int, template: str = "portal", per_page: int = 10, seed: int = 0,
               print_views: bool | float = True, sidebar: bool = True, year: int = 2024) -> Site:
    """A whole site: `n_articles` articles, their listings (newest first, `per_page` each),
    print views (True: every article; a float: that share of them; False: none) and an
    about page."""
    if template not in TEMPLATES:
        raise ValueError(f"template must be one of {TEMPLATES}, not {template!r}")
    if n_articles < 1 or per_page < 1:
        raise ValueError("n_articles and per_page must be at least 1")
    province = random.Random(f"{seed}:province").choice(vocab()["provinces"])
    site_name = (f"Cổng thông tin điện tử tỉnh {province}" if template == "portal"
                 else f"Ban Thi đua - Khen thưởng tỉnh {province}")
    render_article = _portal_article if template == "portal" else _blog_article
    render_listing = _portal_listing if template == "portal" else _blog_listing
    render_page = _portal_page if template == "portal" else _blog_page

    articles = _articles(n_articles, seed, year, province, print_views)
    newest = articles[::-1]
    latest = newest[:RELATED] if sidebar else []
    pages: dict[str, str] = {}
    rng = random.Random(f"{seed}:related")
    for a in articles:
        related = []
        if sidebar and n_articles > 1:
            picks = rng.sample(range(n_articles - 1), min(RELATED, n_articles - 1))
            related = [articles[i if i < a.n - 1 else i + 1] for i in picks]
        pages[a.path] = render_article(a, site_name, related)
        if a.print_path:
            pages[a.print_path] = _print_view(a, site_name)
    n_pages = math.ceil(n_articles / per_page)
    listings = [listing_path(p) for p in range(1, n_pages + 1)]
    for p in range(1, n_pages + 1):
        items = newest[(p - 1) * per_page: p * per_page]
        pages[listing_path(p)] = render_listing(p, n_pages, items, site_name, latest)
    pages[ABOUT_PATH] = _about(site_name, province, render_page)
    return Site(
        template=template, province=province,
        pages={path: html.encode("utf-8") for path, html in pages.items()},
        articles=[a.path for a in articles], listings=listings,
        print_views={a.print_path: a.path for a in articles if a.print_path},
        titles={a.path: a.title for a in articles}, others=[ABOUT_PATH])
