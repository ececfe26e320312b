"""``papeleo diff --format html``: the diff as one self-contained page to open or attach.

The page is read offline and holds text taken from documents, which nobody vouches for, so:
no external asset of any kind (the style is inline, there is no script and no link), a
Content-Security-Policy that forbids loading anything from anywhere (only inline style and
``data:`` images are allowed), and every string that did not come from this module passes
through ``html.escape`` — a value ``<script>alert(1)</script>`` or ``javascript:...`` is shown
as those characters. Datasets fold with ``<details>``, which needs no script.
"""

from __future__ import annotations

import html

from .model import CAUSES, KINDS, NONDETERMINISM, DiffResult, RowChange, show_value, visible

VALUE_WIDTH = 400

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.warning { background: #fdd; border: 2px solid #c00; padding: .5em; font-weight: bold; }
.added { background: #efe; } .removed { background: #fee; }
.nondeterminism { color: #c00; font-weight: bold; }
.reviewed { color: #05a; font-style: italic; }
code { font-family: ui-monospace, monospace; white-space: nowrap; }
.v { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
"""


def esc(text: object) -> str:
    return html.escape(visible(str(text)), quote=True)


def _summary(result: DiffResult) -> list[str]:
    causes = [c for c in CAUSES if result.by_cause()[c]]
    out = ["<table><tr><th>dataset</th><th>added</th><th>removed</th><th>changed</th>"]
    out += [f"<th>{esc(c)}</th>" for c in causes]
    out.append("</tr>")
    for d in result.datasets:
        counts = d.by_cause()
        cells = "".join(f'<td class="n">{n}</td>' for n in (len(d.added), len(d.removed), len(d.changed)))
        cells += "".join(f'<td class="n">{counts[c]}</td>' for c in causes)
        out.append(f"<tr><td>{esc(d.name)}</td>{cells}</tr>")
    out.append("</table>")
    return out


def _row(row: RowChange) -> list[str]:
    cause_class = ' class="nondeterminism"' if row.cause == NONDETERMINISM else ""
    head = (
        f"<td>{esc(row.kind)}</td><td>{esc(row.source)}</td><td>{esc(row.key_label)}</td>"
        f"<td>{'' if row.page is None else esc(row.page)}</td>"
    )
    tail = f"<td{cause_class}>{esc(row.cause)}</td>"
    if not row.fields:
        values = "; ".join(f"{k}={show_value(v, 80)}" for k, v in row.values.items())
        return [f'<tr class="{esc(row.kind)}">{head}<td colspan="3" class="v">{esc(values)}</td>{tail}</tr>']
    out = []
    for c in row.fields:
        note = f' <span class="reviewed">({esc(c.note)})</span>' if c.note else ""
        out.append(
            f"<tr>{head}<td><code>{esc(c.field)}</code>{note}</td>"
            f'<td class="v">{esc(show_value(c.old, VALUE_WIDTH))}</td>'
            f'<td class="v">{esc(show_value(c.new, VALUE_WIDTH))}</td>{tail}</tr>'
        )
    return out


def render(result: DiffResult, limit: int = 50) -> str:
    body = [f"<h1>papeleo diff: {esc(result.old_root)} → {esc(result.new_root)}</h1>"]
    active = {k: v for k, v in result.filters.items() if v}
    if active:
        body.append("<p>Filters: " + esc(", ".join(f"{k}={v}" for k, v in active.items())) + "</p>")
    body.append("<p><strong>No differences.</strong></p>" if result.empty else "<h2>Summary</h2>")
    body += _summary(result)
    warning = result.warning()
    if warning:
        body.append(f'<p class="warning" role="alert">{esc(warning)}</p>')
    if result.unchanged_by_new_version():
        body.append("<ul>")
        body += [f"<li>{esc(line)}</li>" for line in result.unchanged_by_new_version()]
        body.append("</ul>")
    if result.moved:
        body.append("<ul>")
        body += [f"<li>{esc(a)} is {esc(b)} in the new run (matched by file name)</li>" for a, b in result.moved]
        body.append("</ul>")
    for d in result.datasets:
        if d.empty:
            continue
        body.append(f'<details open><summary><h2 style="display:inline">{esc(d.name)}</h2></summary>')
        body.append(
            "<table><tr><th></th><th>document</th><th>key</th><th>page</th>"
            "<th>field</th><th>old</th><th>new</th><th>cause</th></tr>"
        )
        hidden = 0
        for kind in KINDS:
            for row in d.rows(kind)[:limit]:
                body += _row(row)
            hidden += max(0, len(d.rows(kind)) - limit)
        body.append("</table>")
        if hidden:
            body.append(f"<p>… {hidden} more (raise --limit)</p>")
        body.append("</details>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>papeleo diff</title>",
            f"<style>{STYLE}</style>",
            "</head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )
