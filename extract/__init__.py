"""Facts from article text: the extraction pipeline (spaCy) and its recognizers.

    import thidua.extract
    nlp = thidua.extract.load()               # the pipeline of extract/pipeline.cfg
    doc = nlp(text)                           # or thidua.extract.read(nlp, html=page, url=…)
    record = thidua.extract.to_record(doc)    # the record of RECORD.md
    thidua.extract.extract_record(text=…)     # the same in one call, with a cached pipeline

The names are loaded on first use, so importing a submodule (text, dates …) does not load spaCy.
"""
from __future__ import annotations

_API = {"load": "thidua.extract.nlp", "read": "thidua.extract.nlp", "to_record": "thidua.extract.nlp",
        "extract_record": "thidua.extract.pipeline", "ExtractionError": "thidua.extract.reader",
        "PipelineOrderError": "thidua.extract.components", "add_fact": "thidua.extract.components"}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'thidua.extract' has no attribute {name!r}")
