"""``papeleo diff --format md``: the diff as Markdown for a pull request.

Tables render on GitHub and GitLab; the summary table and any nondeterminism warning come
first so the reviewer of the pull request sees them without scrolling. Document strings are
escaped for Markdown *and* HTML (both are rendered): a value holding ``|`` must not split its
cell, nor ``<img src=...>`` become an image, nor ``[x](javascript:...)`` a link.
"""

from __future__ import annotations

import re

from .model import CAUSES, KINDS, DiffResult, RowChange, show_value, visible

VALUE_WIDTH = 200

# Characters Markdown would act on inside a table cell: "PSAL|x", "*nota*", "[a](javascript:b)"
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!~|-])")


def md(text: str) -> str:
    """``text`` as literal Markdown table-cell text."""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MD_SPECIAL.sub(r"\\\1", text)


def _summary(result: DiffResult) -> list[str]:
    causes = [c for c in CAUSES if result.by_cause()[c]]
    lines = [
        "| dataset | added | removed | changed |" + "".join(f" {c} |" for c in causes),
        "|---|---:|---:|---:|" + "---:|" * len(causes),
    ]
    for d in result.datasets:
        counts = d.by_cause()
        lines.append(
            f"| {d.name} | {len(d.added)} | {len(d.removed)} | {len(d.changed)} |"
            + "".join(f" {counts[c]} |" for c in causes)
        )
    return lines


def _rows(row: RowChange) -> list[str]:
    head = f"| {row.kind} | {md(row.source)} | {md(row.key_label)} | {'' if row.page is None else row.page} |"
    if not row.fields:
        return [f"{head} | | | {row.cause} |"]
    out = []
    for c in row.fields:
        note = f" ({c.note})" if c.note else ""
        old, new = md(show_value(c.old, VALUE_WIDTH)), md(show_value(c.new, VALUE_WIDTH))
        out.append(f"{head} `{c.field}`{note} | {old} | {new} | {row.cause} |")
    return out


def render(result: DiffResult, limit: int = 50) -> str:
    lines = [f"## papeleo diff: {md(result.old_root)} → {md(result.new_root)}", ""]
    active = {k: v for k, v in result.filters.items() if v}
    if active:
        lines += ["Filters: " + ", ".join(f"{k} = {md(str(v))}" for k, v in active.items()), ""]
    lines += ["**No differences.**" if result.empty else "### Summary", ""]
    lines += _summary(result)
    warning = result.warning()
    if warning:
        lines += ["", f"> **{md(warning)}**"]
    if result.unchanged_by_new_version():
        lines.append("")
        lines += [f"- {md(line)}" for line in result.unchanged_by_new_version()]
    if result.moved:
        lines.append("")
        lines += [f"- {md(a)} is {md(b)} in the new run (matched by file name)" for a, b in result.moved]
    for d in result.datasets:
        if d.empty:
            continue
        lines += ["", f"### {d.name}", "", "| | document | key | page | field | old | new | cause |", "|---" * 8 + "|"]
        hidden = 0
        for kind in KINDS:
            for row in d.rows(kind)[:limit]:
                lines += _rows(row)
            hidden += max(0, len(d.rows(kind)) - limit)
        if hidden:
            lines += ["", f"… {hidden} more (raise `--limit`)"]
    return "\n".join(lines)
