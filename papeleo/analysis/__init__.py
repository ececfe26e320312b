"""The report of an output root: one self-contained HTML page of charts of what was ingested.

``write_report(out)`` writes ``OUT/report.html``: documents by family, status and text
source; rows per dataset; failures by kind with examples; MIR planned against achieved and
where each value came from; scores per level; commitments per due month. It reads the
datasets through ``ParquetStore.read`` only (``figures``), draws them as Vega-Lite specs built
with Altair (``charts``) and writes one HTML file that draws them offline (``page``,
``assets``).
"""

from .write import write_report

__all__ = ["write_report"]
