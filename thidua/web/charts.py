"""Vega-Lite specifications for the pages' charts (drawn in the browser by the bundled
vega-embed; the data travels inside the spec, so a chart needs no second request)."""
from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, never fetched
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"


def _base(title: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start", "fontSize": 14},
        "width": "container",
        "height": 260,
        "config": {"font": FONT, "axis": {"labelFontSize": 12, "titleFontSize": 12},
                   "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
                   "view": {"stroke": None}},
        # Vietnamese number style on axes and tooltips: 12.000 and 3,5.
        "usermeta": {"embedOptions": {
            "actions": False, "renderer": "svg",
            "formatLocale": {"decimal": ",", "thousands": ".", "grouping": [3],
                             "currency": ["", " đ"]}}},
    }


def award_trends(points: list[dict], labels: dict[str, str], title: str) -> dict[str, Any]:
    """Stacked bars: awards counted per year, one colour per award type."""
    values = [{"year": p["year"], "type": labels.get(p["award_type"], p["award_type"]),
               "count": p["count"], "items": p["items"]} for p in points]
    spec = _base(title)
    spec.update({
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Năm", "axis": {"labelAngle": 0}},
            "y": {"field": "count", "type": "quantitative", "title": "Số lượng", "stack": True,
                  "axis": {"tickMinStep": 1}},
            "color": {"field": "type", "type": "nominal", "title": "Hình thức",
                      "legend": {"orient": "bottom", "columns": 2}},
            "tooltip": [{"field": "year", "title": "Năm"},
                        {"field": "type", "title": "Hình thức"},
                        {"field": "count", "title": "Số lượng"},
                        {"field": "items", "title": "Số quyết định, lượt"}],
        },
    })
    spec["height"] = 300
    return spec


def indicator_series(points: list[dict], indicator: str, region: str | None,
                     unit: str | None) -> dict[str, Any]:
    """One indicator in one place: value by period, estimates drawn hollow."""
    values = [{"period": p["period"] or "?", "order": p["year"] or 0, "value": p["value"],
               "estimate": "ước tính" if p["estimate"] else "số liệu",
               "conflict": bool(p["conflict"])} for p in points]
    title = indicator + (f" — {region}" if region else "")
    spec = _base(title)
    spec["height"] = 180
    y_title = unit or "Giá trị"
    spec.update({
        "data": {"values": values},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": "Kỳ",
                  "sort": {"field": "order"}, "axis": {"labelAngle": 0, "labelLimit": 140}},
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "tooltip": [{"field": "period", "title": "Kỳ"},
                        {"field": "value", "title": y_title, "format": ",.2~f"},
                        {"field": "estimate", "title": "Loại"},
                        {"field": "conflict", "title": "Nguồn không thống nhất"}],
        },
        "layer": [
            {"mark": {"type": "line", "point": False, "color": "#1f6f8b"}},
            {"mark": {"type": "point", "filled": True, "size": 60, "color": "#1f6f8b",
                      "tooltip": True},
             "encoding": {"shape": {"field": "estimate", "type": "nominal", "title": "Loại",
                                    "legend": {"orient": "bottom"}}}},
        ],
    })
    return spec
