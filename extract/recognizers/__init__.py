"""One recognizer per fact type, each `extract(article) -> list[dict]` of record items with
evidence (and `_span`, the offsets of the words that state the fact).

They run as the components of extract/components.py, in the order of extract/pipeline.cfg; a
stage may read what earlier ones put in `article.facts` (the components declare it).
"""
