"""Ways to reach a site's articles beyond the links of its pages: feeds (RSS, Atom),
sitemaps (from robots.txt, sitemap indexes, news sitemaps), ASP.NET postback pagination,
and the pager links of listings that should be walked first."""
