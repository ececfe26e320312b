"""The grey level that counts as ink on a scanned page, shared by every image stage of the
OCR reader (rulings, filled bands, cells, fill marks) so that they agree on what is printed."""

DARK = 150  # grey level under which a pixel counts as ink
