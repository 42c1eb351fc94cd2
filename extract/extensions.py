"""The attributes thidua adds to spaCy's Doc and Span (registered once, on import)."""
from spacy.tokens import Doc, Span

# the article the recognizers read (extract.document.Doc): body, headline, date, province …
if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
# where the body names a bloc, [(start, end, bloc name)], set by thidua_blocs; stages that
# resolve bloc names require it
if not Doc.has_extension("bloc_mentions"):
    Doc.set_extension("bloc_mentions", default=None)
# seconds spent per stage, when the caller asks for them
if not Doc.has_extension("timings"):
    Doc.set_extension("timings", default=None)
# the facts of the doc by span id: spaCy keys a span's own attributes by its offsets, which two
# facts may share (two counts of one award, two sections over one sentence)
if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


def _fact(span: Span) -> dict | None:
    facts = span.doc._.facts
    return facts.get(span.id) if facts else None


# a fact's fields (the record item), on each span of doc.spans[section]
if not Span.has_extension("fact"):
    Span.set_extension("fact", getter=_fact)
