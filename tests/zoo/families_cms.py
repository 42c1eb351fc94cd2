"""PHP content systems: Joomla, WordPress, Drupal and NukeViet (the Vietnamese CMS many
agencies and schools run)."""
from __future__ import annotations

from zoo.family import Family
from zoo.model import e


def _paras(items: list[str]) -> str:
    return "".join(f"<p>{e(p)}</p>" for p in items)


class Joomla(Family):
    name = "joomla"
    site_title = "Ban Thi đua - Khen thưởng tỉnh Hòa Bình"
    copy_kinds = ("print",)
    markers = ("Viết bởi", "Danh mục:", "Lượt xem", "Công cụ", "E-mail", "Đọc thêm", "Bạn đang ở:",
               "Số 8 đường Chi Lăng", "Văn bản mới")
    article_url = "/index.php/tin-tuc/{a.id}-{a.slug}"
    part_url = "{a.path}?limitstart=1"
    listing_url = ("/index.php/tin-tuc", "/index.php/tin-tuc?start={start}")
    copy_urls = {"print": "{a.path}?tmpl=component&print=1"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html lang="vi-vn" dir="ltr"><head><meta charset="utf-8">
<meta name="generator" content="Joomla! - Open Source Content Management"><title>{e(title)}</title>
<link href="/index.php/tin-tuc?format=feed&amp;type=rss" rel="alternate" type="application/rss+xml" title="RSS 2.0">
<link href="/templates/protostar/css/template.css" rel="stylesheet">{head}</head>
<body class="site com_content view-{'article' if kind == 'article' else 'category'} layout-blog">
<div class="body"><div class="container"><header class="header" role="banner"><div class="header-inner clearfix">
<a class="brand pull-left" href="/"><span class="site-title">{e(self.site_title)}</span></a></div></header>
<nav class="navigation" role="navigation"><ul class="nav menu nav-pills"><li class="item-101"><a href="/">Trang chủ</a></li>
<li class="item-102"><a href="{self.listing_path(1)}">Tin tức</a></li><li class="item-103"><a href="/index.php/van-ban">Văn bản</a></li></ul></nav>
<div class="row-fluid"><main id="content" role="main" class="span9">
<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Bạn đang ở: &#160;</li>
<li itemprop="itemListElement"><a itemprop="item" href="/" class="pathway"><span itemprop="name">Trang chủ</span></a></li>
<li itemprop="itemListElement"><span itemprop="name">Tin tức</span></li></ul>
{main}</main>
<div id="aside" class="span3"><div class="moduletable"><h3>Văn bản mới</h3><ul class="latestnews"><li><a href="/index.php/van-ban/12">Hướng dẫn khen thưởng tổng kết năm</a></li></ul></div></div></div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><p>&copy; 2024 {e(self.site_title)}. Số 8 đường Chi Lăng, thành phố Hòa Bình.</p></div></footer>
</body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        lead = f"<p><strong>{e(a.lead)}</strong></p>" if part in (None, 1) else ""
        pagination = ""
        if part:
            pagination = (f'<div class="pagination"><p class="counter pull-right">Trang {part} / 2</p><ul>'
                          f'<li><a href="{a.path}?limitstart=0">1</a></li><li><a href="{a.path}?limitstart=1">2</a></li></ul></div>')
        neighbours = ctx.related(a, 2)
        return f"""<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="vi-VN">
<div class="page-header"><h2 itemprop="headline">{e(a.title)}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>
<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Viết bởi <span itemprop="name">{e(a.author)}</span></dd>
<dd class="category-name">Danh mục: <a href="{self.listing_path(1)}">Tin tức</a></dd>
<dd class="published"><time datetime="{a.iso_time}" itemprop="datePublished">Ngày đăng: {a.dmy}</time></dd>
<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:{300 + a.n}">Lượt xem: {300 + a.n}</dd></dl>
<div class="icons"><div class="btn-group pull-right"><a class="btn dropdown-toggle" href="#">Công cụ</a>
<ul class="dropdown-menu"><li class="print-icon"><a href="{self.copy_path('print', a)}" rel="nofollow">In</a></li>
<li class="email-icon"><a href="/index.php/component/mailto/?link=x">E-mail</a></li></ul></div></div>
<div itemprop="articleBody">{lead}{_paras(paragraphs)}{pagination}</div>
<ul class="pager pagenav"><li class="previous"><a href="{neighbours[0].path}" rel="prev">&lt; Trước</a></li>
<li class="next"><a href="{neighbours[1].path}" rel="next">Tiếp &gt;</a></li></ul></div>"""

    def teaser(self, a):
        return (f'<div class="items-row cols-1 row-fluid clearfix"><div class="span12"><div class="item column-1" itemprop="blogPost">'
                f'<div class="page-header"><h2 itemprop="name"><a href="{a.path}" itemprop="url">{e(a.title)}</a></h2></div>'
                f'<dl class="article-info muted"><dd class="published"><time datetime="{a.iso_time}">Ngày đăng: {a.dmy}</time></dd></dl>'
                f'<p>{e(a.lead)}</p><p class="readmore"><a class="btn" href="{a.path}">Đọc thêm: {e(a.title)}</a></p></div></div></div>')

    def listing_main(self, items, page, pages, title):
        links = "".join(f'<li><a href="{self.listing_path(p)}">{p}</a></li>' for p in range(1, pages + 1) if p != page)
        return (f'<div class="blog" itemscope itemtype="https://schema.org/Blog"><h1>{e(title)}</h1>'
                f'{"".join(self.teaser(a) for a in items)}<div class="pagination"><ul>{links}</ul></div></div>')

    def discovery(self, ctx):
        return {"/index.php/tin-tuc?format=feed&type=rss": self.rss(self.site_title, ctx.base, ctx.items)}


class WordPress(Family):
    name = "wordpress"
    site_title = "Sở Tư pháp tỉnh Hòa Bình"
    sitemap_only = 4
    copy_kinds = ("amp",)
    markers = ("Chuyển đến nội dung", "Đăng ngày", "Chuyên mục", "Điều hướng bài viết", "Bài trước",
               "Email của bạn sẽ không được hiển thị công khai", "Bình luận", "Bài viết mới",
               "Bản quyền © 2024 Sở Tư pháp", "Trả lời", "Bản AMP")
    article_url = "/{a.ymd}/{a.slug}/"
    part_url = "{a.path}2/"
    listing_url = ("/category/tin-tuc/", "/category/tin-tuc/page/{n}/")
    tag_url = "/tag/{tag}/"
    search_url = "/?s=thi+dua"
    copy_urls = {"amp": "{a.path}amp/"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!doctype html><html lang="vi"><head><meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)} &#8211; {e(self.site_title)}</title>
<link rel="alternate" type="application/rss+xml" title="{e(self.site_title)} &raquo; Dòng thông tin" href="/feed/" />
<meta property="og:type" content="{'article' if kind == 'article' else 'website'}" />{head}</head>
<body class="{'single single-post' if kind == 'article' else 'archive category'} wp-embed-responsive">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">{e(self.site_title)}</a></p>
<p class="site-description">Trang thông tin điện tử</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">Trang chủ</a></li>
<li><a href="{self.listing_path(1)}">Tin tức</a></li><li><a href="/lien-he/">Liên hệ</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="primary" class="site-main">{main}</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2>
<ul><li><a href="{self.listing_path(1)}">Xem các bài viết mới trong chuyên mục Tin tức của Sở</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Bản quyền © 2024 Sở Tư pháp tỉnh Hòa Bình. Địa chỉ: Số 8, đường Trần Hưng Đạo, thành phố Hòa Bình.</div></footer>
</div></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        lead = f"<p>{e(a.lead)}</p>" if part in (None, 1) else ""
        links = ""
        if part:
            links = (f'<div class="page-links">Trang: <a href="{a.path}" class="post-page-numbers">1</a> '
                     f'<a href="{self.part_path(a)}" class="post-page-numbers">2</a></div>')
        tags = "".join(f'<a href="{self.tag_path(t)}" rel="tag">{t}</a> ' for t in a.tags)
        prev = ctx.related(a, 1)[0]
        ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Article",'
              f'"headline":"{e(a.title)}","datePublished":"{a.iso_time}","author":{{"@type":"Person","name":"{e(a.author)}"}}}},'
              '{"@type":"WebPage","name":"x"}]}</script>')
        return f"""{ld}<article id="post-{a.id}" class="post-{a.id} post type-post status-publish format-standard hentry category-tin-tuc">
<header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>
<div class="entry-meta"><span class="posted-on">Đăng ngày <a href="{a.path}" rel="bookmark"><time class="entry-date published" datetime="{a.iso_time}">{a.day.day} tháng {a.day.month}, {a.day.year}</time></a></span>
<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/bientap/">{e(a.author)}</a></span></span></div></header>
<div class="entry-content">{lead}{_paras(paragraphs)}{links}</div>
<footer class="entry-footer"><span class="cat-links">Chuyên mục <a href="{self.listing_path(1)}" rel="category tag">Tin tức</a></span>
<span class="tags-links">Thẻ {tags}</span> <a href="{self.copy_path('amp', a)}">Bản AMP</a></footer></article>
<nav class="navigation post-navigation" aria-label="Bài viết"><h2 class="screen-reader-text">Điều hướng bài viết</h2>
<div class="nav-links"><div class="nav-previous"><a href="{prev.path}" rel="prev"><span class="nav-subtitle">Bài trước:</span> <span class="nav-title">{e(prev.title)}</span></a></div></div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Trả lời</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">Email của bạn sẽ không được hiển thị công khai.</span> Các trường bắt buộc được đánh dấu *</p>
<p class="comment-form-comment"><label for="comment">Bình luận *</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Phản hồi"></p></form></div></div>"""

    def teaser(self, a):
        return (f'<article class="post type-post"><header class="entry-header"><h2 class="entry-title"><a href="{a.path}" rel="bookmark">{e(a.title)}</a></h2>'
                f'<div class="entry-meta"><time class="entry-date published" datetime="{a.iso_time}">{a.dmy}</time></div></header>'
                f'<div class="entry-summary"><p>{e(a.lead)} [&hellip;]</p></div></article>')

    def pager(self, page, pages):
        links = [f'<a class="page-numbers" href="{self.listing_path(p)}">{p}</a>' for p in range(1, pages + 1) if p != page]
        nxt = f'<a class="next page-numbers" href="{self.listing_path(page + 1)}">Sau &raquo;</a>' if page < pages else ""
        return f'<nav class="navigation pagination"><div class="nav-links">{"".join(links)}{nxt}</div></nav>'

    def copy_page(self, kind, a, ctx):
        return f"""<!doctype html><html amp lang="vi"><head><meta charset="utf-8"><title>{e(a.title)}</title>
<link rel="canonical" href="{a.path}"><meta name="viewport" content="width=device-width"><style amp-boilerplate>body{{visibility:hidden}}</style>
<script async src="https://cdn.ampproject.org/v0.js"></script></head><body><header class="amp-wp-header"><a href="/">{e(self.site_title)}</a></header>
<article class="amp-wp-article"><header class="amp-wp-article-header"><h1 class="amp-wp-title">{e(a.title)}</h1>
<div class="amp-wp-meta amp-wp-byline">{e(a.author)}</div><div class="amp-wp-meta amp-wp-posted-on"><time datetime="{a.iso_time}">{a.dmy}</time></div></header>
<div class="amp-wp-article-content"><p>{e(a.lead)}</p>{_paras(a.paragraphs)}</div></article>
<footer class="amp-wp-footer"><p>&copy; {e(self.site_title)}</p><a href="#top" class="back-to-top">Về đầu trang</a></footer></body></html>"""

    def robots(self, ctx):
        return f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {ctx.base}/wp-sitemap.xml\n"

    def discovery(self, ctx):
        posts = [(a.path, a.date) for a in ctx.items]
        listed = [a for a in sorted(ctx.items, key=lambda a: a.date, reverse=True) if a.n != self.sitemap_only]
        return {"/wp-sitemap.xml": self.sitemapindex(ctx.base, ["/wp-sitemap-posts-post-1.xml",
                                                                "/wp-sitemap-taxonomies-category-1.xml"]),
                "/wp-sitemap-posts-post-1.xml": self.urlset(ctx.base, posts),
                "/wp-sitemap-taxonomies-category-1.xml": self.urlset(ctx.base, [(self.listing_path(1), None)]),
                "/feed/": self.rss(self.site_title, ctx.base, listed)}


class Drupal(Family):
    name = "drupal"
    site_title = "Sở Tài nguyên và Môi trường tỉnh Hòa Bình"
    markers = ("Gửi bởi", "Từ khóa", "Bình luận", "Thêm bình luận mới", "Chuyển tới nội dung chính",
               "Đường dẫn", "Powered by Drupal", "Số 5, đường Lý Thường Kiệt")
    article_url = "/tin-tuc/{a.slug}"
    listing_url = ("/tin-tuc", "/tin-tuc?page={n0}")  # Drupal counts pages from 0
    tag_url = "/taxonomy/term/3"

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8">
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)"><title>{e(title)} | {e(self.site_title)}</title>
<link rel="stylesheet" media="all" href="/core/themes/olivero/css/base/base.css">{head}</head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable skip-link">Chuyển tới nội dung chính</a>
<div class="dialog-off-canvas-main-canvas"><div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header"><div class="site-branding"><a href="/" rel="home" class="site-branding__logo"><img src="/logo.svg" alt="Trang chủ"></a>
<div class="site-branding__name"><a href="/" rel="home">{e(self.site_title)}</a></div></div>
<nav class="primary-nav"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Tin tức</a></li></ul></nav></header>
<div id="main-wrapper" class="layout-main-wrapper"><div id="main" class="layout-main"><main role="main"><a id="main-content" tabindex="-1"></a>
<div class="region region--breadcrumb"><nav class="breadcrumb" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Đường dẫn</h2>
<ol><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Tin tức</a></li></ol></nav></div>
<div class="region region--content">{main}</div></main></div></div>
<footer class="site-footer"><div class="region region--footer-bottom"><p>{e(self.site_title)} - Số 5, đường Lý Thường Kiệt, thành phố Hòa Bình.</p>
<span>Powered by Drupal</span></div></footer></div></div></div></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        return f"""<article data-history-node-id="{a.id}" class="node node--type-article node--promoted node--view-mode-full">
<header class="node__header"><h1 class="title page-title"><span class="field field--name-title field--type-string">{e(a.title)}</span></h1>
<div class="node__meta"><span class="node__author">Gửi bởi <span class="field field--name-uid"><span>{e(a.author)}</span></span></span>
vào <span class="field field--name-created">{a.weekday}, {a.dmy} - {a.time}</span></div></header>
<div class="node__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field__item">
<p>{e(a.lead)}</p>{_paras(paragraphs)}</div>
<div class="field field--name-field-tags field--type-entity-reference"><h3 class="field__label">Từ khóa</h3>
<ul class="links field__items"><li><a href="{self.tag_path('x')}" hreflang="vi">khen thưởng</a></li></ul></div>
<section class="section comments" id="comments"><h2 class="comments__title">Bình luận</h2>
<div class="comment-form__title">Thêm bình luận mới</div><form class="comment-comment-form comment-form" action="/comment/reply/node/{a.id}/comment" method="post">
<textarea name="comment_body[0][value]" rows="5"></textarea><input type="submit" value="Lưu"></form></section></div></article>"""

    def teaser(self, a):
        return (f'<article class="node node--type-article node--view-mode-teaser"><h2 class="node__title"><a href="{a.path}" rel="bookmark">'
                f'<span class="field field--name-title">{e(a.title)}</span></a></h2><div class="node__meta">{a.dmy}</div>'
                f'<div class="field field--name-body"><p>{e(a.lead)}</p></div></article>')


class NukeViet(Family):
    name = "nukeviet"
    site_title = "Phòng Giáo dục và Đào tạo thị xã"
    copy_kinds = ("print",)
    markers = ("Những tin mới hơn", "Những tin cũ hơn", "Tổng số điểm của bài viết", "Xếp hạng",
               "Bạn đã không sử dụng Site", "Chia sẻ", "Đang truy cập", "NukeViet")
    article_url = "/news/thi-dua-khen-thuong/{a.slug}-{a.id}.html"
    listing_url = ("/news/thi-dua-khen-thuong/", "/news/thi-dua-khen-thuong/page-{n}")
    copy_urls = {"print": "/news/print/thi-dua-khen-thuong/{a.slug}-{a.id}.html"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html lang="vi"><head><title>{e(title)} - {e(self.site_title)}</title>
<meta charset="utf-8"><meta name="generator" content="NukeViet v4.5">
<meta property="og:type" content="{'article' if kind == 'article' else 'website'}">
<link rel="alternate" href="/news/rss/thi-dua-khen-thuong/" title="Thi đua - Khen thưởng" type="application/rss+xml">{head}</head>
<body><noscript><div class="alert alert-danger">Trình duyệt của bạn đã tắt chức năng hỗ trợ JavaScript.</div></noscript>
<div class="body-bg"><div class="wraper"><header><div class="container"><div id="header" class="row"><div class="logo col-xs-24 col-sm-24 col-md-8">
<a title="{e(self.site_title)}" href="/"><img src="/uploads/logo.png" alt="{e(self.site_title)}"></a></div></div></div></header>
<nav class="second-nav" id="menusite"><ul class="nav navbar-nav"><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Thi đua - Khen thưởng</a></li></ul></nav>
<section><div class="container" id="body"><div class="row"><div class="col-md-18">{main}</div>
<div class="col-md-6"><div class="panel panel-primary"><div class="panel-heading">Thống kê</div><div class="panel-body">Đang truy cập: 8</div></div></div></div></div></section>
<footer id="footer"><div class="wraper"><div class="container"><div class="copyright">&copy; Bản quyền thuộc về {e(self.site_title)}. Mã nguồn NukeViet.</div></div></div></footer>
</div></div></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        others = "".join(f'<li><a href="{b.path}" title="{e(b.title)}">{e(b.title)}</a><em> ({b.dmy})</em></li>'
                         for b in ctx.related(a))
        return f"""<div class="news_column panel panel-default"><div class="panel-body">
<h1 class="title margin-bottom-lg">{e(a.title)}</h1>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">{a.weekday} - {a.dmy} {a.time}</span></div>
<div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="In ra" href="{self.copy_path('print', a)}">In ra</a></li></ul></div></div>
<div class="clearfix"><div class="hometext m-bottom">{e(a.lead)}</div></div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">{_paras(paragraphs)}</div>
<div class="margin-bottom-lg"><p class="h5 text-right"><strong>{e(a.author)}</strong></p></div>
<div class="news_column panel panel-default"><div class="panel-body"><form id="form3B" action="#"><div class="h5 clearfix"><p>Tổng số điểm của bài viết là: 25 trong 5 đánh giá</p>
<p>Xếp hạng: 5 - 5 phiếu bầu</p></div></form></div></div>
<div class="socialicon clearfix"><div class="fb-like">Chia sẻ</div></div></div></div>
<div class="news_column panel panel-default"><div class="panel-body other-news"><p class="h3"><strong>Những tin mới hơn</strong></p>
<div class="clearfix"><ul class="related list-items">{others}</ul></div></div></div>"""

    def teaser(self, a):
        return (f'<div class="news_column panel panel-default"><div class="panel-body"><a href="{a.path}" title="{e(a.title)}">'
                f'<img alt="{e(a.title)}" src="/assets/news/{a.n}.jpg" class="img-thumbnail pull-left"></a>'
                f'<h3><a href="{a.path}" title="{e(a.title)}">{e(a.title)}</a></h3><div class="text-muted"><ul class="list-unstyled list-inline">'
                f'<li><em class="fa fa-clock-o">&nbsp;</em> {a.weekday}, {a.dmy}</li></ul></div><p>{e(a.lead)}</p></div></div>')

    def discovery(self, ctx):
        return {"/news/rss/thi-dua-khen-thuong/": self.rss(self.site_title, ctx.base, ctx.items)}
