"""The two page templates of the sample site: a provincial portal and a department site.

The markup imitates what these sites really serve (SharePoint-era portal with table
captions and a right-aligned byline; a Bootstrap-era department site with
`news-detail`, `Ngày đăng:` and `p.author`), furniture included, so that the crawler
and the HTML extractor are tested against the noise they meet in the field.
"""
from __future__ import annotations

from html import escape

from thidua.crawler.sample_content import SampleArticle

PER_PAGE = {"portal": 3, "tdkt": 2}
LISTING = {"portal": "/portal/tin-thi-dua/", "tdkt": "/tdkt/tin-dia-phuong/"}
PORTAL_FOOTER_ADDRESS = "Địa chỉ: Số 1, đường Trường Chinh, phường Đức Xuân, thành phố Bắc Kạn"
TDKT_FOOTER_ADDRESS = "Địa chỉ: Tầng 3, tòa nhà Sở Nội vụ, số 12 đường Lê Hoàn"
PORTAL_COUNTER = "Tổng lượt truy cập: 8.546.321"
TDKT_COUNTER = "Lượt xem: 1.208"


def listing_page_path(site: str, page: int) -> str:
    name = "index.html" if page == 1 else ("page-%d.html" if site == "portal" else "trang-%d.html") % page
    return LISTING[site] + name


def _head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n"
            f'<link rel="stylesheet" href="/static/site.css">\n'
            f"<script>var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>\n</head>\n")


def _item_links(items: list[SampleArticle]) -> str:
    return "\n".join(f'<li><a href="{a.path}">{escape(a.title)}</a><span class="date">'
                     f"({a.date})</span></li>" for a in items)


# ---- template A: provincial portal -------------------------------------------------

def _portal_chrome_top(crumb: str) -> str:
    return f"""<body>
<div id="s4-ribbonrow"><a href="#mainContent" class="skip">Skip Ribbon Commands</a>
<a href="#mainContent" class="skip">Skip to main content</a></div>
<div class="header"><div class="logo"><a href="/index.html"><img src="/static/quoc-huy.svg" alt="">
<span class="logo-text">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC KẠN</span></a></div>
<form class="search" action="/portal/tim-kiem.html"><input name="q" placeholder="Tìm kiếm..."></form></div>
<ul class="top-menu">
<li><a href="/index.html">Trang chủ</a></li>
<li><a href="/portal/gioi-thieu.html">Giới thiệu</a></li>
<li><a href="/portal/tin-thi-dua/index.html">Thi đua - Khen thưởng</a></li>
<li><a href="/portal/so-do-site.html">Sơ đồ cổng</a></li>
<li><a href="https://chinhphu.example/">Chính phủ</a></li>
</ul>
<div class="breadcrumb"><a href="/index.html">Trang chủ</a> › <a href="/portal/tin-thi-dua/index.html">Thi đua - Khen thưởng</a> › <span>{crumb}</span></div>
"""


def _portal_chrome_bottom(latest: list[SampleArticle]) -> str:
    return f"""<div class="col-right">
<div class="box"><h3>Tin bài mới</h3><ul>
{_item_links(latest)}
</ul></div>
<div class="box counter"><h3>Thống kê truy cập</h3><p>Đang truy cập: 125</p><p>{PORTAL_COUNTER}</p></div>
</div></div>
<div class="footer"><p><strong>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC KẠN</strong></p>
<p>Cơ quan chủ quản: Văn phòng UBND tỉnh Bắc Kạn</p>
<p>{PORTAL_FOOTER_ADDRESS}</p>
<p>Ghi rõ nguồn "Cổng thông tin điện tử tỉnh Bắc Kạn" khi phát hành lại thông tin từ website này.</p>
<p><a href="https://chinhphu.example/">Cổng TTĐT Chính phủ</a></p></div>
</body>
</html>
"""


def portal_article(a: SampleArticle, related: list[SampleArticle], latest: list[SampleArticle]) -> str:
    paras = [f"<p>{escape(p)}</p>" for p in a.paragraphs]
    if a.caption:
        picture = (f'<table class="ms-rteTable-default" align="center"><tbody>'
                   f'<tr><td><img src="/static/anh-hoi-nghi.svg" alt="" width="500"></td></tr>'
                   f'<tr><td class="ms-rteTableFooterRow-default"><em>{escape(a.caption)}</em></td></tr>'
                   f"</tbody></table>")
        paras.insert(a.caption_after, picture)
    body = "\n".join(paras)
    return _head(a.title) + _portal_chrome_top("Tin thi đua") + f"""<div class="main-wrap"><div class="col-left" id="mainContent">
<div class="article">
<h1 class="article-title">{escape(a.title)}</h1>
<div class="article-date">( Cập nhật lúc: {a.date}  )</div>
<div class="article-body">
{body}
<p style="text-align: right;"><strong>{escape(a.author)}</strong></p>
</div>
<div class="share">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php?u={a.path}">Facebook</a>
<a href="https://zalo.example/share?u={a.path}">Zalo</a> <a href="{a.path}?print=1">In bài</a>
<a href="{a.path}#binh-luan">Bình luận</a></div>
<div class="view-count">Lượt xem: 1.245</div>
<div class="related"><h3>BÀI VIẾT CÙNG CHUYÊN MỤC</h3><ul>
{_item_links(related)}
</ul></div>
</div></div>
""" + _portal_chrome_bottom(latest)


def portal_listing(page: int, pages: int, items: list[SampleArticle], latest: list[SampleArticle]) -> str:
    rows = "\n".join(f"""<div class="news-item">
<a href="{a.path}"><img src="/static/anh-hoi-nghi.svg" alt="" width="120"></a>
<h3><a href="{a.path}">{escape(a.title)}</a></h3>
<span class="date">({a.date})</span>
<p class="teaser">{escape(a.teaser)}</p>
</div>""" for a in items)
    pager = []
    if page > 1:
        pager.append(f'<a href="{listing_page_path("portal", 1)}">Trang đầu</a>')
        pager.append(f'<a href="{listing_page_path("portal", page - 1)}">Trang trước</a>')
    pager.append(f"<span>Trang {page}/{pages}</span>")
    if page < pages:
        pager.append(f'<a href="{listing_page_path("portal", page + 1)}">Trang sau</a>')
    return _head("Tin thi đua") + _portal_chrome_top("Tin thi đua") + f"""<div class="main-wrap"><div class="col-left" id="mainContent">
<h1 class="cat-title">Tin thi đua</h1>
{rows}
<div class="pager">{' '.join(pager)}</div>
</div>
""" + _portal_chrome_bottom(latest)


def portal_about(latest: list[SampleArticle]) -> str:
    return _head("Giới thiệu") + _portal_chrome_top("Giới thiệu") + """<div class="main-wrap"><div class="col-left" id="mainContent">
<h1 class="cat-title">Giới thiệu</h1>
<p>Bắc Kạn là tỉnh miền núi thuộc vùng Đông Bắc.</p>
<p>Diện tích tự nhiên: 4.860 km².</p>
</div>
""" + _portal_chrome_bottom(latest)


# ---- template B: department site ----------------------------------------------------

def _tdkt_chrome_top(crumb: str) -> str:
    return f"""<body class="page">
<header class="site-header"><div class="container">
<a class="brand" href="/tdkt/index.html">BAN THI ĐUA - KHEN THƯỞNG<small>Trang thông tin điện tử</small></a>
<nav class="main-nav"><ul>
<li><a href="/index.html">Trang chủ</a></li>
<li><a href="/tdkt/tin-dia-phuong/index.html">Tin địa phương</a></li>
<li><a href="/tdkt/van-ban.html">Văn bản</a></li>
</ul></nav></div></header>
<div class="container">
<ol class="breadcrumb"><li><a href="/index.html">Trang chủ</a></li><li><a href="/tdkt/tin-dia-phuong/index.html">Tin địa phương</a></li><li class="active">{crumb}</li></ol>
<div class="row">
"""


def _tdkt_chrome_bottom(related: list[SampleArticle]) -> str:
    return f"""<aside class="col-side">
<div class="widget"><h4 class="widget-title">Tin liên quan</h4><ul class="list-related">
{_item_links(related)}
</ul></div>
<div class="widget"><h4 class="widget-title">Liên kết website</h4>
<select onchange="window.open(this.value)"><option>-- Chọn liên kết --</option>
<option value="https://chinhphu.example/">Cổng TTĐT Chính phủ</option></select></div>
</aside>
</div></div>
<footer class="site-footer"><div class="container">
<p>© Bản quyền thuộc Ban Thi đua - Khen thưởng, Sở Nội vụ</p>
<p>{TDKT_FOOTER_ADDRESS}</p>
<p>Điện thoại: 0226.3851.000 - Email: bantdkt@example.vn</p>
</div></footer>
</body>
</html>
"""


def tdkt_article(a: SampleArticle, related: list[SampleArticle], others: list[SampleArticle]) -> str:
    lead, rest = a.paragraphs[0], a.paragraphs[1:]
    paras = [f"<p>{escape(p)}</p>" for p in rest]
    if a.caption:
        picture = (f'<figure class="image"><img src="/static/anh-hoi-nghi.svg" alt="">'
                   f"<figcaption>{escape(a.caption)}</figcaption></figure>")
        paras.insert(max(a.caption_after - 1, 0), picture)
    body = "\n".join(paras)
    other_rows = "\n".join(f'<li><a href="{o.path}">{escape(o.title)}</a> <em>({o.date})</em></li>'
                           for o in others)
    return _head(a.title) + _tdkt_chrome_top("Chi tiết tin") + f"""<div class="col-main">
<div class="news-detail">
<h2 class="news-title">{escape(a.title)}</h2>
<div class="news-meta"><span class="date">Ngày đăng: {a.date} {a.time}</span>
<span class="views">{TDKT_COUNTER}</span></div>
<div class="news-sapo"><p><strong>{escape(lead)}</strong></p></div>
<div class="news-content">
{body}
</div>
<p class="author">{escape(a.author)}</p>
<div class="news-tools"><a href="javascript:window.print()">In trang</a>
<a href="mailto:?subject={escape(a.title)}">Gửi email</a>
<span class="share-label">Chia sẻ:</span> <a href="https://www.facebook.com/sharer/sharer.php?u={a.path}">Facebook</a></div>
</div>
<div class="news-other"><h4>Các tin khác</h4><ul>
{other_rows}
</ul></div>
</div>
""" + _tdkt_chrome_bottom(related)


def tdkt_listing(page: int, pages: int, items: list[SampleArticle], related: list[SampleArticle]) -> str:
    rows = "\n".join(f"""<li class="news-row">
<a class="title" href="{a.path}">{escape(a.title)}</a>
<div class="meta">Ngày đăng: {a.date} {a.time}</div>
<div class="summary">{escape(a.teaser)}</div>
</li>""" for a in items)
    links = [f'<li{" class=active" if n == page else ""}><a href="{listing_page_path("tdkt", n)}">{n}</a></li>'
             for n in range(1, pages + 1)]
    if page < pages:
        links.append(f'<li><a href="{listing_page_path("tdkt", page + 1)}" aria-label="Next">»</a></li>')
    return _head("Tin địa phương") + _tdkt_chrome_top("Tin địa phương") + f"""<div class="col-main">
<h2 class="page-title">Tin địa phương</h2>
<ul class="list-news">
{rows}
</ul>
<ul class="pagination">{''.join(links)}</ul>
</div>
""" + _tdkt_chrome_bottom(related)


# ---- home -----------------------------------------------------------------------------

def home(featured: SampleArticle) -> str:
    return _head("Trang thông tin thi đua - khen thưởng (mẫu)") + f"""<body>
<h1>Trang mẫu của dự án thidua</h1>
<ul>
<li><a href="/portal/tin-thi-dua/index.html">Cổng thông tin điện tử tỉnh Bắc Kạn – Tin thi đua</a></li>
<li><a href="/tdkt/tin-dia-phuong/index.html">Ban Thi đua - Khen thưởng – Tin địa phương</a></li>
<li>Tin nổi bật: <a href="{featured.path}?utm_source=zalo&amp;utm_medium=share">{escape(featured.title)}</a></li>
<li><a href="https://chinhphu.example/">Cổng TTĐT Chính phủ</a></li>
</ul>
</body>
</html>
"""
