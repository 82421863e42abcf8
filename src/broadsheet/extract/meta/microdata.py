"""Microdata and RDFa `itemprop`/`property` attributes on visible elements.

`<meta itemprop>` in the head is read with the other meta tags (html_meta); this reader
covers the body: `<h1 itemprop=headline>`, `<span itemprop=author itemscope><span
itemprop=name>`, `<time itemprop=datePublished datetime=...>`. Properties inside comments
or related-article lists describe other things and are skipped.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.dom import ForeignCheck, text_of
from broadsheet.extract.meta.html_meta import ITEMPROP_FIELDS, Candidates, add

#: itemprop (lower case) -> field; `*_weak` fields rank below their plain form.
PROPS: dict[str, str] = {
    **ITEMPROP_FIELDS,
    "author": "authors",
    "creator": "authors",
    "publisher": "publisher",
    "sourceorganization": "publisher",
}
_NEEDS_CONTEXT_CHECK = frozenset({"authors", "date_published", "date_published_weak", "date_modified", "title"})


def _value(node: LexborNode, name: str) -> str | None:
    attrs = node.attributes
    if name == "image":
        if "itemscope" in attrs:
            inner = node.css_first("[itemprop~=url],[itemprop~=contentUrl],img")
            if inner is None:
                return None
            node, attrs = inner, inner.attributes
        return attrs.get("content") or attrs.get("src") or attrs.get("href") or attrs.get("data-src")
    if name.startswith("date"):
        return attrs.get("content") or attrs.get("datetime") or text_of(node, 100)
    if name in ("authors", "publisher") and "itemscope" in attrs:
        inner = node.css_first("[itemprop~=name]")
        if inner is None:
            return None
        return inner.attributes.get("content") or text_of(inner, 201)
    return attrs.get("content") or text_of(node, 2001)


def read_microdata(nodes: list[LexborNode], out: Candidates, foreign: ForeignCheck) -> None:
    """Collect itemprop values of visible elements into `out['microdata']`."""
    for node in nodes[:400]:
        if node.tag == "meta":
            continue
        prop = node.attributes.get("itemprop")
        if not prop:
            continue
        for term in prop.lower().split():
            name = PROPS.get(term)
            if name is None:
                continue
            if name in _NEEDS_CONTEXT_CHECK and foreign(node):
                continue
            add(out, "microdata", name, _value(node, name))
