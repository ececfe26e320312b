"""What the report page carries besides its data: Vega's JavaScript, the script that draws the
charts, the style sheet and the Content-Security-Policy that allows exactly these.

The page must draw offline, from a file, with nothing fetched: Vega, Vega-Lite and vega-embed
come inline from vl-convert's bundle (``vl_convert.javascript_bundle``, the same libraries
vl-convert renders with, ~0.9 MB minified), at the Vega-Lite version Altair writes its specs
for, so vega-embed finds no version mismatch to warn about. Vega compiles expressions with
``new Function`` unless told otherwise; ``ast: true`` makes vega-embed use Vega's expression
interpreter instead, so the policy needs no ``'unsafe-eval'``. Both scripts are allowed by
their sha256 and nothing else may run: an injected ``<script>`` would be blocked even if
escaping failed. Styles must be inline (vega-embed adds a ``<style>`` and Vega sets style
attributes on its SVG).
"""

from __future__ import annotations

import functools
import logging

import altair as alt
import vl_convert

from ..inline import script_hash

log = logging.getLogger(__name__)


def vega_lite_version() -> str | None:
    """Altair's Vega-Lite version as vl-convert names it (``v6.4.1`` -> ``6.4``), if bundled."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    if wanted in vl_convert.get_vegalite_versions():
        return wanted
    log.warning("report: vl-convert bundles no Vega-Lite %s (Altair's); using its latest", wanted)
    return None


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed, one script that sets ``window.vegaEmbed`` (built once
    per process: bundling takes a second or two)."""
    js = vl_convert.javascript_bundle(vl_version=vega_lite_version())
    if "</script" in js.lower():  # would end the inline element early
        js = js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    return js


# Draws every chart the data block lists into the element of the same id. A chart that fails
# says so in its place and in the console instead of leaving a blank.
DRAW = """(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var options = {renderer: 'svg', actions: false, ast: true,
                 formatLocale: data.formatLocale, timeFormatLocale: data.timeFormatLocale};
  Object.keys(data.charts).forEach(function (id) {
    var el = document.getElementById(id);
    vegaEmbed(el, data.charts[id], options).then(function () {
      el.setAttribute('data-drawn', '1');
    }).catch(function (err) {
      el.textContent = 'No se pudo dibujar esta gráfica: ' + err;
      el.setAttribute('data-drawn', 'error');
      console.error(err);
    });
  });
})();"""


@functools.cache
def csp() -> str:
    return (
        f"default-src 'none'; script-src {script_hash(vega_bundle())} {script_hash(DRAW)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


CSS = """
:root { --ink: #1d2733; --muted: #5b6776; --line: #d9dee4; --accent: #3b6ea5; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 20px 32px 14px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); }
main { max-width: 1120px; margin: 0 auto; padding: 12px 32px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 22px 20px;
          margin: 18px 0; }
section h2 { margin: 0 0 6px; font-size: 19px; }
h3 { margin: 18px 0 4px; font-size: 16px; }
p.note, p.vacio { color: var(--muted); margin: 6px 0; }
p.vacio { font-style: italic; }
.totals { display: flex; gap: 28px; flex-wrap: wrap; margin: 8px 0 4px; }
.totals div { font-size: 13px; color: var(--muted); }
.totals b { display: block; font-size: 22px; color: var(--ink); }
.grid { display: flex; flex-wrap: wrap; gap: 8px 32px; }
.chart { margin: 8px 0; min-height: 20px; overflow-x: auto; }
table { border-collapse: collapse; margin: 10px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td .ex { margin: 0 0 4px; word-break: break-word; max-width: 640px; }
code { font-size: 12.5px; background: var(--bg); padding: 0 3px; border-radius: 3px; }
nav { margin-top: 8px; font-size: 13px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; }
"""
