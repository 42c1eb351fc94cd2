"""Government portal templates: Liferay (the asset publisher portlets of many provincial
portals) and a hand-made table layout of an old district site (<font> tags, paragraphs
as <br><br> runs inside one <td>, a long prose footer shared by every page)."""
from __future__ import annotations

from zoo.family import Family
from zoo.model import e

PORTLET = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_aB3dE9fG"


class Liferay(Family):
    name = "liferay"
    site_title = "Sở Nội vụ - Cổng thông tin điện tử tỉnh Hòa Bình"
    sitemap_only = 4
    markers = ("Đi tới", "Các trang của site", "Tin hoạt động", "Tin liên quan", "Đăng nhập",
               "Powered by Liferay", "Số 12, đường Trần Hưng Đạo")
    article_url = "/web/snv/tin-tuc/-/asset_publisher/aB3dE9fG/content/{a.slug}"
    listing_url = ("/web/snv/tin-tuc", f"/web/snv/tin-tuc?p_p_id={PORTLET}&p_p_lifecycle=0&_{PORTLET}_cur={{n}}")

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html class="ltr" dir="ltr" lang="vi-VN"><head><title>{e(title)} - {e(self.site_title)}</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport"/><link href="/o/portal-theme/css/main.css" rel="stylesheet" type="text/css"/>
<script>var Liferay = Liferay || {{}};</script>{head}</head>
<body class="controls-visible yui3-skin-sam signed-out public-page site"><div class="d-flex flex-column min-vh-100"><div class="d-flex flex-column flex-fill" id="wrapper">
<header id="banner" role="banner"><div id="heading"><div aria-level="1" class="site-title" role="heading"><a class="logo custom-logo" href="/web/snv" title="Đi tới Sở Nội vụ">
<img alt="" src="/image/layout_set_logo"/></a><span class="site-name">SỞ NỘI VỤ TỈNH HÒA BÌNH</span></div></div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Các trang của site" role="menubar">
<li><a href="/web/snv/trang-chu"><span>Trang chủ</span></a></li><li><a href="{self.listing_path(1)}"><span>Tin tức</span></a></li>
<li><a href="/c/portal/login">Đăng nhập</a></li></ul></nav></header>
<section id="content"><div class="columns-2" id="main-content" role="main"><div class="portlet-layout row">
<div class="col-md-8 portlet-column portlet-column-first" id="column-1"><div class="portlet-dropzone portlet-column-content" id="layout-column_column-1">
<div class="portlet-boundary portlet-breadcrumb"><nav aria-label="Breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a class="breadcrumb-link" href="/web/snv/trang-chu">Trang chủ</a></li>
<li class="breadcrumb-item"><span class="active breadcrumb-text-truncate">Tin tức</span></li></ol></nav></div>
<div class="portlet-boundary portlet-asset-publisher" id="p_p_id_{PORTLET}_"><div class="portlet-content">
<div class="autofit-float autofit-row portlet-header"><div class="autofit-col autofit-col-expand"><h2 class="portlet-title-text">Tin hoạt động</h2></div></div>
<div class="portlet-content-container"><div class="portlet-body">{main}</div></div></div></div></div></div>
<div class="col-md-4 portlet-column portlet-column-last" id="column-2"><div class="portlet-boundary"><div class="portlet-body"><h3>Liên kết</h3>
<ul><li><a href="/web/snv/van-ban">Văn bản quy phạm pháp luật về công tác nội vụ</a></li></ul></div></div></div></div></div></section>
<footer id="footer" role="contentinfo"><p>Sở Nội vụ tỉnh Hòa Bình - Số 12, đường Trần Hưng Đạo, thành phố Hòa Bình.</p><p class="powered-by">Powered by Liferay</p></footer>
</div></div></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        links = "".join(f'<li><a href="{b.path}">{e(b.title)}</a></li>' for b in ctx.related(a))
        body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        return f"""<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">
<div class="align-items-center d-flex mb-2"><p class="component-title h4"><span class="asset-title d-inline">{e(a.title)}</span></p></div>
<div class="asset-content mb-3"><div class="journal-content-article" data-analytics-asset-title="{e(a.title)}">
<div class="news-date">{a.dmy} {a.time}</div><div class="news-summary"><strong>{e(a.lead)}</strong></div>
<div class="news-content">{body}</div><div class="news-author">{e(a.author)}</div></div></div>
<div class="asset-links"><h4 class="asset-links-title">Tin liên quan</h4><ul class="list-unstyled">{links}</ul></div></div>"""

    def teaser(self, a):
        return (f'<div class="asset-abstract"><div class="asset-title"><a href="{a.path}">{e(a.title)}</a></div>'
                f'<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{a.dmy}</span></div>'
                f'<div class="asset-summary">{e(a.lead)}</div><div class="asset-more"><a href="{a.path}">Xem thêm</a></div></div>')

    def pager(self, page, pages):
        items = "".join(f'<li class="page-item"><a class="page-link" href="{self.listing_path(p)}">{p}</a></li>'
                        for p in range(1, pages + 1) if p != page)
        return f'<div class="pagination-bar"><ul class="pagination">{items}</ul></div>'

    def discovery(self, ctx):
        return {"/sitemap.xml": self.urlset(ctx.base, [(a.path, a.date) for a in ctx.items]
                                            + [(self.listing_path(1), None)])}


FOOTER = ("UBND HUYỆN YÊN THỦY - TỈNH HÒA BÌNH<br>Địa chỉ: Khu 2, thị trấn Hàng Trạm, huyện Yên Thủy, tỉnh Hòa Bình<br>"
          "Điện thoại: 0218.3861.234 - Fax: 0218.3861.235<br>Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND huyện "
          "Yên Thủy. Giấy phép thiết lập trang thông tin điện tử tổng hợp trên mạng số 12/GP-STTTT do Sở Thông tin và "
          "Truyền thông cấp.<br>Ghi rõ nguồn Trang thông tin điện tử huyện Yên Thủy khi phát hành lại thông tin từ website này.")


class Table(Family):
    name = "table"
    site_title = "Trang thông tin điện tử huyện Yên Thủy"
    copy_kinds = ("print",)
    markers = ("Số lượt truy cập", "Các tin khác", "Quay lại", "Chịu trách nhiệm chính", "Khu 2, thị trấn Hàng Trạm",
               "Liên kết website", "In bài")
    article_url = "/chitiet.php?id={a.id}"
    listing_url = ("/tintuc.php?cat=2", "/tintuc.php?cat=2&trang={n}")
    copy_urls = {"print": "/inbai.php?id={a.id}"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>UBND HUYỆN YÊN THỦY</title>{head}</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0"><table width="990" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="3"><img src="/images/banner.jpg" width="990" height="150"></td></tr>
<tr><td colspan="3" bgcolor="#0066CC" height="28"><font color="#FFFFFF" face="Arial" size="2">&nbsp;<a href="/"><font color="#FFFFFF">Trang chủ</font></a> |
<a href="{self.listing_path(1)}"><font color="#FFFFFF">Tin tức</font></a> | <a href="/vanban.php"><font color="#FFFFFF">Văn bản</font></a></font></td></tr>
<tr><td width="190" valign="top" bgcolor="#EEF3FA"><table width="100%"><tr><td><font face="Arial" size="2"><b>Liên kết website</b></font></td></tr>
<tr><td><a href="/lienket.php?id=1"><font size="2">Cổng thông tin điện tử tỉnh</font></a></td></tr></table></td>
<td width="610" valign="top">{main}</td>
<td width="190" valign="top"><table width="100%"><tr><td><font face="Arial" size="1">Số lượt truy cập: 1.234.567</font></td></tr></table></td></tr>
<tr><td colspan="3" bgcolor="#0066CC" align="center"><font color="#FFFFFF" face="Arial" size="1">{FOOTER}</font></td></tr></table></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        body = "<br><br>".join(e(p) for p in paragraphs)
        others = "".join(f'<tr><td>- <a href="{b.path}"><font size="2">{e(b.title)}</font></a> <font size="1" color="#999999">({b.dmy})</font></td></tr>'
                         for b in ctx.related(a))
        return f"""<table width="100%" cellpadding="5"><tr><td class="tieude"><font face="Arial" size="4" color="#CC0000"><b>{e(a.title)}</b></font></td></tr>
<tr><td><font face="Arial" size="1" color="#666666">Ngày cập nhật: {a.dmy}</font></td></tr>
<tr><td><font face="Arial" size="2"><b>{e(a.lead)}</b><br><br>{body}<br><br><div align="right"><b>{e(a.author)}</b></div></font></td></tr>
<tr><td><a href="{self.copy_path('print', a)}"><font size="1">In bài</font></a> | <a href="javascript:history.back()"><font size="1">Quay lại</font></a></td></tr></table>
<table width="100%"><tr><td><font face="Arial" size="2"><b>Các tin khác:</b></font></td></tr>{others}</table>"""

    def listing_main(self, items, page, pages, title):
        rows = "".join(f'<tr><td><a href="{a.path}"><font face="Arial" size="2" color="#003399"><b>{e(a.title)}</b></font></a> '
                       f'<font size="1" color="#999999">({a.dmy})</font><br><font face="Arial" size="2">{e(a.lead)}</font></td></tr>'
                       for a in items)
        pager = " ".join(f'<a href="{self.listing_path(p)}">[{p}]</a>' if p != page else f"<b>[{p}]</b>"
                         for p in range(1, pages + 1))
        return (f'<table width="100%" cellpadding="4"><tr><td><font face="Arial" size="3" color="#CC0000"><b>{e(title)}</b></font></td></tr>'
                f'{rows}<tr><td align="center"><font size="2">Trang: {pager}</font></td></tr></table>')

    def teaser(self, a):
        return (f'<p><a href="{a.path}"><font face="Arial" size="2"><b>{e(a.title)}</b></font></a><br>'
                f'<font face="Arial" size="2">{e(a.lead)}</font></p>')

    def copy_page(self, kind, a, ctx):
        body = "<br><br>".join(e(p) for p in a.paragraphs)
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>In bài</title></head>
<body onload="window.print()"><table width="650" align="center"><tr><td><font face="Arial" size="2"><b>UBND HUYỆN YÊN THỦY</b></font></td></tr>
<tr><td><font face="Arial" size="4"><b>{e(a.title)}</b></font></td></tr><tr><td><font size="1">Ngày cập nhật: {a.dmy}</font></td></tr>
<tr><td><font face="Arial" size="2"><b>{e(a.lead)}</b><br><br>{body}<br><br><div align="right"><b>{e(a.author)}</b></div></font></td></tr></table></body></html>"""
