"""Pieces the report stories share: the title block, a dealer's label, the counting basis and the charts."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from app.reports import charts
from app.reports.pdf import WIDTH, Styles, Translate, para


def heading(title: str, subtitle: str, st: Styles) -> list:
    return [para(title, st.title), para(subtitle, st.subtitle)]


def dealer_label(name: str, code: str) -> str:
    """"Name (CODE)", or the code alone when the dealer has no other name."""
    return f"{name} ({code})" if name != code else code


def basis_text(basis: str, translate: Translate) -> str:
    """Which forms the averages count (assessment.verified_only)."""
    return (translate("Reports", "verified forms only") if basis == "verified"
            else translate("Reports", "all forms except disputed ones"))


def trend_block(points, title: str, height: float, translate: Translate, st: Styles, *,
                note: str | None = None) -> KeepTogether:
    """The average score month by month, its heading kept on the chart's page."""
    chart = charts.trend_chart([p.month[2:] for p in points], [p.average for p in points], WIDTH, height,
                               empty_text=translate("Reports", "No forms in these months"))
    return KeepTogether([para(title, st.h2), chart] + ([para(note, st.note)] if note else []))


def pareto_block(labels: list[tuple[str, str]], counts: list[int], title: str, translate: Translate, st: Styles, *,
                 note: str | None = None) -> KeepTogether:
    """Cases by cause group and failure type, most first, its heading kept on the chart's page."""
    chart = charts.pareto_chart(labels, counts, WIDTH, 70 * mm,
                                empty_text=translate("Reports", "No cases opened in this month"))
    return KeepTogether([para(title, st.h2), chart] + ([para(note, st.note)] if note else []))
