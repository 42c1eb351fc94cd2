"""A template family: how one platform lays out its pages and URLs. Subclasses (the
families_*.py modules) give the markup; `build_site` turns a family and its articles into
a site: home, paginated listings, tag and search pages, articles (some split over two
pages), print/mobile/AMP copies, robots.txt, sitemaps and feeds, with the truth."""
from __future__ import annotations

from urllib.parse import parse_qs

from zoo.model import Article, Truth, ZooSite, e, of_family, read_viewstate, viewstate


class Family:
    name = ""
    site_title = ""
    province = "Hòa Bình"
    per_page = 2
    section = "Thi đua - Khen thưởng"
    sitemap_only: int | None = None   # the article (by n) only a sitemap lists
    feed_only: int | None = None      # the article only a feed lists
    postback_listing = False          # listing pages 2… reachable only by __doPostBack
    copy_kinds: tuple[str, ...] = ()  # "print", "mobile", "amp": copies of every article
    markers: tuple[str, ...] = ()     # furniture text that must never be in a body

    # ---- addresses: templates a family sets, formatted with the article `a` or the
    # listing page `n` (`start`: the first item's offset, `n0`: the page counted from 0)
    article_url = "/tin-tuc/{a.slug}.html"
    part_url = "{stem}-2.html"                 # page 2 of a split article; {a}, {stem}
    listing_url = ("/tin-tuc/", "/tin-tuc/trang-{n}.html")   # page 1, pages 2…
    tag_url = "/tag/{tag}.html"
    search_url = "/tim-kiem?q=thi+dua"
    copy_urls = {"print": "/in/{a.slug}.html", "mobile": "/m/{a.slug}.html", "amp": "/amp/{a.slug}.html"}

    def article_path(self, a: Article) -> str:
        return self.article_url.format(a=a)

    def part_path(self, a: Article) -> str:
        return self.part_url.format(a=a, stem=a.path.rsplit(".", 1)[0])

    def listing_path(self, page: int) -> str:
        first, later = self.listing_url
        return first if page == 1 else later.format(n=page, n0=page - 1, start=(page - 1) * self.per_page)

    def tag_path(self, tag: str) -> str:
        return self.tag_url.format(tag=tag)

    def search_path(self) -> str:
        return self.search_url

    def copy_path(self, kind: str, a: Article) -> str:
        return self.copy_urls[kind].format(a=a)

    # ---- pages (subclasses override) ------------------------------------------------
    def page(self, title: str, main: str, *, head: str = "", kind: str = "article") -> str:
        raise NotImplementedError

    def article_main(self, a: Article, paragraphs: list[str], ctx: "Context", part: int | None) -> str:
        raise NotImplementedError

    def teaser(self, a: Article) -> str:
        return (f'<div class="item"><h3><a href="{a.path}">{e(a.title)}</a></h3>'
                f'<span class="date">{a.dmy}</span><p>{e(a.lead)}</p></div>')

    def pager(self, page: int, pages: int) -> str:
        links = [f'<a href="{self.listing_path(p)}">{p}</a>' if p != page else f"<span>{p}</span>"
                 for p in range(1, pages + 1)]
        if page < pages:
            links.append(f'<a href="{self.listing_path(page + 1)}">Trang sau</a>')
        return f'<div class="pager">{" ".join(links)}</div>'

    def listing_main(self, items: list[Article], page: int, pages: int, title: str) -> str:
        return (f'<h1 class="cat-title">{e(title)}</h1><div class="list">'
                + "".join(self.teaser(a) for a in items) + "</div>" + self.pager(page, pages))

    def home_main(self, latest: list[Article], ctx: "Context") -> str:
        return ('<h2 class="box-title">Tin mới nhất</h2><div class="list">'
                + "".join(self.teaser(a) for a in latest) + "</div>"
                + f'<p><a href="{self.listing_path(1)}">Xem tất cả tin {e(self.section)}</a></p>'
                + "".join(f'<a href="{self.tag_path(t)}">#{t}</a> ' for t in ctx.tags))

    def copy_page(self, kind: str, a: Article, ctx: "Context") -> str:
        """A print view by default: the article without the site's furniture."""
        body = "".join(f"<p>{e(p)}</p>" for p in [a.lead, *a.paragraphs])
        head = f'<link rel="canonical" href="{a.path}">' if kind == "amp" else ""
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(a.title)}</title>'
                f'{head}</head><body onload="window.print()"><div class="print-header">{e(self.site_title)}</div>'
                f'<h1>{e(a.title)}</h1><p class="print-date">Ngày đăng: {a.dmy} {a.time}</p>{body}'
                f'<p class="print-author"><b>{e(a.author)}</b></p><div class="print-footer">'
                f'Bản in từ {e(self.site_title)}</div></body></html>')

    def copy_links(self, a: Article) -> str:
        names = {"print": "In bài", "mobile": "Bản di động", "amp": "Bản AMP"}
        return " | ".join(f'<a href="{self.copy_path(k, a)}" rel="nofollow">{names[k]}</a>'
                          for k in self.copy_kinds)

    def robots(self, ctx: "Context") -> str:
        return "User-agent: *\nDisallow: /admin/\n"

    def discovery(self, ctx: "Context") -> dict[str, str]:
        """Sitemaps and feeds, by path."""
        return {}

    # ---- shared markup for discovery -------------------------------------------------
    @staticmethod
    def rss(title: str, base: str, items: list[Article]) -> str:
        entries = "".join(
            f"<item><title>{e(a.title)}</title><link>{base}{a.path}</link>"
            f"<description>{e(a.lead)}</description><pubDate>{a.day.strftime('%a, %d %b %Y')} "
            f"{a.time}:00 +0700</pubDate><guid>{base}{a.path}</guid></item>" for a in items)
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>{e(title)}</title><link>{base}/</link><description>{e(title)}</description>"
                f"{entries}</channel></rss>")

    @staticmethod
    def atom(title: str, base: str, items: list[Article]) -> str:
        entries = "".join(
            f'<entry><title>{e(a.title)}</title><link rel="alternate" href="{a.path}"/>'
            f"<id>{base}{a.path}</id><updated>{a.iso_time}</updated><summary>{e(a.lead)}</summary></entry>"
            for a in items)
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
                f'xml:base="{base}/"><title>{e(title)}</title><id>{base}/</id>{entries}</feed>')

    @staticmethod
    def urlset(base: str, paths: list[tuple[str, str | None]], news: list[Article] = ()) -> str:
        urls = "".join(f"<url><loc>{base}{p}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>"
                       for p, d in paths)
        urls += "".join(
            f"<url><loc>{base}{a.path}</loc><news:news><news:publication><news:name>{e(a.family)}"
            f"</news:name><news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{a.iso_time}</news:publication_date><news:title>{e(a.title)}"
            f"</news:title></news:news></url>" for a in news)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>")

    @staticmethod
    def sitemapindex(base: str, paths: list[str]) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths) + "</sitemapindex>")

    # ---- postback pagination ---------------------------------------------------------
    def postback_target(self, page: int) -> str:
        return f"ctl00$ctl40$g_5f1a2c3d$ctl00$dpgTinTuc$ctl01$ctl{page:02d}"

    def postback_pager(self, page: int, pages: int) -> str:
        links = []
        for p in range(1, pages + 1):
            if p == page:
                links.append(f"<span>{p}</span>")
            elif p == 1:
                links.append(f'<a href="{self.listing_path(1)}">1</a>')
            else:
                links.append(f"<a href=\"javascript:__doPostBack('{self.postback_target(p)}','')\">{p}</a>")
        if page < pages:
            links.append(f"<a href=\"javascript:__doPostBack('{self.postback_target(page + 1)}','')\">"
                         "Trang sau</a>")
        return f'<div class="pager">{" ".join(links)}</div>'


class Context:
    """What a page of the site needs to know about the others."""

    def __init__(self, family: Family, items: list[Article], base: str = ""):
        self.family, self.items, self.base = family, items, base
        self.tags = sorted({t for a in items for t in a.tags})

    def related(self, a: Article, n: int = 3) -> list[Article]:
        return [b for b in self.items if b is not a][:n]


def build_site(family: Family, base: str = "") -> ZooSite:
    """Every page of one family's site. `base` ("http://127.0.0.1:PORT") is only needed by
    sitemaps and feeds, which hold absolute URLs."""
    items = of_family(family.name)
    for a in items:
        a.path = family.article_path(a)
    ctx = Context(family, items, base)
    hidden = {a.n: "sitemap" for a in items if a.n == family.sitemap_only}
    hidden |= {a.n: "feed" for a in items if a.n == family.feed_only}
    listed = sorted((a for a in items if a.n not in hidden), key=lambda a: a.date, reverse=True)
    site = ZooSite(family.name, family.site_title, family.province, pages={},
                   hidden={a.path: hidden[a.n] for a in items if a.n in hidden})
    chunks = [listed[i:i + family.per_page] for i in range(0, len(listed), family.per_page)]
    pages: dict[str, str] = {}
    for no, chunk in enumerate(chunks, 1):
        html = family.page(family.section, family.listing_main(chunk, no, len(chunks), family.section),
                           kind="listing")
        if family.postback_listing and no > 1:
            site.forms.setdefault(family.listing_path(1), {})[family.postback_target(no)] = html.encode()
        else:
            pages[family.listing_path(no)] = html
        site.listings.append(family.listing_path(no))
    if family.postback_listing:
        site.forms = {path: _postback_handler(targets) for path, targets in site.forms.items()}
    for a in items:
        if a.split_after:
            first, rest = a.paragraphs[:a.split_after], a.paragraphs[a.split_after:]
            pages[a.path] = family.page(a.title, family.article_main(a, first, ctx, 1), kind="article")
            part = family.part_path(a)
            pages[part] = family.page(a.title, family.article_main(a, rest, ctx, 2), kind="article")
            site.parts[part] = a.path
        else:
            pages[a.path] = family.page(a.title, family.article_main(a, a.paragraphs, ctx, None),
                                        kind="article")
        for kind in family.copy_kinds:
            pages[family.copy_path(kind, a)] = family.copy_page(kind, a, ctx)
            site.copies[family.copy_path(kind, a)] = a.path
        site.truth[a.path] = Truth(
            family=family.name, path=a.path, title=a.title, published=a.date, author=a.author,
            lead=a.lead, paragraphs=list(a.paragraphs),
            markers=[*family.markers, *[b.title for b in items if b is not a],
                     *[b.lead[:60] for b in items if b is not a]])
    for tag in ctx.tags:
        tagged = [a for a in listed if tag in a.tags]
        pages[family.tag_path(tag)] = family.page(
            f"Thẻ: {tag}", family.listing_main(tagged, 1, 1, f"Thẻ: {tag}"), kind="tag")
        site.listings.append(family.tag_path(tag))
    pages["/"] = family.page(family.site_title, family.home_main(listed[:3], ctx), kind="home")
    site.listings.append("/")
    pages[family.search_path().split("?")[0]] = family.page(
        "Tìm kiếm", family.listing_main(listed[:2], 1, 1, "Kết quả tìm kiếm"), kind="search")
    pages["/robots.txt"] = family.robots(ctx)
    pages.update(family.discovery(ctx))
    site.pages = {p: h.encode("utf-8") for p, h in pages.items()}
    return site


def _postback_handler(targets: dict[str, bytes]):
    """The server side of a WebForms pager: the page asked for by __EVENTTARGET, only
    with a __VIEWSTATE the site issued (ASP.NET answers 500 otherwise)."""
    def handle(body: bytes) -> tuple[int, bytes]:
        fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        if read_viewstate(fields.get("__VIEWSTATE")) is None:
            return 500, b"<html><body><h1>Validation of viewstate MAC failed.</h1></body></html>"
        page = targets.get(fields.get("__EVENTTARGET", ""))
        return (200, page) if page is not None else (200, b"<html><body>Trang 1</body></html>")
    return handle


def aspnet_form_fields(label: str) -> str:
    return ('<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
            '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">'
            f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(label)}"></div>'
            "<script>var theForm = document.forms[0]; function __doPostBack(eventTarget, eventArgument) {"
            " if (!theForm.onsubmit || (theForm.onsubmit() != false)) { theForm.__EVENTTARGET.value = eventTarget;"
            " theForm.__EVENTARGUMENT.value = eventArgument; theForm.submit(); } }</script>"
            '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" value="CA0B0334">'
            f'<input type="hidden" name="__EVENTVALIDATION" value="{viewstate("ev-" + label)}"></div>')
