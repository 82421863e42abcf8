"""Microdata `itemprop` and RDFa `property` attributes on visible elements.

`<meta itemprop>` in the head is read with the other meta tags (html_meta); this reader
covers the body: `<h1 itemprop=headline>`, `<span itemprop=author itemscope><span
itemprop=name>`, `<time itemprop=datePublished datetime=...>`, and RDFa as Drupal writes
it (`<span property="dc:date dc:created" content=...>`, a `foaf:name` under
`rel="sioc:has_creator"`). Both report as source `microdata`. Properties inside comments
or related-article lists describe other things and are skipped.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from broadsheet.extract.meta.dom import ForeignCheck, ReadBudget
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
#: RDFa `property` terms (prefix dropped, lower case) beyond the schema.org names above:
#: Dublin Core, as Drupal and other CMSs write it (`<span property="dc:date dc:created"
#: content="2012-05-07T10:00:00+02:00">`).
RDFA_PROPS: dict[str, str] = {
    **PROPS,
    "title": "title",
    "date": "date_published",
    "created": "date_published",
    "issued": "date_published",
    "modified": "date_modified",
}
#: How many levels above a `foaf:name` the `rel="sioc:has_creator"` that makes it the
#: author is looked for.
_CREATOR_LEVELS = 3


def _value(node: LexborNode, name: str, budget: ReadBudget) -> str | None:
    attrs = node.attributes
    if name == "image":
        if "itemscope" in attrs:
            inner = node.css_first("[itemprop~=url],[itemprop~=contentUrl],img")
            if inner is None:
                return None
            node, attrs = inner, inner.attributes
        return attrs.get("content") or attrs.get("src") or attrs.get("href") or attrs.get("data-src")
    if name.startswith("date"):
        return attrs.get("content") or attrs.get("datetime") or budget.text_of(node, 100)
    if name in ("authors", "publisher") and "itemscope" in attrs:
        inner = node.css_first("[itemprop~=name]")
        if inner is None:
            return None
        return inner.attributes.get("content") or budget.text_of(inner, 201)
    return attrs.get("content") or budget.text_of(node, 2001)


def read_microdata(nodes: list[LexborNode], out: Candidates, foreign: ForeignCheck) -> None:
    """Collect itemprop (microdata) and property (RDFa) values of visible elements into
    `out['microdata']`, reading at most dom.MAX_READ_CHARS of element text in all (nested
    items each read their whole subtree)."""
    budget = ReadBudget()
    for node in nodes[:400]:
        if node.tag == "meta":
            continue
        if budget.left <= 0:
            break
        attrs = node.attributes
        for name in _itemprop_fields(attrs.get("itemprop")) + _rdfa_fields(node, attrs.get("property")):
            if name in _NEEDS_CONTEXT_CHECK and foreign(node):
                continue
            add(out, "microdata", name, _value(node, name, budget))


def _itemprop_fields(prop: str | None) -> list[str]:
    """The fields an itemprop value names (it may list several terms)."""
    if not prop:
        return []
    return [PROPS[term] for term in prop.lower().split() if term in PROPS]


def _rdfa_fields(node: LexborNode, prop: str | None) -> list[str]:
    """The fields an RDFa property value names; `foaf:name` is the author's only under
    `rel="sioc:has_creator"` (Drupal's byline)."""
    if not prop:
        return []
    terms = [term.rsplit(":", 1)[-1] for term in prop.lower().split()]
    fields = list(dict.fromkeys(RDFA_PROPS[t] for t in terms if t in RDFA_PROPS and t != "name"))
    if "name" in terms and _under_creator(node):
        fields.append("authors")
    return fields


def _under_creator(node: LexborNode) -> bool:
    parent = node.parent
    for _ in range(_CREATOR_LEVELS):
        if parent is None:
            return False
        if "has_creator" in (parent.attributes.get("rel") or "").lower():
            return True
        parent = parent.parent
    return False
