"""informe_supervision: classified (see spec.json) but not yet extracted; its extractor lands with its own issue."""
