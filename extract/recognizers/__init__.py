"""One recognizer per fact type, each `extract(doc) -> list[dict]` of record items with evidence.

They run in the order of STAGES; a stage may read what earlier ones put in `doc.facts`.
"""
from thidua.extract.recognizers import (awards, blocs, documents, events, indicators, leadership,
                                        movements, people)

STAGES = (
    ("blocs", blocs.extract),
    ("events", events.extract),
    ("people", people.extract),
    ("awards", awards.extract),
    ("bloc_leadership", leadership.extract),
    ("indicators", indicators.extract),
    ("documents", documents.extract),
    ("movements", movements.extract),
)
