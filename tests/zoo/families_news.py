"""Newspaper templates: the MCMS platform of many provincial papers (sapo outside the body,
related boxes inside it), a VnExpress-like layout (p.description lead, -p2 listings, a
category page with a hidden promo box of prose) and a React/Next.js site (generated class
names, JSON-LD, an Atom feed)."""
from __future__ import annotations

import json

from zoo.family import Family
from zoo.model import Article, e


def _paras(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{e(p)}</p>" for p in items)


def _news_ld(a: Article) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
            "datePublished": a.iso_time, "description": a.lead,
            "author": {"@type": "Person", "name": a.author},
            "publisher": {"@type": "Organization", "name": "Báo Hòa Bình"}}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


class Mcms(Family):
    name = "mcms"
    site_title = "Báo Hòa Bình điện tử"
    sitemap_only = 4
    copy_kinds = ("amp",)
    markers = ("Tin liên quan", "Đọc nhiều", "Tổng Biên tập", "Giấy phép số 25/GP-BTTTT", "Theo dõi Báo Hòa Bình",
               "Bản di động", "Hotline")
    article_url = "/{a.slug}-post{a.id}.html"
    listing_url = ("/thi-dua-khen-thuong/", "/thi-dua-khen-thuong/trang-{n}.html")
    copy_urls = {"amp": "/amp/{a.slug}-post{a.id}.html"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)} | {e(self.site_title)}</title>
<meta property="og:type" content="{'article' if kind == 'article' else 'website'}">
<link rel="stylesheet" href="https://common.mcms.one/assets/css/main.css">{head}</head>
<body><div id="sdaWeb_SdaMasthead" class="rennab" data-platform="1" style="display:none"> </div>
<header class="site-header"><div class="container"><a href="/" class="logo" title="{e(self.site_title)}">{e(self.site_title)}</a>
<nav class="menu"><ul><li><a href="/" class="home" title="Trang chủ">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Thi đua - Khen thưởng</a></li>
<li><a href="/thoi-su/">Thời sự</a></li></ul></nav></div></header>
<div class="site-body"><div class="container">{main}</div></div>
<footer class="site-footer"><div class="container"><p>Tổng Biên tập: Nguyễn Văn An. Giấy phép số 25/GP-BTTTT.</p>
<p>Hotline: 0218.3852.345. Theo dõi Báo Hòa Bình trên mạng xã hội.</p></div></footer></body></html>"""

    def relate_box(self, b: Article) -> str:
        return (f'<div class="article-relate"><a class="story__thumb" href="{b.path}"><img src="https://cdn.baohoabinh.vn/images/{b.n}.jpg" alt=""></a>'
                f'<h3 class="story__heading"><a class="cms-link" href="{b.path}">{e(b.title)}</a></h3>'
                f'<div class="story__summary">{e(b.lead)}</div></div>')

    def article_main(self, a, paragraphs, ctx, part):
        related = ctx.related(a, 2)
        body = _paras(paragraphs[:2]) + self.relate_box(related[0]) + _paras(paragraphs[2:]) + self.relate_box(related[1])
        reads = "".join(f'<li><a href="{b.path}">{e(b.title)}</a></li>' for b in ctx.related(a))
        return f"""{_news_ld(a)}<div class="article">
<div class="breadcrumb breadcrumb-detail"><h2 class="main"><a href="{self.listing_path(1)}" title="Thi đua - Khen thưởng">Thi đua - Khen thưởng</a></h2></div>
<div class="article__header"><h1 class="article__title cms-title">{e(a.title)}</h1>
<div class="article__sapo cms-desc"><p>{e(a.lead)}</p></div></div>
<div class="col"><div class="main-col content-col"><div class="article__meta"><time class="time" datetime="{a.iso_time}">{a.weekday}, {a.dmy} - {a.time}</time></div>
<div class="features article__social"><a href="#" class="item" title="Chia sẻ">Chia sẻ</a> <a href="{self.copy_path('amp', a)}">Bản di động</a></div>
<div class="article__body cms-body">{body}</div>
<div class="article-footer"><div class="article__author"><p class="name">{e(a.author)}</p></div></div>
<div class="box-related"><h3 class="box-heading">Tin liên quan</h3><ul>{reads}</ul></div></div>
<div class="sub-col"><div class="box-most-read"><h3 class="box-heading">Đọc nhiều</h3><ul>{reads}</ul></div></div></div></div>"""

    def teaser(self, a):
        return (f'<article class="story"><figure class="story__thumb"><a class="cms-link" href="{a.path}"><img src="https://cdn.baohoabinh.vn/images/{a.n}.jpg" alt=""></a></figure>'
                f'<h2 class="story__heading"><a class="cms-link" href="{a.path}">{e(a.title)}</a></h2>'
                f'<time class="story__time">{a.dmy}</time><div class="story__summary">{e(a.lead)}</div></article>')

    def listing_main(self, items, page, pages, title):
        links = "".join(f'<a href="{self.listing_path(p)}" class="page-link">{p}</a>' for p in range(1, pages + 1) if p != page)
        return (f'<h1 class="cate-title">{e(title)}</h1><div class="box-stream">{"".join(self.teaser(a) for a in items)}</div>'
                f'<div class="pagination">{links}</div>')

    def copy_page(self, kind, a, ctx):
        return f"""<!doctype html><html ⚡ lang="vi"><head><meta charset="utf-8"><title>{e(a.title)}</title>
<link rel="canonical" href="{a.path}"><script async src="https://cdn.ampproject.org/v0.js"></script></head>
<body><header class="amp-header"><a href="/">{e(self.site_title)}</a></header><div class="article">
<h1 class="article__title">{e(a.title)}</h1><div class="article__sapo">{e(a.lead)}</div>
<div class="article__meta"><time>{a.dmy} {a.time}</time></div><div class="article__body">{_paras(a.paragraphs)}</div>
<div class="article__author">{e(a.author)}</div></div><footer>Báo Hòa Bình điện tử</footer></body></html>"""

    def robots(self, ctx):
        return f"User-agent: *\nDisallow: /api/\nSitemap: {ctx.base}/sitemaps/index.xml\n"

    def discovery(self, ctx):
        return {"/sitemaps/index.xml": self.sitemapindex(ctx.base, ["/sitemaps/news.xml", "/sitemaps/categories.xml"]),
                "/sitemaps/news.xml": self.urlset(ctx.base, [], news=list(ctx.items)),
                "/sitemaps/categories.xml": self.urlset(ctx.base, [(self.listing_path(1), None)])}


class VnExpressLike(Family):
    name = "vnexpress"
    site_title = "Tin nhanh Hòa Bình"
    per_page = 2
    markers = ("Trở lại Thời sự", "Chia sẻ bài viết", "Xem nhiều", "Giới thiệu chuyên trang",
               "Tổng biên tập", "Báo tiếng Việt nhiều người xem", "Ý kiến bạn đọc")
    article_url = "/{a.slug}-490{a.id:04d}.html"
    listing_url = ("/thoi-su", "/thoi-su-p{n}")

    def page(self, title, main, *, head="", kind="article"):
        promo = ""
        if kind == "listing":
            promo = ("<div class=\"modal modal-intro\" id=\"intro-box\"><h3>Giới thiệu chuyên trang</h3>"
                     "<p>Chuyên trang Thời sự cập nhật liên tục các tin tức về hoạt động của chính quyền, đoàn thể và đời sống "
                     "người dân trong tỉnh, với đội ngũ phóng viên có mặt tại tất cả các huyện, thành phố.</p>"
                     "<p>Bạn đọc có thể gửi tin bài, hình ảnh và phản ánh về địa chỉ thư điện tử của tòa soạn; mọi thông tin "
                     "đều được biên tập viên xem xét, xác minh trước khi đăng tải trên chuyên trang.</p>"
                     "<p>Đăng ký nhận bản tin buổi sáng để không bỏ lỡ những tin tức quan trọng nhất mỗi ngày, được tuyển chọn "
                     "bởi ban biên tập và gửi tới hộp thư của bạn lúc sáu giờ.</p></div>")
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)} - {e(self.site_title)}</title>
<meta property="og:type" content="{'article' if kind == 'article' else 'website'}">
<meta name="description" content="{e(self.site_title)} - Báo tiếng Việt nhiều người xem nhất tỉnh">{head}</head>
<body><header class="section header"><div class="container"><a class="logo" href="/" title="{e(self.site_title)}">{e(self.site_title)}</a>
<nav class="main-nav"><ul class="parent"><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Thời sự</a></li></ul></nav></div></header>
{promo}<section class="section page-detail top-detail"><div class="container detail-new">{main}</div></section>
<footer id="footer"><div class="container"><p>Báo tiếng Việt nhiều người xem nhất tỉnh. Tổng biên tập: Lê Văn Minh.</p></div></footer></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        related = "".join(f'<li><a href="{b.path}">{e(b.title)}</a></li>' for b in ctx.related(a))
        return f"""{_news_ld(a)}<div class="sidebar-1"><div class="header-content width_common">
<ul class="breadcrumb"><li><a href="{self.listing_path(1)}" title="Thời sự">Thời sự</a></li></ul>
<span class="date">{a.weekday}, {a.day.day}/{a.day.month}/{a.day.year}, {a.time} (GMT+7)</span></div>
<h1 class="title-detail">{e(a.title)}</h1>
<p class="description">{e(a.lead)}</p>
<article class="fck_detail">{_paras(paragraphs, "Normal")}<p class="Normal" style="text-align:right;"><strong>{e(a.author)}</strong></p></article>
<div class="footer-content"><div class="social"><a href="#" title="Chia sẻ bài viết lên facebook">Chia sẻ bài viết</a></div>
<a href="{self.listing_path(1)}" class="btn_quaylai">Trở lại Thời sự</a></div>
<div class="box-comment"><h3>Ý kiến bạn đọc</h3><textarea placeholder="Ý kiến của bạn"></textarea></div></div>
<div class="sidebar-2"><div class="box-category"><h3 class="title-box-category">Xem nhiều</h3><ul>{related}</ul></div></div>"""

    def teaser(self, a):
        return (f'<article class="item-news item-news-common"><h3 class="title-news"><a href="{a.path}" title="{e(a.title)}">{e(a.title)}</a></h3>'
                f'<p class="description"><a href="{a.path}" title="{e(a.title)}"><span class="location-stamp">Hòa Bình</span>{e(a.lead)}</a></p></article>')

    def pager(self, page, pages):
        links = "".join(f'<a href="{self.listing_path(p)}">{p}</a>' for p in range(1, pages + 1) if p != page)
        nxt = f'<a href="{self.listing_path(page + 1)}" class="btn-page next-page">Sau</a>' if page < pages else ""
        return f'<div class="button-page flexbox">{links}{nxt}</div>'


class NextJs(Family):
    name = "nextjs"
    site_title = "Hòa Bình 24h"
    feed_only = 3
    markers = ("Đọc tiếp", "Bài viết liên quan", "Đăng ký nhận tin", "Tải ứng dụng", "Hòa Bình 24h ©")
    article_url = "/tin-tuc/{a.slug}"
    listing_url = ("/tin-tuc", "/tin-tuc?page={n}")

    def page(self, title, main, *, head="", kind="article"):
        data = json.dumps({"props": {"pageProps": {"kind": kind, "title": title}}, "page": "/tin-tuc/[slug]"}, ensure_ascii=False)
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)} | {e(self.site_title)}</title>
<link rel="alternate" type="application/atom+xml" title="{e(self.site_title)}" href="/feed.atom">{head}
<link rel="preload" href="/_next/static/css/2f1a.css" as="style"></head>
<body><div id="__next"><div class="sc-8a1b2c kLmNoP"><div class="css-hd12x"><a class="css-lg7q" href="/">{e(self.site_title)}</a>
<div class="css-nv3"><a href="/">Trang chủ</a><a href="{self.listing_path(1)}">Tin tức</a></div></div>
<main class="css-1x2y3z4">{main}</main>
<div class="css-ft9"><div class="css-ft10">Đăng ký nhận tin mỗi sáng</div><div>Tải ứng dụng Hòa Bình 24h</div><div>Hòa Bình 24h © 2025</div></div></div></div>
<script id="__NEXT_DATA__" type="application/json">{e(data)}</script></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        related = "".join(f'<a class="css-rl5" href="{b.path}"><div class="css-rl6">{e(b.title)}</div></a>' for b in ctx.related(a))
        head = f'<meta property="og:description" content="{e(a.lead)}">'
        return f"""{head}{_news_ld(a)}<div class="css-ar1"><div class="css-ar2"><h1 class="css-9abc12">{e(a.title)}</h1>
<div class="css-mt3"><span class="css-au4">{e(a.author)}</span> · <time datetime="{a.iso_time}">{a.dmy} {a.time}</time></div>
<p class="css-1m3kac8">{e(a.lead)}</p><div class="css-bd77">{_paras(paragraphs, "css-pp1")}</div></div>
<div class="css-rl1"><h3 class="css-rl2">Bài viết liên quan</h3>{related}</div></div>"""

    def teaser(self, a):
        return (f'<div class="css-it1"><a class="css-it2" href="{a.path}"><h3 class="css-it3">{e(a.title)}</h3></a>'
                f'<p class="css-it4">{e(a.lead)}</p><a class="css-it5" href="{a.path}">Đọc tiếp</a></div>')

    def discovery(self, ctx):
        return {"/feed.atom": self.atom(self.site_title, ctx.base, sorted(ctx.items, key=lambda a: a.date, reverse=True))}
