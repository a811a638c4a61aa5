"""Progress report: topic mastery, theory vs coding balance, history and mock interviews.

``build`` turns stored records into plain data; the terminal, the HTML file and the web
dashboard all render the same ``Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ..session.adaptive import START
from . import charts

CODING_MODES = ("submit", "grade", "mock")


@dataclass
class Report:
    mastery: list[tuple[str, float, int]]  # (area or topic, rating, graded answers)
    balance: dict[str, dict]  # "coding" / "theory": count, mean score
    history: list[tuple[str, str, float]]  # (date, what, score), oldest first
    mocks: list[dict]
    weakest: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "mastery": [{"topic": t, "rating": round(r), "answers": n} for t, r, n in self.mastery],
            "balance": self.balance,
            "history": [{"date": d, "what": w, "score": s} for d, w, s in self.history],
            "mocks": self.mocks,
            "weakest": self.weakest,
        }


def build(attempts, answers, ratings: dict[str, tuple[float, int]], mocks: list[dict]) -> Report:
    """``attempts`` and ``answers`` are storage rows; ``ratings`` maps ``topic:X`` keys."""
    mastery = sorted(
        ((k.split(":", 1)[1], r, n) for k, (r, n) in ratings.items()
         if k.startswith("topic:") and "/" not in k),
        key=lambda row: row[1],
    )  # fmt: skip
    coding = [a for a in attempts if a.mode in CODING_MODES]
    events = [(a.created_at, f"code: {a.problem_id}", a.score) for a in coding]
    events += [(a.created_at, f"theory: {a.item_id}", a.score) for a in answers]
    events.sort(key=lambda e: e[0])
    balance = {
        "coding": _summary([a.score for a in coding]),
        "theory": _summary([a.score for a in answers]),
    }
    history = [(when.strftime("%Y-%m-%d %H:%M"), what, score) for when, what, score in events]
    weakest = [t for t, r, _ in mastery if r < START - 1][:3]
    return Report(mastery, balance, history[-200:], mocks, weakest)


def _summary(scores: list[float]) -> dict:
    mean = round(sum(scores) / len(scores), 1) if scores else None
    return {"count": len(scores), "mean": mean}


def chart_svgs(report: Report) -> dict[str, str]:
    return {
        "mastery": charts.bar_chart([(t, r) for t, r, _ in report.mastery],
                                    "Topic mastery (Elo rating; 1500 = start)", 1000, 2000),
        "history": charts.line_chart([(d, s) for d, _, s in report.history[-60:]],
                                     "Scores over time (last 60)"),
        "balance": charts.split_bar(
            [("coding", report.balance["coding"]["count"]),
             ("theory", report.balance["theory"]["count"])],
            "Balance: coding vs theory answers"),
    }  # fmt: skip


def to_html(report: Report, generated: str) -> str:
    """A standalone page (no scripts, no external files) with the charts inline."""
    svgs = chart_svgs(report)
    rows = "".join(
        f"<tr><td>{escape(m['format'])}</td><td>{escape(m['mode'])}</td>"
        f"<td>{escape(m['date'])}</td><td>{_score(m.get('score'))}</td></tr>"
        for m in report.mocks
    )
    bal = report.balance
    weakest = ", ".join(escape(w) for w in report.weakest) or "none yet"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mldrill progress report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse}}td,th{{padding:4px 10px;border-bottom:1px solid #ddd}}</style>
</head><body>
<h1>mldrill progress report</h1>
<p>Generated {escape(generated)}.</p>
<h2>Topic mastery</h2>{svgs["mastery"]}
<p>Weakest topics: {weakest}</p>
<h2>Theory and coding</h2>{svgs["balance"]}
<p>Coding: {bal["coding"]["count"]} graded submissions, mean {_score(bal["coding"]["mean"])}.
Theory and design: {bal["theory"]["count"]} answers, mean {_score(bal["theory"]["mean"])}.
Interviews assess both together.</p>
<h2>History</h2>{svgs["history"]}
<h2>Mock interviews</h2>
<table><thead><tr><th>format</th><th>mode</th><th>date</th><th>score</th></tr></thead>
<tbody>{rows or '<tr><td colspan="4">none yet</td></tr>'}</tbody></table>
</body></html>
"""


def _score(value) -> str:
    return "–" if value is None else f"{value:.0f}"
