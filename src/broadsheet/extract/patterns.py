"""Regex and tag tables for body extraction, kept apart from the code that uses them.

Class/id patterns match against the lower-cased `class` and `id` attribute values joined by a
space; names are split on `-`, `_` and spaces, so `ad` matches `ad-slot` but not `header`.
"""
from __future__ import annotations

import re

from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.words import WEEKDAYS, WEEKDAY_ABBREVIATIONS, alternation

_SEP = r"(?:^|[\s_-])"
_END = r"(?:$|[\s_-])"

#: Elements that start a new block of text (everything else is inline).
BLOCK_TAGS = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p
    pre section summary table tbody td tfoot th thead tr ul caption""".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: Block containers that are boilerplate wherever they sit inside an article.
BOILERPLATE_TAGS = frozenset("nav aside footer header form menu dialog".split())

#: Words that make a class/id name boilerplate wherever they stand in it
#: (`share-bar`, `post-comments`, `ad-slot`, `sidebar_left`).
NEGATIVE_PART = re.compile(
    _SEP
    + r"(?:replies|respond|share|shares|sharebar|trending|popular|promo|promos|promotion|"
    r"ad|ads|adslot|adunit|dfp|gpt|consent|gdpr|overlay|dateline|author|authors|masthead|"
    r"footer|navbar|nav|navigation|menu|toolbar|pagination|jumplinks?|skiplinks?|rss|"
    r"printfriendly|reactions|sr-only|visuallyhidden|screenreader|sronly|morestories|"
    r"recommend\w*|block-block)"
    + _END
)
#: Words distinctive enough to mark a name wherever they occur in it, even run together
#: (`newsCaption`, `fbcomments`, `articleSocialBar`).
NEGATIVE_ANYWHERE = re.compile(
    r"caption|comment(?!ary)|disqus|sharing|social|newsletter|sponsor|advert|cookie|"
    r"breadcrumb|byline|related|outbrain|taboola|zergnet|revcontent|recirc|signup|"
    r"subscribe|subscription|(?<!elementor-)widget|sidebar|popup|modal|"
    r"print-?only|d-print-|visible-print"  # shown on paper only (Bootstrap's d-print-block)
)
#: Names of pull quotes: kept as quote blocks unless they repeat the body word for word.
PULL_QUOTE_NAME = re.compile(r"pull-?quote|quote")
#: Names of boxes that hold an image and its caption or credit.
IMAGE_NAME = re.compile(
    r"(?:^|[_-])(?:image|img|photo|picture|pic|media|figure|gallery|slideshow|thumbnail|"
    r"thumb|visual|lightbox)s?(?:[_-]|$)|image|photo"
)
#: What every name IMAGE_NAME matches holds: one search of a whole class and id rules most out.
IMAGE_WORD = re.compile(r"image|img|photo|pic|media|figure|gallery|slideshow|thumb|visual|lightbox")
#: Words that make a name boilerplate only as its last part (`post-tags`, `entry-meta`,
#: `btn-print`), not as its first (`tag-elections` is a WordPress taxonomy class on an
#: article, `print-full` a layout for paper). A hidden label (`field--label-hidden`,
#: Drupal's body field) or clipped overflow hides nothing of the element's text.
NEGATIVE_LAST = re.compile(
    r"(?:^|[_-])(?:tags?|taglist|keywords|topics|meta|metadata|(?<!label-)(?<!overflow-)hidden|tools|bio|credits?|print|"
    r"header|banner|teasers?|headline|timestamp|published|updated|rating|pager|follow|"
    r"donate|login|copyright)$"
)
#: The three above in one pattern: one search per name instead of three.
NEGATIVE_NAME = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (NEGATIVE_PART, NEGATIVE_LAST, NEGATIVE_ANYWHERE))
)
#: Elements with this many class names carry taxonomy (WordPress post classes:
#: `post type-post tag-x category-y`); their names say nothing reliable.
MAX_NAMED_CLASSES = 6
#: Names that mark the article body itself.
POSITIVE_TOKEN = re.compile(
    r"(?:^|[_-])(?:article\w*|body|content|entry|main|post|text|blog|story|prose|rich-?text|"
    r"richtext|hentry|h-entry|news-?body|detail|single)(?:[_-]|$)"
)
#: Structured-data and ARIA markers of the article body.
BODY_ITEMPROPS = frozenset(["articlebody", "text", "articletext", "reviewbody"])

#: Whole-block texts that are never part of an article body (checked case-insensitively
#: against the block text with punctuation trimmed).
BOILERPLATE_LINE = re.compile(
    r"^(?:advertisements?|advertising|advert|anzeigen?|werbung|werbeanzeigen|publicités?|publicidad|publicidade|pubblicità|"
    r"anuncios?|anúncios?|reklam[ae]?|annons(?:e|er)?|mainos|iklan|реклама|広告|广告|광고|"
    r"sponsored links?|don'?t miss|like this(?: (?:story|article|post)\b.{0,80})?|"
    r"share (?:it|this(?: article| story)?) with .{0,60}|"
    r"sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: below)?|"
    # "Read more ...", "See also ...", "Watch: ..." point elsewhere; the bare verb does so only
    # alone or before a separator: "See you there!", "Watch your step!", "Read the report" are
    # the story's own sentences.
    r"(?:read|see|watch|listen)(?:(?: more| also| next| the full story)\b.{0,120}|\s*[:|»›>→▶►].{0,120}|\s*[–—]\s*.{0,120}|\s+-\s.{0,120})?|"
    # ... and the calls to action of players, galleries and teasers, alone or before a separator:
    # "Listen to this article", "Watch video", "See all 12 photos", "Read the full article".
    r"(?:listen(?: to)?(?: (?:this|the))? (?:article|story|episode|podcast)|listen (?:now|live)|"
    r"watch (?:now|live|(?:the |full )?videos?)|read (?:the )?(?:full|original) (?:article|story|post|report)|"
    r"read (?:the )?rest(?: of (?:this|the) (?:entry|post|article|story))?|read (?:on|now)|readmore|"
    r"(?:read|see|view)(?: all)?(?: \d+)? comments?|see (?:all |the )?(?:\d+ )?(?:photos?|pictures?|images?|gallery|slideshow))"
    r"(?:\s*[:|»›>→▶►–—].{0,120}|\s+-\s.{0,120})?|"
    r"related\b(?: articles?| stories| coverage| content| links)?:?.{0,120}|"
    r"more:.{0,120}|"
    r"(?:share|share this|share on \w+|tweet|email|print(?: this)?(?: (?:article|story|page))?|pin it|comment|comments|\d+ comments?)|"
    # ... the same buttons' labels in the languages of the news web
    r"(?:artikel|beitrag|seite) (?:teilen|drucken)|partager (?:cet|l'|sur) ?\w*|"
    r"(?:sign up|subscribe|register|log ?in)\b.{0,160}|"
    r"(?:follow|like) us\b.{0,120}|click here\b.{0,160}|"
    r"(?:photo|image|picture|video|graphic|illustration|file photo|source|credit)s?\s*(?:by|:|credit).{0,120}|"
    r"(?:©|\(c\)|copyright)\s.{0,200}|all rights reserved.{0,80}|"
    r"(?:this (?:article|story) (?:was|has been|is) (?:originally |first )?(?:published|updated|produced|written)).{0,200}|"
    r"(?:we use cookies|this (?:site|website) uses cookies).{0,300}|"
    r"loading\W*|please wait\W*|(?:skip|jump) to (?:main )?content|"
    r"this slideshow requires javascript\W*|"  # WordPress Jetpack's slideshow without scripts
    r"be the first to like this\W*|like loading\W*|"  # ... and its like button
    # WordPress themes' post footer ("This entry was posted on ... and is filed under ...")
    r"this entry was posted\b[\s\S]{0,300}|you can follow any responses to this entry\b[\s\S]{0,200}|"
    r"you can (?:skip to the end and )?leave a response\b[\s\S]{0,200}|"
    r"(?:both )?comments and pings are (?:currently )?closed\W*|pinging is currently not allowed\W*|"
    r"responses are currently closed\b.{0,120}|"
    # ... its trackbacks (WordPress, Movable Type, TypePad) and a comment service's credit
    r"trackbacks?(?: url for this (?:entry|post)\W?\s*\S{0,120})?|(?:blog )?comments powered by(?: disqus)?\W*|"
    r"listed below are links to (?:weblogs|blogs|sites) that reference\b.{0,200}|"
    # ... each linking post's date and time, nothing else ("Tracked on Aug. 28, 2005, Katrina
    # became ..." is a story's)
    r"tracked on \w{3,9}\.? \d{1,2}, \d{4}(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?|"
    # ... and the Sociable plugin's heading over its share buttons
    r"be sociable,? share\W*|"
    # ... and the WP-PostRatings plugin's stars ("Rate This Post", "(2 votes, average: 2.50 out of 5)")
    r"rate this (?:post|article|story|entry)\W*|\(?(?:no ratings yet|\d+ votes?, average: [\d.,]+ out of \d+)\W*|"
    # Blog plugins' closing invitations ("If you enjoyed this post, subscribe to ...").
    r"(?:if you )?(?:enjoyed|liked) this (?:post|article|story)\b.{0,200}|did you (?:enjoy|like) this (?:post|article|story)\W*|"
    # Agency credits and contact lines at the foot of a story.
    r"(?:additional )?(?:reporting|writing|editing|compiled|produced|research) by\s.{0,250}|"
    # The reporter's address alone on its line (an e-mail, a Twitter handle).
    r"\S+@\S+\.[a-z]{2,}|(?:https?://)?(?:www\.)?twitter\.com/\w+/?|@\w{2,30}|"
    r"(?:reach|contact|e-?mail|write to|follow) (?:the )?(?:reporters?|writers?|authors?|editors?|us|him|her|them|\w+(?: \w+)?) "
    r"(?:at|on|via)\s.{0,160}|follow \S+(?: \S+)? (?:full |latest )?coverage\b.{0,160})$",
    re.IGNORECASE,
)
#: The same buttons' bare labels, words of the language too: a heading "Drucken" (printing),
#: "Delen" (parts), "Printen" (Aachen's biscuits), "Stampa" (the press) or a list's item
#: "Teilen" is the story's; only a paragraph of the word alone is a button's label
#: (`clean.is_boilerplate_line`).
BUTTON_WORDS = (
    "teilen", "drucken", "partager", "imprimer", "compartir", "compartilhar", "imprimir", "condividi", "stampa",
    "delen", "printen",
)
BUTTON_WORD = re.compile(rf"^(?:{alternation(BUTTON_WORDS)})$", re.IGNORECASE)
#: ... and one more, apart: tried at every position of the line, it cost as much as all the
#: others, so it is tried only on a line with the word (`clean.is_boilerplate_line`).
CONTRIBUTED_LINE = re.compile(
    r"^(?:.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W{0,3})$", re.IGNORECASE
)
#: A sentence of a short block that sells rather than tells: a newsletter sign-up ("Sign up
#: for our free daily newsletter", "To receive these entries by e-mail, subscribe to ...")
#: or an affiliate disclosure ("If you buy something through this post, we may get a share
#: of the sale", "... may earn an affiliate commission"). Both are on the pages of most
#: commercial news sites, inside the article's container (see `clean.MAX_PROMO`).
PROMO_SENTENCE = re.compile(
    # a sentence that opens with the invitation (after at most a clause: "To get these by e-mail, ")
    r"(?:^|[.!?]\s+)(?:[^.!?,]{0,80},\s*)?(?:sign up|subscribe|register|enter your e-?mail)\b"
    r"[^.!?]{0,150}?\b(?:newsletters?|inbox|e-?mail)|"
    # earnings tied to the reader's purchase, in either order
    r"\bif you (?:buy|purchase|click)[^.!?]{0,120}?\b(?:commission|share of (?:the )?sale)|"
    r"\b(?:commission|share of (?:the )?sale)[^.!?]{0,120}?\bif you (?:buy|purchase|click)",
    re.IGNORECASE,
)
#: A post's taxonomy line: "Posted in: Travel", "Filed under: Politics | 12 Comments",
#: "Categories: News", "Tags: a, b", alone or as the last fields of a meta line
#: ("05/10/2018 - Posted by: Ann - Category: Health - Tags: x"): the `entry-meta` /
#: `cat-links` / `tags-links` of WordPress themes and its counterparts, written as text.
TAXONOMY_LINE = re.compile(
    r"^(?:.{0,120}?\s[-|•·]\s+)?(?:posted in|filed (?:under|in)|categor(?:y|ies)|tags|tagged(?: with| as| in)?|"
    r"kategorien?|catégories?|categorias?|categorías?|categorie|etiquetas|schlagwörter|stichwörter|rubriques?)"
    r"\s*:\s*\S.{0,100}$|"
    r"^(?:posted in|filed (?:under|in)|tagged(?: with| as| in)?)\s+[^.!?]{1,60}$",  # without a colon: no sentence
    re.IGNORECASE,
)
#: "By Jane Doe", "By Jane Doe and John Roe, Reuters" and their counterparts elsewhere.
#: The word for "by" opening a byline line (`BYLINE_LINE`; `clean.is_byline` reads what follows it).
BY_WORDS = ("by", "von", "par", "por", "di", "door", "av", "af", "przez", "от")
BYLINE_LINE = re.compile(
    rf"^(?:{alternation(BY_WORDS)}|автор:?|written by|reporting by|posted by|"
    r"story by|words by|text:?|texte:?|text von)\s+\S.{0,100}$|"
    r"^(?:posted|published|written|publicado|publié|veröffentlicht|pubblicato)\b.{0,60}?"
    r"\s(?:by|por|par|von|oleh|door|av|di|da)\s+\S.{0,60}$",
    re.IGNORECASE,
)
#: A month's name or abbreviation in a dateline (`DATE_LINE`): any word there took "10 Folgen,
#: 2016" ("10 episodes") or "Season 3, 2019" for a date.
_MONTH = alternation(MONTHS)
#: ... and a weekday between the day and the year, as blog platforms print it ("Dec 28 Sat 2013").
_WEEKDAY = alternation(WEEKDAYS, WEEKDAY_ABBREVIATIONS)
#: The labels a dateline may open with ("Published: ...", "Aktualisiert am ..."): `DATE_LINE`,
#: and `clean`'s cut of a dateline that ends a byline.
DATE_LABELS = (
    "published", "updated", "posted", "last updated", "modified", "created", "veröffentlicht",
    "aktualisiert", "publié", "mis à jour", "publicado", "actualizado", "pubblicato", "aggiornato",
    "опубликовано", "обновлено", "date", "datum", "fecha", "data",
)
DATE_LINE = re.compile(
    rf"^(?:(?:{alternation(DATE_LABELS)})"
    r"(?:\s+on|\s+at|:)?\s*)?"
    # a time before the date ("Updated 10:02 AM EST Nov 19, 2019"), with am/pm, a zone in
    # capitals or a separator after it ("12.50 euro 3/4/2020" is a price; review RV1 D5)
    r"(?:\d{1,2}[:.h]\d{2}(?:\s*+[ap]\.?m\.?(?:\s++(?-i:[A-Z]{2,5}))?(?:\s*+[,|•·–—-]\s*+|\s++)|"
    r"\s++(?-i:[A-Z]{2,5})(?:\s*+[,|•·–—-]\s*+|\s++)|\s*+[,|•·–—-]\s*+|"
    # ... or the date right after it ("10:02 19.11.2019", "10:02 Nov 19, 2019"): no word between
    rf"\s++(?=\d|(?:{_MONTH})\b)))?"
    r"(?:\w+,?\s+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|"
    rf"\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:{_MONTH})\.?,?\s+\d{{4}}|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:(?:{_WEEKDAY})\.?,?\s+)?\d{{4}})"
    # ... or after it, behind a comma, a dash, a bar or a bullet ("November 20th, 2019 - 07:50 GMT")
    r"(?:(?:\s*+[,|•·@–—-]\s*+|\s*+)(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,5})?)?\W*$",
    re.IGNORECASE,
)
#: A line that is only a time or a relative time: "23:58", "10.15am GMT", "3 hours ago".
TIME_LINE = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?|"
    r"\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|just now|yesterday|today)$",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

#: Headings that introduce recirculation (related stories, most read, comments) rather than
#: article text, in the languages of the news web.
RECIRCULATION_HEADING = re.compile(
    r"^(?:related(?: articles?| stories| posts?| content| coverage| news| links| reading| topics)?|"
    r"more (?:from|in|on|about) .{1,40}|more (?:news|stories|articles|to explore|coverage)|"
    r"(?:read|see|watch) (?:more|next|also)|recommended|you (?:may|might) (?:also )?like|"
    r"also (?:read|on)|(?:most )?popular|most (?:read|viewed|shared)|trending|top stories|"
    r"latest(?: news| stories)?|other news|see also|further reading|editor'?s picks|"
    r"comments?|\d+ comments?|leave a (?:reply|comment)|join the conversation|"
    r"mehr zum thema|weitere artikel|lesen sie auch|auch interessant|das könnte sie auch interessieren|"
    r"meistgelesen|kommentare|à lire aussi|lire aussi|sur le même sujet|articles similaires|"
    r"les plus lus|noticias relacionadas|te puede interesar|lo más leído|más noticias|relacionad[ao]s|"
    r"leia também|veja também|notícias relacionadas|mais lidas|você pode gostar|"
    r"leggi anche|articoli correlati|potrebbe interessarti|i più letti|"
    r"читайте также|похожие статьи|самые популярные|популярное|другие новости|по теме|"
    r"lees ook|meer nieuws|czytaj (?:też|także)|zobacz (?:też|także)|ilgili haberler|"
    r"関連記事|関連ニュース|相关文章|相关新闻|相關新聞|관련기사|관련 기사|많이 본 뉴스)(?:\s+[^\s:]+){0,2}\s*[:.!…]*$|"
    # an author box's heading: the writer's biography, printed under every story of theirs.
    # The whole heading, no words after it: "About the Writers Guild strike", "Sobre el autor
    # del crimen" (the perpetrator), "Über den Autor des Anschlags" are the story's subheads.
    r"^(?:about the (?:authors?|writers?|reporters?|contributors?)|über (?:den autor|die autorin|die autoren)|"
    r"zu[mr] autor(?:in)?|à propos de l'auteur(?:e)?|sobre (?:el autor|la autora|o autor|a autora)|"
    r"sull'autore|об авторе|over de auteur|o autorze|"
    # blog engines' list of the posts that link here (Movable Type, TypePad, WordPress), with
    # its count at most: "Trackback spam", "Pingbacks and spam" are a story's subheads
    r"(?:\d+\s+)?(?:trackbacks?(?:\s*(?:/|and|&)\s*pingbacks?)?|pingbacks?)(?:\s*\(\d+\))?)\s*[:.!…]*$",
    re.IGNORECASE,
)
