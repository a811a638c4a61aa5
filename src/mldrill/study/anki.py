"""Anki export with genanki. Deck, model and note GUIDs are derived from stable ids, so a
re-export updates the deck in Anki instead of duplicating it."""

from __future__ import annotations

import html
from pathlib import Path

import genanki

from ..bank.questions import RubricItem

DECK_ID = 1_737_204_611  # fixed: the same deck on every export
MODEL_ID = 1_737_204_612

_MODEL = genanki.Model(
    MODEL_ID,
    "mldrill rubric card",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Rubric"}, {"name": "Id"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<hr>{{Rubric}}",
        }
    ],
    sort_field_index=3,
)


def _html(text: str) -> str:
    return html.escape(text.strip()).replace("\n\n", "<br><br>").replace("\n", " ")


def note_for(item: RubricItem) -> genanki.Note:
    rubric = "<ul>" + "".join(
        f"<li><b>{html.escape(p.description)}</b> ({p.weight:g})</li>" for p in item.points
    ) + "</ul>"  # fmt: skip
    if item.misconceptions:
        rubric += "<p>Watch out:</p><ul>" + "".join(
            f"<li>{html.escape(m.correction)}</li>" for m in item.misconceptions
        ) + "</ul>"  # fmt: skip
    return genanki.Note(
        model=_MODEL,
        fields=[_html(item.question), _html(item.model_answer), rubric, item.id],
        guid=genanki.guid_for("mldrill", item.id),
        tags=[t.replace("/", "::") for t in item.topics],
    )


def export(items: list[RubricItem], path: Path) -> int:
    """Write ``items`` as an .apkg deck; returns the number of notes."""
    deck = genanki.Deck(DECK_ID, "mldrill theory")
    for item in sorted(items, key=lambda i: i.id):
        deck.add_note(note_for(item))
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
