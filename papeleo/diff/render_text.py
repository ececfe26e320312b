"""``papeleo diff`` for a terminal: a summary table first, then each dataset's rows.

A reviewer reads the summary to know whether to read on: how many rows each dataset gained,
lost and changed, and why; rows that changed with neither the file nor the extractor changing
get a line of their own, as nothing else in the output should be a surprise. Every string
that came from a document is shown with its control characters escaped (``model.visible``).
"""

from __future__ import annotations

from .model import CAUSES, KINDS, DiffResult, RowChange, show_value, visible

VALUE_WIDTH = 160  # a commentary cell can run to a page; the JSON output has it whole
MARKS = {"added": "+", "removed": "-", "changed": "~"}


def summary_lines(result: DiffResult) -> list[str]:
    causes = [c for c in CAUSES if result.by_cause()[c]]
    width = max([len(d.name) for d in result.datasets] + [7])
    head = f"  {'dataset':<{width}} {'added':>7} {'removed':>7} {'changed':>7}"
    if causes:
        head += "  by cause"
    lines = [head]
    for d in result.datasets:
        counts = d.by_cause()
        why = ", ".join(f"{c}: {counts[c]}" for c in CAUSES if counts[c])
        lines.append(f"  {d.name:<{width}} {len(d.added):>7} {len(d.removed):>7} {len(d.changed):>7}  {why}".rstrip())
    return lines


def _row_lines(row: RowChange) -> list[str]:
    where = f"{row.document_label}  {row.key_label}"
    if row.page is not None:
        where += f"  (p{row.page})"
    lines = [f"  {MARKS[row.kind]} {where}  [{row.cause}]"]
    for c in row.fields:
        note = f" ({c.note})" if c.note else ""
        lines.append(f"      {c.field}: {show_value(c.old, VALUE_WIDTH)} -> {show_value(c.new, VALUE_WIDTH)}{note}")
    if row.kind == "changed" and row.old_doc_id != row.new_doc_id:
        lines.append(f"      (file sha256 {str(row.old_doc_id)[:12]}… -> {str(row.new_doc_id)[:12]}…)")
    if row.kind == "changed" and row.old_extractor != row.new_extractor:
        lines.append(f"      (extractor {visible(str(row.old_extractor))} -> {visible(str(row.new_extractor))})")
    return lines


def render(result: DiffResult, limit: int = 50) -> str:
    lines = [f"papeleo diff {visible(result.old_root)} -> {visible(result.new_root)}"]
    active = {k: v for k, v in result.filters.items() if v}
    if active:
        lines.append("filters: " + ", ".join(f"{k}={v}" for k, v in active.items()))
    if result.empty:
        lines.append("no differences")
    lines.append("")
    lines += summary_lines(result)
    warning = result.warning()
    if warning:
        lines += ["", warning]
    for line in result.unchanged_by_new_version():
        lines.append(f"note: {line}")
    for old_src, new_src in result.moved:
        lines.append(f"note: {visible(old_src)} is {visible(new_src)} in the new run (matched by file name)")
    for d in result.datasets:
        if d.empty:
            continue
        lines += ["", f"{d.name}:"]
        hidden = 0
        for kind in KINDS:
            rows = d.rows(kind)
            for row in rows[:limit]:
                lines += _row_lines(row)
            hidden += max(0, len(rows) - limit)
        if hidden:
            lines.append(f"  ... {hidden} more (raise --limit)")
    return "\n".join(lines)
