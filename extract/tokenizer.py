"""The pipeline's tokenizer: reads an article (checks, furniture, headline, byline) and splits
its cleaned body into syllables and punctuation marks, keeping every character offset.

Vietnamese writes one syllable per space-separated word; a token is a run of letters and digits
or one punctuation mark, and whitespace other than one space after a token is a token of its
own, so `doc.text` is the article's body exactly and a fact's character offsets are the body's.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from thidua.extract import extensions  # noqa: F401  (Doc._.article)
from thidua.extract.reader import ArticleInput, read_article

_TOKEN = re.compile(r"\w+|[^\w\s]")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """spaCy's words/spaces for `text` so that Doc(words, spaces).text == text."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        gap = text[pos:m.start()]
        if gap:
            if words and gap.startswith(" "):
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        words.append(m.group())
        spaces.append(False)
        pos = m.end()
    tail = text[pos:]
    if tail:
        if words and tail.startswith(" "):
            spaces[-1] = True
            tail = tail[1:]
        if tail:
            words.append(tail)
            spaces.append(False)
    return words, spaces


class ArticleTokenizer:
    """`nlp(text)`: the article in `text` read and tokenized; `from_input` takes a page or the
    caller's context (url, publication date, province, selectors) as well."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return self.from_input(ArticleInput(text=text))

    def from_input(self, item: ArticleInput) -> Doc:
        article = read_article(item)
        words, spaces = words_and_spaces(article.body)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.article = article
        return doc

    # spaCy saves and loads a pipeline's tokenizer; this one has no state of its own
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ArticleTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "ArticleTokenizer":
        return self


@registry.tokenizers("thidua.ArticleTokenizer.v1")
def make_article_tokenizer():
    def create(nlp) -> ArticleTokenizer:
        return ArticleTokenizer(nlp.vocab)
    return create
