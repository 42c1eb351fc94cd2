"""The lead (sapo) of an article: the bold paragraph under the headline that news sites
print outside the body container (VnExpress `p.description`, MCMS `div.article__sapo`,
NukeViet `div.hometext`), so a body extractor leaves it out. It goes in front of the body
when the body lacks it."""
from __future__ import annotations

import re

from thidua.extract.html_tree import clean, fold, hinted, in_furniture, meta

LEAD_HINT = re.compile(r"sapo|(?<![a-z])lead|description|summary|chapeau|tom-?tat|trich-?yeu|"
                       r"hometext|excerpt|(?<![a-z])intro|cms-desc|article__desc|abstract|"
                       r"(?<![a-z])desc(?![a-z])", re.I)
_LEAD_WORDS = ("sapo", "lead", "description", "summary", "chapeau", "tom", "trich", "hometext",
               "excerpt", "intro", "desc", "abstract")
MIN_LEAD, MAX_LEAD = 40, 900


class _Order:
    """Document positions, computed once and only if a candidate needs them."""

    def __init__(self, tree):
        self.tree, self._pos = tree, None

    def __call__(self, el) -> int:
        if self._pos is None:
            self._pos = {e: i for i, e in enumerate(self.tree.iter())}
        return self._pos.get(el, -1)


def _usable(text: str, links: int = 0) -> bool:
    return MIN_LEAD <= len(text) <= MAX_LEAD and len(text.split()) >= 8 and links <= len(text) / 3


def _below_title(el, title_el, order: _Order) -> bool:
    if title_el is None:
        return True
    if el is title_el or title_el in el.iterancestors() or el in title_el.iterancestors():
        return False
    return order(el) > order(title_el)


def _hinted_lead(tree, title_el, order: _Order) -> str | None:
    found = hinted(tree, _LEAD_WORDS, LEAD_HINT) + tree.xpath('//*[@itemprop="description"]')
    for el in found:
        if el.tag in ("meta", "head", "title", "body", "html") or in_furniture(el):
            continue
        text = clean(el.text_content())
        links = sum(len(clean(a.text_content())) for a in el.iter("a"))
        if _usable(text, links) and _below_title(el, title_el, order):
            return text
    return None


def _shown_description(tree, title_el, order: _Order) -> str | None:
    """og:description or the meta description, when the page shows it under the headline:
    otherwise it is a summary written for search engines, not the lead."""
    described = meta(tree, "og:description", "description")
    if not described or not _usable(described):
        return None
    prefix = described[:30]
    if "'" in prefix and '"' in prefix:
        return None
    matches = tree.xpath("//body//*[contains(normalize-space(.), $p)]", p=prefix)
    deepest = [el for el in matches if not any(c in matches for c in el.iterchildren())]
    for el in deepest:
        text = clean(el.text_content())
        if _usable(text) and not in_furniture(el) and _below_title(el, title_el, order):
            return text
    return None


def lead(tree, title_el, body: list[str]) -> str | None:
    """The lead as printed on the page, when the body does not already start with it."""
    order = _Order(tree)
    found = _hinted_lead(tree, title_el, order) or _shown_description(tree, title_el, order)
    if found is None:
        return None
    head, folded = fold(" ".join(body[:3])), fold(found)
    if folded[:120] in head or (head and head[:120] in folded):
        return None  # the body has it already
    return found
