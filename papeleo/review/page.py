"""The review page: one self-contained HTML file, safe to open whatever the documents say.

Document text is untrusted — a scanned PDF can hold ``<script>``, HTML or a ``javascript:``
link as easily as a number. So every string from the data is escaped with ``html.escape``
where it lands in HTML, and what the script needs arrives as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``
etc., so no value can close the block. The page's Content-Security-Policy allows only its own
inline script (by its sha256, computed here), inline styles and ``data:`` images: nothing is
loaded from anywhere, and an injected script would not run even if escaping failed.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any

import schemas

from .. import inline
from .assets import CSS, JS
from .collect import KINDS, NOT_VALUES, Entry, Review, type_name

KIND_LABEL = {
    "conflict": "conflict",
    "corrected": "corrected",
    "imputed": "imputed",
    "low_confidence": "low confidence",
}


def script_json(data: Any) -> str:
    return inline.script_json(data, default=str)


def csp(script: str) -> str:
    return (
        f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {inline.script_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )


def show(value: Any) -> str:
    """A value as the reviewer reads it (escaped by the caller)."""
    if value is None:
        return "(empty)"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}" if abs(value) >= 10000 else f"{value:.0f}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def key_label(entry: Entry) -> str:
    parts = [f"{c}={show(v)}" for c, v in entry.key.items() if v is not None]
    label = " ".join(parts) or "(no key)"
    return label + (f" #{entry.occurrence + 1}" if entry.occurrence else "")


def _editable_fields(entry: Entry) -> dict[str, list[Any]]:
    """For a row-level entry: the columns a decision may name, with type and value; those
    the row's checks in conflict speak of first ("suma_programado" puts programado_t1.. first)."""
    words = {w for c in entry.checks for w in c.split("=")[0].split("_") if len(w) > 3}
    columns = [f for f in schemas.get(entry.dataset).schema if f.name not in NOT_VALUES]
    columns = [f for f in columns if not str(f.type).startswith("list")]
    columns.sort(key=lambda f: not (set(f.name.split("_")) & words))
    return {f.name: [type_name(f.type), entry.row.get(f.name)] for f in columns}


def entry_data(review: Review, entry: Entry) -> dict[str, Any]:
    doc = review.documents[entry.doc]
    data = {
        "source": doc.get("source"),
        "doc_id": entry.row.get("doc_id"),
        "file_name": doc.get("file_name"),
        "dataset": entry.dataset,
        "key": entry.key,
        "occurrence": entry.occurrence,
        "field": entry.field,
        "extracted": entry.value,
        "type": entry.value_type,
    }
    if entry.field is None:
        data["fields"] = _editable_fields(entry)
    return data


def _evidence_html(ev: dict[str, Any]) -> str:
    if ev.get("kind") == "image":
        mark = ev.get("mark")
        overlay = ""
        if mark:
            style = ";".join(f"{k}:{100 * float(v):.2f}%" for k, v in mark.items())
            overlay = f'<div class="mark" style="{escape(style)}"></div>'
        caption = f"page {ev.get('page')}" + (" (whole page: the row has no box)" if ev.get("whole_page") else "")
        return (
            f'<figure class="crop"><div class="imgwrap"><img alt="{escape(caption)}" src="{escape(ev["src"])}">'
            f"{overlay}</div><figcaption>{escape(caption)}</figcaption></figure>"
        )
    if ev.get("kind") == "text":
        lines = "".join(
            f'<span class="l{" row" if ln["row"] else ""}"><span class="n">{ln["n"] or ""}</span>{escape(ln["text"])}</span>'
            for ln in ev["lines"]
        )
        return f'<pre class="context">{lines}</pre><p class="none">text file, page {ev.get("page")}</p>'
    return f'<p class="none">no evidence: {escape(str(ev.get("why", "")))}</p>'


def _entry_html(review: Review, i: int, entry: Entry) -> str:
    badges = "".join(f'<span class="badge {k}">{escape(KIND_LABEL[k])}</span>' for k in entry.kinds)
    field = escape(entry.field) if entry.field else "the whole row"
    checks = "".join(
        f'<code class="{"conflict" if c.endswith("=conflict") else ""}">{escape(c)}</code>' for c in entry.checks
    )
    rows = [
        ("row", escape(key_label(entry))),
        ("dataset", escape(entry.dataset)),
    ]
    if entry.field:
        rows.append(("value chosen", f'<span class="val">{escape(show(entry.value))}</span>'))
    if entry.raw is not None:
        rows.append(("raw reading", f'<span class="val">{escape(entry.raw)}</span>'))
    rows.append(("checks", f'<span class="checks">{checks or "(none in conflict)"}</span>'))
    rows.append(("reason", escape(entry.reason) or "(the extractor gave none)"))
    conf = "(none)" if entry.confidence is None else f"{entry.confidence:.3f}"
    rows.append(("confidence", f"{conf}, page {entry.page if entry.page is not None else '?'}"))
    facts = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    if entry.field is None:
        options = "".join(f'<option value="{escape(name)}">{escape(name)}</option>' for name in _editable_fields(entry))
        pick = f'<label class="pick">value checked <select class="field-pick" aria-label="field">{options}</select></label>'
        input_type = "text"
    else:
        pick = ""
        input_type = {"number": "number", "integer": "number", "date": "date"}.get(entry.value_type, "text")
    kinds = " ".join(entry.kinds)
    return (
        f'<article class="entry k-{escape(entry.kinds[0])}" tabindex="-1" data-id="{i}" data-doc="{entry.doc}" '
        f'data-dataset="{escape(entry.dataset)}" data-kinds="{escape(kinds)}" data-field="{escape(entry.field or "")}" '
        f'data-key="{escape(json.dumps(entry.key, ensure_ascii=False, sort_keys=True))}">'
        f'<div class="facts"><p class="what">{badges}<span class="field">{field}</span></p><dl>{facts}</dl></div>'
        f'<div class="evidence">{_evidence_html(entry.evidence)}</div>'
        f'<div class="decide">{pick}<button type="button" class="accept">accept</button>'
        '<button type="button" class="correct">correct</button>'
        f'<span class="editor" hidden><input class="value" type="{input_type}" step="any" '
        'aria-label="the right value"><input class="note" type="text" placeholder="note (optional)" '
        'aria-label="note"><button type="button" class="save">save correction</button></span>'
        '<span class="status"></span><span class="error"></span></div></article>'
    )


def _stale_html(stale: list[dict[str, Any]]) -> str:
    if not stale:
        return ""
    cols = ("file_name", "dataset", "key", "field", "extracted", "action", "value", "reviewer", "date", "why")
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(json.dumps(d.get(c), ensure_ascii=False) if c == 'key' else show(d.get(c)))}</td>"
            for c in cols
        )
        + "</tr>"
        for d in stale
    )
    return (
        f'<section id="stale"><h2>Stale decisions ({len(stale)})</h2><p>The last ingest run did not apply these: '
        "the document or the raw reading changed since they were made. Review the values again below.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _select(id_: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
    return f'<label>{label} <select id="{id_}"><option value="">all</option>{opts}</select></label>'


def render(review: Review) -> str:
    """The whole page as text."""
    entries = review.entries
    docs_in_order = list(dict.fromkeys(e.doc for e in entries))
    datasets = sorted({e.dataset for e in entries})
    kinds = [k for k in KINDS if any(k in e.kinds for e in entries)]
    sections = []
    for d in docs_in_order:
        doc = review.documents[d]
        items = "".join(_entry_html(review, i, e) for i, e in enumerate(entries) if e.doc == d)
        n = sum(1 for e in entries if e.doc == d)
        sections.append(
            f'<section class="doc" data-doc="{d}"><h2>{escape(str(doc.get("file_name")))} '
            f"<small>({n} to review, {escape(str(doc.get('doc_type')))}, {escape(str(doc.get('text_source')))})</small></h2>"
            f'<p class="src">{escape(str(doc.get("source")))}</p>{items}</section>'
        )
    body = (
        "".join(sections)
        or '<p class="empty">Nothing to review: no value is corrected, imputed, in conflict or under the confidence threshold.</p>'
    )
    data = {
        "root": str(review.root),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "entries": [entry_data(review, e) for e in entries],
    }
    filters = (
        _select("f-doc", "document", [(str(d), str(review.documents[d].get("file_name"))) for d in docs_in_order])
        + _select("f-dataset", "dataset", [(s, s) for s in datasets])
        + _select("f-kind", "doubt", [(k, KIND_LABEL[k]) for k in kinds])
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp(JS))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>papeleo review: {escape(str(review.root))}</title><style>{CSS}</style></head><body>"
        f'<header><h1>papeleo review</h1>{filters}<span id="shown"></span>'
        '<label>reviewer <input id="reviewer" type="text" autocomplete="name" placeholder="your name"></label>'
        '<button type="button" id="export">export decisions</button><span id="export-status"></span></header>'
        f'<main><p class="help">{len(entries)} value(s) to review in {len(docs_in_order)} document(s) under '
        f"<code>{escape(str(review.root))}</code>, riskiest first: conflicts, then corrected or imputed values, "
        f"then rows under confidence {review.min_confidence:g}. Keys: <kbd>j</kbd>/<kbd>↓</kbd> next, "
        "<kbd>k</kbd>/<kbd>↑</kbd> previous, <kbd>a</kbd> accept (again: undo), <kbd>e</kbd> edit the focused "
        "entry's value (<kbd>Enter</kbd> saves, <kbd>Esc</kbd> leaves the field). Decisions stay in this page "
        "until you export them; <code>papeleo ingest --decisions FILE</code> applies the file.</p>"
        f"{_stale_html(review.stale)}{body}</main>"
        f'<script type="application/json" id="review-data">{script_json(data)}</script>'
        f"<script>{JS}</script></body></html>\n"
    )
