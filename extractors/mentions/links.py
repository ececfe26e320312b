"""URLs a document names, whole: footnote links broken across lines by the PDF-to-text step
(seed 000: 'https://www.pdh.org.gt/comunicacion/noticias/pdh-verifica-denuncias-por-' / '' /
'desabastecimiento-en-hospital-general-san-juan-de-dios.html') are continued with the next
non-blank line when that line is a single URL-like token."""

from __future__ import annotations

import regex

from papeleo.model import Page

# 'https://www.academia.edu/37157265/MSPAS_2016_Diagnostico_Nacional_de_Salud_Gu', and as
# tesseract spaces it: 'https: //difvalleverde.gob. mx/transparencia/aspectos-susceptibles'
# (a space is accepted only after ':' '.' or '/' and before a token that goes on like a URL,
# or before a token that goes on as a path: 'procuraduriaciudadana. org gUintormes/detensoria-de'
# where OCR read the '.' of '.gt' as a space, on the committed informe sample scan)
URL = regex.compile(
    r"(?:h[a-z]{1,3}ps?\s?:?\s?//|www\.)"
    r"(?:[^\s<>\"'(){}\[\]]|(?<=[./])\s(?=[a-z0-9][\w-]*[./][\w])|\s(?=[\w-]+/[\w-]+[/.]))+",
    regex.IGNORECASE,
)
# 'atemala_pdf', '1105089502/', '2019/file.html' — a lone token that can continue a URL
URL_CONTINUATION = regex.compile(r"^[\w\-./%?=&#~:+]+$")
URL_TRAILING_PUNCT = ".,;:)]>»"
# the scheme as OCR mangles it: 'https//transparencia...' (colon lost), 'hups://www...' ('tt' read as 'u')
URL_SCHEME = regex.compile(r"^h[a-z]{1,3}p(?P<s>s?):?//", regex.IGNORECASE)
# after a URL that could be complete, a continuation must look like part of a path ('atemala_pdf'),
# not like prose or a footnote number ('1')
URL_PATHISH = regex.compile(r"[/_\-=.&%]")
URL_OPEN_END = ("-", "_", "/", ".", "=", "&")
# a page's or a footnote's number under a URL that ends its line: '1', '2/3' (a path's part of
# figures is longer: '1105089502/')
PAGE_NUMBER = regex.compile(r"^\d{1,3}(?:/\d{1,3})?$")


def _next_nonblank(page: Page, index: int) -> int | None:
    for j in range(index + 1, min(index + 3, len(page.lines))):
        if page.lines[j].text.strip():
            return j
    return None


def page_to_urls(page: Page) -> list[tuple[str, str, int, int]]:
    """(valor, texto_original, first line index, last line index) of each URL on the page."""
    found: list[tuple[str, str, int, int]] = []
    skip_until = -1
    for i, line in enumerate(page.lines):
        if i <= skip_until:
            continue
        for m in URL.finditer(line.text):
            url, raw, last = m.group(0), m.group(0), i
            at_line_end = not line.text[m.end() :].strip()
            while at_line_end:
                j = _next_nonblank(page, last)
                if j is None:
                    break
                nxt = page.lines[j].text.strip()
                if not URL_CONTINUATION.match(nxt) or URL.match(nxt) or PAGE_NUMBER.match(nxt):
                    break
                if not (url.endswith(URL_OPEN_END) or URL_PATHISH.search(nxt)):
                    break
                url += nxt
                raw += "\n" + nxt
                last = j
            valor = regex.sub(r"\s+", "", url).rstrip(URL_TRAILING_PUNCT)
            valor = URL_SCHEME.sub(lambda m: f"http{m['s'].lower()}://", valor)
            found.append((valor, raw.rstrip(URL_TRAILING_PUNCT), i, last))
            if last > i:
                skip_until = last
    return found
