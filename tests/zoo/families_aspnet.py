"""ASP.NET platforms: SharePoint 2013 publishing portals, hand-written WebForms CMSs and
DotNetNuke. All three wrap the whole page in one <form> carrying __VIEWSTATE; the first
two page their listings by __doPostBack only."""
from __future__ import annotations

from zoo.family import Family, aspnet_form_fields
from zoo.model import e


class SharePoint(Family):
    name = "sharepoint"
    site_title = "Cổng thông tin điện tử tỉnh Hòa Bình"
    postback_listing = True
    copy_kinds = ("mobile",)
    markers = ("Skip Ribbon Commands", "Skip to main content", "Trang chủ", "Cơ quan chủ quản: Văn phòng UBND tỉnh Hòa Bình",
               "Lượt xem", "Các tin khác", "Văn bản chỉ đạo điều hành", "In trang", "Gửi email")
    article_url = "/tin-tuc/Pages/{a.slug}.aspx"
    listing_url = ("/tin-tuc/Pages/default.aspx",) * 2  # pages 2… only by postback
    copy_urls = {"mobile": "/_layouts/15/mobile/dispform.aspx?List=tin-tuc&ID={a.id}"}

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="X-UA-Compatible" content="IE=10"><meta charset="utf-8">
<title>{e(title)}</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css">
<script type="text/javascript" src="/_layouts/15/init.js"></script>{head}</head>
<body><div id="imgPrefetch" style="display:none"><img src="/_layouts/15/images/spcommon.png"></div>
<form method="post" action="./default.aspx" id="aspnetForm">
{aspnet_form_fields("sharepoint-" + kind)}
<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><div id="globalNavBox"><div id="ribbonBox">
<div class="ms-cui-ribbonTopBars"><a href="javascript:;" id="ctl00_ctl63_SkipRibbon" class="ms-SkiptoNavigation">Skip Ribbon Commands</a>
<a href="#mainContent" class="ms-SkiptoMainContent">Skip to main content</a>
<ul class="ms-cui-tts"><li class="ms-cui-tt ms-browseTab"><span class="ms-cui-tt-span">Duyệt</span></li><li class="ms-cui-tt"><span class="ms-cui-tt-span">Trang</span></li></ul></div>
</div></div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header-portal"><a href="/"><img src="/PublishingImages/quoc-huy.png" alt=""></a>
<span class="ten-cong">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÒA BÌNH</span></div>
<div id="ctl00_PlaceHolderTopNavBar_TopNavigationMenu" class="ms-core-listMenu-horizontalBox"><ul class="root">
<li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Tin tức - Sự kiện</a></li>
<li><a href="/van-ban/Pages/default.aspx">Văn bản</a></li><li><a href="/gioi-thieu/Pages/default.aspx">Giới thiệu</a></li></ul></div>
<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
<div class="quick-links"><h3>Liên kết nhanh</h3><ul><li><a href="/van-ban/Pages/chi-dao.aspx">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/lich/Pages/default.aspx">Lịch công tác của UBND tỉnh</a></li></ul></div></div>
<div id="contentBox" aria-live="polite" aria-relevant="all"><div id="notificationArea" class="ms-notif-box"></div>
<div id="DeltaPlaceHolderMain"><a id="mainContent" name="mainContent" tabindex="-1"></a>
{main}
</div></div></div>
<div class="footer-portal"><p><b>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÒA BÌNH</b></p>
<p>Cơ quan chủ quản: Văn phòng UBND tỉnh Hòa Bình. Địa chỉ: đường Trần Hưng Đạo, phường Phương Lâm, thành phố Hòa Bình.</p>
<p>Ghi rõ nguồn Cổng thông tin điện tử tỉnh Hòa Bình khi phát hành lại thông tin từ cổng này.</p></div>
</div></div></form></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        others = "".join(f'<li><a href="{b.path}">{e(b.title)}</a> ({b.dmy})</li>' for b in ctx.related(a))
        body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        return f"""<div class="ms-webpart-zone ms-fullWidth"><div class="news-detail">
<div class="breadcrumb-portal"><span><a href="/">Trang chủ</a></span> &gt; <span><a href="{self.listing_path(1)}">Tin tức - Sự kiện</a></span></div>
<h1 class="title-news"><span id="ctl00_PlaceHolderMain_ctl00_lblTitle">{e(a.title)}</span></h1>
<div class="date-news"><span id="ctl00_PlaceHolderMain_lblNgayDang">Ngày đăng: {a.dmy} {a.time}</span></div>
<div class="sapo-news"><span id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField">{e(a.lead)}</span></div>
<div id="ctl00_PlaceHolderMain_ctl02__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline">
<div class="ExternalClass9C8A2E1F">{body}<p style="text-align:right"><strong>{e(a.author)}</strong></p></div></div>
<div class="toolbar-news"><a href="javascript:window.print()">In trang</a> | <a href="mailto:?subject={e(a.title)}">Gửi email</a> | {self.copy_links(a)} | Lượt xem: {1000 + a.n * 37}</div>
<div class="other-news"><h3>Các tin khác</h3><ul>{others}</ul></div></div></div>"""

    def teaser(self, a):
        return (f'<div class="item-news"><a href="{a.path}"><img src="/PublishingImages/{a.n}.jpg" alt=""></a>'
                f'<div class="info"><a class="title" href="{a.path}">{e(a.title)}</a> <span class="date">({a.dmy})</span>'
                f'<p class="desc">{e(a.lead)}</p></div></div>')

    def listing_main(self, items, page, pages, title):
        pager = self.postback_pager(page, pages) if title == self.section else ""
        return (f'<div class="ms-webpart-chrome"><h2 class="ms-webpart-titleText">{e(title)}</h2>'
                f'<div class="list-news">{"".join(self.teaser(a) for a in items)}</div>{pager}</div>')

    def copy_page(self, kind, a, ctx):
        body = "".join(f"<p>{e(p)}</p>" for p in a.paragraphs)
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(a.title)}</title></head><body><form method="post" action="./dispform.aspx" id="aspnetForm">{aspnet_form_fields("m")}
<div class="mobile-title"><a href="/">Cổng TTĐT tỉnh Hòa Bình</a></div>
<div class="ms-mobile-field"><h2>{e(a.title)}</h2><div class="ms-mobile-date">Ngày đăng: {a.dmy}</div>
<div class="ms-mobile-body"><p>{e(a.lead)}</p>{body}<p><b>{e(a.author)}</b></p></div></div>
<div class="ms-mobile-footer"><a href="{a.path}">Xem bản đầy đủ</a></div></form></body></html>"""


class WebForms(Family):
    name = "webforms"
    site_title = "Sở Nội vụ tỉnh Hòa Bình"
    postback_listing = True
    feed_only = 5
    copy_kinds = ("print",)
    markers = ("Trang chủ", "Sở Nội vụ tỉnh Hòa Bình - Địa chỉ", "Thống kê truy cập", "In bài viết",
               "Tin đã đăng", "Đang online", "Gửi bài viết")
    article_url = "/ChiTietTin.aspx?id={a.id}"
    listing_url = ("/DanhSachTin.aspx?cat=3",) * 2
    copy_urls = {"print": "/InTin.aspx?id={a.id}"}

    def postback_target(self, page):
        return "ctl00$ContentPlaceHolder1$gvTinTuc"

    def postback_pager(self, page, pages):
        cells = []
        for p in range(1, pages + 1):
            if p == page:
                cells.append(f"<td><span>{p}</span></td>")
            else:
                cells.append(f"<td><a href=\"javascript:__doPostBack('ctl00$ContentPlaceHolder1$gvTinTuc',"
                             f"'Page${p}')\">{p}</a></td>")
        return f'<tr class="pager"><td><table><tr>{"".join(cells)}</tr></table></td></tr>'

    def page(self, title, main, *, head="", kind="article"):
        return f"""<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{e(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss.aspx?cat=3" />
<link href="/App_Themes/Default/style.css" rel="stylesheet" type="text/css" />{head}</head>
<body><form name="form1" method="post" action="./Default.aspx" id="form1">
{aspnet_form_fields("webforms-" + kind)}
<table id="tblMain" width="1000" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="banner"><a href="/"><img src="/images/banner-snv.jpg" alt="Sở Nội vụ" /></a></td></tr>
<tr><td colspan="2" class="menu"><a href="/">Trang chủ</a> | <a href="{self.listing_path(1)}">Tin tức</a> | <a href="/VanBan.aspx">Văn bản</a> | <a href="/LienHe.aspx">Gửi bài viết</a></td></tr>
<tr><td class="left" valign="top" width="220"><div class="module"><div class="module-title">Thống kê truy cập</div>
<div>Đang online: 12</div><div>Tổng lượt truy cập: 2.345.678</div></div></td>
<td class="center" valign="top">{main}</td></tr>
<tr><td colspan="2" class="footer">Sở Nội vụ tỉnh Hòa Bình - Địa chỉ: Số 2, đường Cù Chính Lan, thành phố Hòa Bình.
Điện thoại: 0218.3852.000. Chịu trách nhiệm nội dung: Giám đốc Sở Nội vụ.</td></tr></table>
</form></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        others = "".join(f'<li><a href="{b.path}">{e(b.title)}</a></li>' for b in ctx.related(a))
        body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        return f"""<div class="chitiet">
<span id="ctl00_ContentPlaceHolder1_lblTieuDe" class="tieude">{e(a.title)}</span><br />
<span id="ctl00_ContentPlaceHolder1_lblNgayDang" class="ngaydang">Ngày đăng: {a.dmy} {a.time}</span>
<div id="ctl00_ContentPlaceHolder1_pnlTrichYeu" class="trichyeu"><b>{e(a.lead)}</b></div>
<div id="ctl00_ContentPlaceHolder1_lblNoiDung" class="noidung">{body}</div>
<div class="tacgia" align="right"><b>{e(a.author)}</b></div>
<a id="ctl00_ContentPlaceHolder1_lnkIn" href="{self.copy_path('print', a)}" target="_blank">In bài viết</a>
<div class="tindadang"><b>Tin đã đăng</b><ul>{others}</ul></div></div>"""

    def listing_main(self, items, page, pages, title):
        rows = "".join(f'<tr><td><a href="{a.path}" class="tieudetin">{e(a.title)}</a> <span class="ngay">({a.dmy})</span>'
                       f'<div class="tomtat">{e(a.lead)}</div></td></tr>' for a in items)
        pager = self.postback_pager(page, pages) if title == self.section and pages > 1 else ""
        return (f'<div class="danhmuc">{e(title)}</div><table class="gridview" id="ctl00_ContentPlaceHolder1_gvTinTuc" '
                f'cellspacing="0" border="0">{rows}{pager}</table>')

    def discovery(self, ctx):
        feed = sorted(ctx.items, key=lambda a: a.date, reverse=True)
        return {"/rss.aspx": self.rss("Tin tức - Sở Nội vụ", ctx.base, feed)}


class DotNetNuke(Family):
    name = "dnn"
    site_title = "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hòa Bình"
    markers = ("Đăng nhập", "Lượt xem", "Bản quyền thuộc Sở Nông nghiệp", "Lịch tiếp công dân", "Xem tiếp")
    article_url = "/tabid/55/ArticleID/{a.id}/{a.slug}.aspx"
    listing_url = ("/tabid/55/Default.aspx", "/tabid/55/Default.aspx?currentpage={n}")

    def page(self, title, main, *, head="", kind="article"):
        return f"""<!DOCTYPE html><html lang="vi-VN"><head id="Head">
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" /><title>{e(title)}</title>
<link href="/Portals/_default/Skins/Xcillion/skin.css" type="text/css" rel="stylesheet"/>{head}</head>
<body id="Body"><form method="post" action="/tabid/55/Default.aspx" id="Form" enctype="multipart/form-data">
{aspnet_form_fields("dnn-" + kind)}
<div id="siteWrapper"><div id="userControls"><div id="login"><a id="dnn_dnnLogin_loginLink" href="/Login">Đăng nhập</a></div></div>
<div id="mainHeader-inner"><div id="logo"><a id="dnn_dnnLOGO_hypLogo" href="/"><img src="/Portals/0/logo.png" alt="Sở Nông nghiệp"/></a></div>
<div id="mainMenu"><ul class="topLevel"><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(1)}">Tin tức</a></li>
<li><a href="/tabid/60/Default.aspx">Thông báo</a></li></ul></div></div>
<div class="container"><div id="dnn_ContentPane" class="contentPane">{main}</div>
<div id="dnn_RightPane" class="rightPane"><div class="DnnModule"><h3>Thông báo</h3><ul><li><a href="/tabid/60/Default.aspx">Lịch tiếp công dân của Giám đốc Sở tháng này</a></li></ul></div></div></div>
<div id="footer"><div class="copyright">Bản quyền thuộc Sở Nông nghiệp và Phát triển nông thôn tỉnh Hòa Bình. Số 11, đường An Dương Vương.</div></div>
</div></form></body></html>"""

    def article_main(self, a, paragraphs, ctx, part):
        body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        return f"""<div class="DnnModule DnnModule-EasyDNNnews DnnModule-421"><a name="421"></a>
<div id="dnn_ctr421_ContentPane"><div id="dnn_ctr421_ModuleContent" class="DNNModuleContent ModEasyDNNnewsC">
<div class="eds_news_module_421 news eds_template_Details_Article_Ozone"><div class="edn_article edn_clearFix">
<h1 class="edn_articleTitle">{e(a.title)}</h1>
<div class="edn_metaDetails"><span class="edn_author">Tác giả: {e(a.author)}</span> <time class="edn_date" datetime="{a.iso_time}">{a.dmy}</time></div>
<div class="edn_articleSummary"><p>{e(a.lead)}</p></div>
<div class="edn_articleContent">{body}</div>
<div class="edn_articleTags">Thẻ: <a href="/tabid/55/tag/thi-dua/Default.aspx">thi đua</a></div>
<div class="edn_socialPrintWrapper"><a href="javascript:window.print()">In</a> <span class="edn_hits">Lượt xem: {2000 + a.n}</span></div>
</div></div></div></div></div>"""

    def teaser(self, a):
        return (f'<div class="edn_article edn_clearFix"><h2 class="edn_articleTitle"><a href="{a.path}">{e(a.title)}</a></h2>'
                f'<time class="edn_date">{a.dmy}</time><div class="edn_articleSummary">{e(a.lead)}</div>'
                f'<a class="edn_readMore" href="{a.path}">Xem tiếp</a></div>')
