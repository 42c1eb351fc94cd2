"""The template zoo: generated sites in the page layouts of the platforms provincial
portals and papers run on, each article with its truth, to measure the generic crawl
(tests/test_zoo_crawl.py, scripts/crawl_eval.py). Our own article text and markup,
modelled on how those platforms lay out a page; no page is copied from a real site."""
from __future__ import annotations

from zoo.families_aspnet import DotNetNuke, SharePoint, WebForms
from zoo.families_cms import Drupal, Joomla, NukeViet, WordPress
from zoo.families_news import Mcms, NextJs, VnExpressLike
from zoo.families_portal import Liferay, Table

FAMILIES = (SharePoint(), WebForms(), Liferay(), Joomla(), WordPress(), DotNetNuke(), Mcms(),
            VnExpressLike(), Table(), NukeViet(), Drupal(), NextJs())
