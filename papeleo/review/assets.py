"""The review page's stylesheet and script, inlined into the one HTML file.

Kept as module strings rather than files beside the package: the wheel ships only the
package data ``pyproject.toml`` lists (``*.json``), and a page that loses its script when
installed from a wheel would fail silently. The script is hashed at build time for the
page's Content-Security-Policy, so it must stay free of anything generated per page: the
data arrives as JSON in ``<script type="application/json" id="review-data">``.

The script never builds HTML from data (no ``innerHTML``): every value from a document is
set as ``textContent`` or an input's ``value``.

Test hook: ``window.papeleoReview.lastExport`` holds the text of the last exported
decisions file, and ``window.papeleoReview.decisions()`` the decisions as they stand.
"""

CSS = """
:root { --bad: #b3261e; --warn: #8a5a00; --low: #4a5a8a; --ok: #1e6b35; --line: #d8d8d8; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { scroll-padding-top: 90px; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b;
  background: #f6f6f4; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; }
header h1 { font-size: 17px; margin: 0 12px 0 0; }
header label { font-size: 13px; }
main { padding: 12px 16px 80px; max-width: 1500px; }
.help { font-size: 12px; color: #555; }
kbd { border: 1px solid #aaa; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; font-size: 11px;
  background: #fafafa; }
section.doc { margin: 18px 0; }
section.doc > h2 { font-size: 16px; margin: 0 0 6px; }
section.doc > p.src { margin: 0 0 8px; font-size: 12px; color: #555; word-break: break-all; }
article.entry { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--low);
  border-radius: 4px; margin: 8px 0; padding: 8px 12px; display: grid;
  grid-template-columns: minmax(330px, 1fr) minmax(320px, 1.3fr); gap: 6px 16px; }
article.entry.k-conflict { border-left-color: var(--bad); }
article.entry.k-corrected, article.entry.k-imputed { border-left-color: var(--warn); }
article.entry.focused { outline: 3px solid #2b6cd6; outline-offset: 1px; }
article.entry.d-accept { background: #eef8f0; }
article.entry.d-correct { background: #fdf6e6; }
.what { font-size: 15px; margin: 0 0 4px; }
.what .field { font-family: ui-monospace, monospace; font-weight: 600; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; color: #fff; margin-right: 4px; }
.badge.conflict { background: var(--bad); } .badge.corrected, .badge.imputed { background: var(--warn); }
.badge.low_confidence { background: var(--low); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0; font-size: 13px; }
dt { color: #555; } dd { margin: 0; word-break: break-word; }
.val { font-family: ui-monospace, monospace; font-size: 14px; background: #f1f1f1; padding: 0 4px; }
.checks code { font-size: 12px; margin-right: 6px; white-space: nowrap; }
.checks code.conflict { color: var(--bad); }
.evidence { min-width: 0; }
.imgwrap { position: relative; display: inline-block; max-width: 100%; }
.imgwrap img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
.imgwrap .mark { position: absolute; border: 2px solid rgba(214, 40, 40, .8); pointer-events: none; }
figcaption, .none { font-size: 12px; color: #555; }
pre.context { margin: 0; font-size: 12px; background: #fbfbf8; border: 1px solid var(--line); padding: 4px 0;
  overflow-x: auto; }
pre.context span.l { display: block; padding: 0 8px; white-space: pre; }
pre.context span.l.row { background: #fff1b8; }
pre.context span.n { color: #999; display: inline-block; width: 3.5em; user-select: none; }
.decide { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 6px; align-items: center;
  border-top: 1px dashed var(--line); padding-top: 6px; }
.decide .editor { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.decide .editor[hidden] { display: none; }
.decide .status { font-size: 12px; color: var(--ok); font-weight: 600; }
.decide .error { font-size: 12px; color: var(--bad); }
button { font: inherit; padding: 2px 10px; cursor: pointer; }
#stale { background: #fff4f2; border: 1px solid #e8b4ae; padding: 8px 12px; border-radius: 4px; }
#stale table { border-collapse: collapse; font-size: 12px; width: 100%; }
#stale td, #stale th { border-bottom: 1px solid #eed; padding: 2px 6px; text-align: left; vertical-align: top; }
#export-status { font-size: 12px; }
.empty { padding: 30px; text-align: center; color: #555; }
"""

JS = r"""
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const entries = data.entries;
  const decisions = {};
  const hook = { lastExport: null, decisions: function () { return collect(); } };
  window.papeleoReview = hook;
  const nodes = Array.prototype.slice.call(document.querySelectorAll("article.entry"));
  let focused = -1;
  // Decisions are kept in this browser until exported, so a reload or a closed tab loses
  // none; by the value's identity (its document's doc_id included), not by its place on the
  // page, so a page written again after a run finds them on the same values, and a document
  // whose bytes changed does not inherit them.
  const storeKey = "papeleo-review:" + data.root;

  function identity(e) {
    return JSON.stringify([e.source, e.doc_id, e.dataset, e.key, e.occurrence, e.field]);
  }

  function persist() {
    const saved = {};
    nodes.forEach(function (node) {
      const d = decisions[node.dataset.id];
      if (d) saved[identity(entries[node.dataset.id])] = d;
    });
    try {
      localStorage.setItem(storeKey, JSON.stringify({ reviewer: document.getElementById("reviewer").value,
        decisions: saved }));
    } catch (err) { /* no storage here (a private window): decisions last until the tab closes */ }
  }

  function label(d) {
    if (d.action === "correct") return "corrected to " + JSON.stringify(d.value);
    return d.field ? "accepted " + d.field : "accepted";
  }

  function restore() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (err) { saved = null; }
    if (!saved || typeof saved.decisions !== "object" || saved.decisions === null) return 0;
    let n = 0;
    nodes.forEach(function (node) {
      const d = saved.decisions[identity(entries[node.dataset.id])];
      if (!d || (d.action !== "accept" && d.action !== "correct")) return;
      const pick = node.querySelector("select.field-pick");
      if (pick && d.field) pick.value = d.field;
      decisions[node.dataset.id] = d;
      show(node, d, label(d));
      n += 1;
    });
    const reviewer = document.getElementById("reviewer");
    if (!reviewer.value && typeof saved.reviewer === "string") reviewer.value = saved.reviewer;
    if (n) document.getElementById("export-status").textContent =
      n + " decision(s) kept in this browser since the last visit; export them to apply them";
    return n;
  }

  function visible() { return nodes.filter(function (n) { return !n.hidden; }); }

  function focusEntry(node) {
    nodes.forEach(function (n) { n.classList.remove("focused"); });
    if (!node) { focused = -1; return; }
    node.classList.add("focused");
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "nearest" });
    focused = nodes.indexOf(node);
  }

  function move(step) {
    const shown = visible();
    if (!shown.length) return;
    const current = focused >= 0 ? shown.indexOf(nodes[focused]) : -1;
    let next = current + step;
    if (current < 0) next = step > 0 ? 0 : shown.length - 1;
    next = Math.max(0, Math.min(shown.length - 1, next));
    focusEntry(shown[next]);
  }

  function typeOf(entry, node) {
    if (entry.field !== null) return entry.type;
    const pick = node.querySelector("select.field-pick");
    const f = pick ? pick.value : "";
    return f && entry.fields[f] ? entry.fields[f][0] : "text";
  }

  function setInputType(entry, node) {
    const input = node.querySelector("input.value");
    const t = typeOf(entry, node);
    input.type = t === "number" || t === "integer" ? "number" : t === "date" ? "date" : "text";
    input.step = t === "integer" ? "1" : "any";
    input.placeholder = t === "boolean" ? "true or false" : "the right value (" + t + ")";
  }

  function parseValue(t, text) {
    const s = text.trim();
    if (s === "") return { error: "type the right value (or accept the one shown)" };
    if (t === "number" || t === "integer") {
      const v = Number(s);
      if (!isFinite(v)) return { error: "not a number" };
      if (t === "integer" && !Number.isInteger(v)) return { error: "must be a whole number" };
      return { value: v };
    }
    if (t === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { error: "a date is YYYY-MM-DD" };
      return { value: s };
    }
    if (t === "boolean") {
      if (s === "true" || s === "false") return { value: s === "true" };
      return { error: "true or false" };
    }
    return { value: s };
  }

  function show(node, decision, message) {
    node.classList.remove("d-accept", "d-correct");
    const status = node.querySelector(".status");
    if (decision) node.classList.add("d-" + decision.action);
    status.textContent = message || "";
    node.querySelector(".error").textContent = "";
  }

  function accept(node) {
    const id = node.dataset.id;
    if (decisions[id] && decisions[id].action === "accept") {
      delete decisions[id];
      show(node, null, "");
      persist();
      return;
    }
    const pick = node.querySelector("select.field-pick");
    decisions[id] = { action: "accept", note: node.querySelector("input.note").value.trim() };
    if (pick) decisions[id].field = pick.value;
    node.querySelector(".editor").hidden = true;
    show(node, decisions[id], label(decisions[id]));
    persist();
  }

  function edit(node) {
    const editor = node.querySelector(".editor");
    editor.hidden = false;
    setInputType(entries[node.dataset.id], node);
    node.querySelector("input.value").focus();
  }

  function save(node) {
    const id = node.dataset.id;
    const entry = entries[id];
    const field = entry.field !== null ? entry.field : node.querySelector("select.field-pick").value;
    const input = node.querySelector("input.value");
    const parsed = parseValue(typeOf(entry, node), input.value);
    if (parsed.error) { node.querySelector(".error").textContent = parsed.error; return; }
    decisions[id] = { action: "correct", field: field, value: parsed.value,
      note: node.querySelector("input.note").value.trim() };
    show(node, decisions[id], label(decisions[id]));
    persist();
  }

  function collect() {
    const reviewer = document.getElementById("reviewer").value.trim();
    const now = new Date();
    const out = [];
    nodes.forEach(function (node) {
      const id = node.dataset.id;
      const d = decisions[id];
      if (!d) return;
      const e = entries[id];
      const field = d.field !== undefined ? d.field : e.field;
      let extracted = e.extracted;
      if (e.field === null) extracted = field && e.fields[field] ? e.fields[field][1] : null;
      out.push({ source: e.source, doc_id: e.doc_id, file_name: e.file_name, dataset: e.dataset, key: e.key,
        occurrence: e.occurrence, field: field, extracted: extracted, action: d.action,
        value: d.action === "correct" ? d.value : extracted, reviewer: reviewer,
        date: now.toISOString().slice(0, 10), note: d.note || "" });
    });
    return out;
  }

  function exportDecisions() {
    const status = document.getElementById("export-status");
    const reviewer = document.getElementById("reviewer");
    if (!reviewer.value.trim()) {
      status.textContent = "Type the reviewer's name first.";
      reviewer.focus();
      return;
    }
    const list = collect();
    const text = JSON.stringify({ papeleo_decisions: 1, exported_at: new Date().toISOString(), decisions: list },
      null, 2);
    hook.lastExport = text;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "papeleo-decisions-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    status.textContent = list.length + " decision(s) exported to " + a.download;
  }

  function applyFilters() {
    const doc = document.getElementById("f-doc").value;
    const ds = document.getElementById("f-dataset").value;
    const kind = document.getElementById("f-kind").value;
    let shown = 0;
    nodes.forEach(function (n) {
      const ok = (!doc || n.dataset.doc === doc) && (!ds || n.dataset.dataset === ds) &&
        (!kind || n.dataset.kinds.split(" ").indexOf(kind) >= 0);
      n.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll("section.doc").forEach(function (s) {
      s.hidden = !s.querySelector("article.entry:not([hidden])");
    });
    document.getElementById("shown").textContent = shown + " of " + nodes.length + " shown";
    if (focused >= 0 && nodes[focused].hidden) focusEntry(null);
  }

  nodes.forEach(function (node) {
    const entry = entries[node.dataset.id];
    node.querySelector("button.accept").addEventListener("click", function () { focusEntry(node); accept(node); });
    node.querySelector("button.correct").addEventListener("click", function () { focusEntry(node); edit(node); });
    node.querySelector("button.save").addEventListener("click", function () { save(node); });
    node.querySelector("input.value").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); save(node); }
    });
    const pick = node.querySelector("select.field-pick");
    if (pick) pick.addEventListener("change", function () {
      setInputType(entry, node);
      if (decisions[node.dataset.id]) { delete decisions[node.dataset.id]; show(node, null, ""); persist(); }
    });
    node.addEventListener("click", function (ev) {
      if (!ev.target.closest("input, select, button")) focusEntry(node);
    });
  });
  ["f-doc", "f-dataset", "f-kind"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  document.getElementById("export").addEventListener("click", exportDecisions);
  document.getElementById("reviewer").addEventListener("change", persist);
  document.addEventListener("keydown", function (ev) {
    const t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t && t.closest && t.closest("input, select, textarea")) {
      if (ev.key === "Escape") { t.blur(); if (focused >= 0) focusEntry(nodes[focused]); }
      return;
    }
    if (ev.key === "j" || ev.key === "ArrowDown") { ev.preventDefault(); move(1); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { ev.preventDefault(); move(-1); }
    else if (ev.key === "a" && focused >= 0) { ev.preventDefault(); accept(nodes[focused]); }
    else if (ev.key === "e" && focused >= 0) { ev.preventDefault(); edit(nodes[focused]); }
  });
  restore();
  applyFilters();
})();
"""
