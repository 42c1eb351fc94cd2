"""Vega-Lite specifications for the pages' charts (drawn in the browser by the bundled
vega-embed; the data travels inside the spec, so a chart needs no second request).

Counts get whole-number ticks, every year of the range gets a place on the axis (a year
without awards shows as a gap, not as a missing year), series get distinct colours from a
20-colour scheme, and titles are wrapped, never cut."""
from __future__ import annotations

import textwrap
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, never fetched
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
SCHEME = "tableau20"
TITLE_WIDTH = 48  # characters per line of a chart title


def _base(title: str, filename: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": {"text": textwrap.wrap(title, TITLE_WIDTH) or [""], "anchor": "start",
                  "fontSize": 14, "limit": 0},
        "width": "container",
        "height": 260,
        "config": {"font": FONT, "axis": {"labelFontSize": 12, "titleFontSize": 12},
                   "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 0},
                   "view": {"stroke": None}},
        # Vietnamese number style on axes and tooltips: 12.000 and 3,5; app.js adds the
        # "Tải PNG" / "Tải SVG" buttons under the chart, named after `filename`.
        "usermeta": {"filename": filename, "embedOptions": {
            "actions": False, "renderer": "svg",
            "formatLocale": {"decimal": ",", "thousands": ".", "grouping": [3],
                             "currency": ["", " đ"]}}},
    }


def _count_axis(title: str) -> dict[str, Any]:
    return {"field": "count", "type": "quantitative", "title": title, "stack": True,
            "axis": {"tickMinStep": 1, "format": ",d"}}


def _years(points: list[dict], years: list[int] | None) -> list[int]:
    seen = [p["year"] for p in points if p.get("year") is not None]
    if years:
        return years
    return list(range(min(seen), max(seen) + 1)) if seen else []


def award_trends(points: list[dict], names: dict[str, str], title: str, axis_title: str,
                 legend_title: str = "Hình thức", years: list[int] | None = None,
                 filename: str = "khen-thuong") -> dict[str, Any]:
    """Stacked bars: awards counted per year, one colour per series (award type or
    province); every year of the range on the axis."""
    values = [{"year": p["year"], "series": names.get(p["series"], p["series"]),
               "count": p["count"], "items": p["items"]} for p in points]
    spec = _base(title, filename)
    spec.update({
        "height": 300,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": axis_title,
                  "scale": {"domain": _years(points, years)}, "axis": {"labelAngle": 0}},
            "y": _count_axis("Số lượng"),
            "color": {"field": "series", "type": "nominal", "title": legend_title,
                      "scale": {"scheme": SCHEME},
                      "legend": {"orient": "bottom", "columns": 2}},
            "tooltip": [{"field": "year", "title": axis_title},
                        {"field": "series", "title": legend_title},
                        {"field": "count", "title": "Số lượng", "format": ",d"},
                        {"field": "items", "title": "Số khen thưởng", "format": ",d"}],
        },
    })
    return spec


def compare_lines(points: list[dict], title: str, axis_title: str, y_title: str,
                  years: list[int] | None = None, integer: bool = True,
                  filename: str = "so-sanh") -> dict[str, Any]:
    """Several provinces (or places) on one chart: a line each across the years."""
    values = [{"year": p["year"], "series": p["series"], "count": p["value"]} for p in points]
    spec = _base(title, filename)
    y = _count_axis(y_title)
    y.pop("stack")
    if not integer:
        y["axis"] = {"format": ",.2~f"}
    spec.update({
        "height": 300,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 50}, "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": axis_title,
                  "scale": {"domain": _years(points, years)}, "axis": {"labelAngle": 0}},
            "y": y,
            "color": {"field": "series", "type": "nominal", "title": "Tỉnh",
                      "scale": {"scheme": SCHEME}, "legend": {"orient": "bottom", "columns": 2}},
            "tooltip": [{"field": "year", "title": axis_title}, {"field": "series", "title": "Tỉnh"},
                        {"field": "count", "title": y_title,
                         "format": ",d" if integer else ",.2~f"}],
        },
    })
    return spec


def indicator_series(points: list[dict], indicator: str, region: str | None,
                     unit: str | None, filename: str = "chi-tieu") -> dict[str, Any]:
    """One indicator in one place: value by period, estimates drawn hollow."""
    values = [{"period": p["period"] or "?", "order": p["year"] or 0, "value": p["value"],
               "estimate": "ước tính" if p["estimate"] else "số liệu",
               "conflict": bool(p["conflict"])} for p in points]
    title = indicator + (f" — {region}" if region else "")
    spec = _base(title, filename)
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
