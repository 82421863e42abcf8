"""Author names: person (or byline) names only, split, cleaned, de-duplicated, in order.

A byline arrives as "By Jane Doe and John Roe | Updated 3 hours ago", "Jane Doe, Senior
Editor", "jane@example.com", "https://facebook.com/janedoe" or a list of 500 names from a
staff menu. Out of it come the names: the "By" and roles, dates, e-mail addresses, URLs
and credits for other work ("Edited by", "Photos:") dropped, split on "and" (in several
languages), commas and "&"; a value naming the publisher itself is not a person. Anything
that does not look like a name is left out: an empty list beats a wrong one.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Set as AbstractSet
from functools import lru_cache

from broadsheet.extract.meta.months import MONTHS
from broadsheet.extract.meta.words import (
    AND, AUTHOR, BY, ENGLISH_JOB_TITLES, JOB_MODIFIERS, JOB_TITLE_ENDS, JOB_TITLES, KICKERS, NEWSROOM, ON, PUBLISHED, SUBMITTED_BY,
    SUBMITTED_ON, UPDATED, NAME_PARTICLES, WEEKDAY_ABBREVIATIONS, WEEKDAYS, WITH, WRITING_LABELS, WRITTEN, CREDIT_LABELS,
    alternation,
)
from broadsheet.extract.mojibake import repair_mojibake

#: More names than this from one source is a list of staff or links, not a byline.
MAX_AUTHORS = 25
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 5
#: The longest byline or author value read (`split_byline`), whitespace collapsed: room
#: for `MAX_AUTHORS` names of 38 characters and their commas; none of the 2,122 bench
#: pages gives one over 200. A defence in depth (it was 2,000): the patterns run on it
#: must stay linear, and a cap keeps the cost of a slip small.
MAX_BYLINE_CHARS = 1000

_PREFIX = re.compile(
    r"^(?:(?:(?:written|posted|reported|compiled|edited|words|story|text|texte|"
    r"video|interview|published)\s+)?(?:by|from)\b|"
    rf"(?:{alternation(w for w in BY if w not in ('by', 'di', 'da'))})\b|(?:{alternation(AUTHOR)})\b|text\b|texte\b|"
    r"about(?:\s+the\s+author)?\b|"
    rf"(?:{alternation(NEWSROOM)})\s*:|reportage\b|interview\b|artikel\b|article\b|bericht\b|"
    r"kommentar\b|kolumne\b|column\b|gastbeitrag\b|guest\s+post\b|"
    r"текст\b|"
    r"de\s+(?=[A-ZÀ-Ý])|di\s+(?=[A-ZÀ-Ý])|da\s+(?=[A-ZÀ-Ý])|posted\b|written\b)[\s:.\-–—]*",
    re.IGNORECASE,
)
# "di"/"da"/"de" are prefixes only in lower case: "Di Maria" is a surname.
_LOWER_ONLY = re.compile(r"^(?:de|di|da)\s", re.IGNORECASE)
#: A lower-case "by" inside a byline: what follows it is the name ("Posted on ... by X").
_INNER_BY = re.compile(rf"\s(?P<word>{alternation(BY)})\s+(?=[^\W\d_])")
#: A kicker before a byline's label at its start: one of `KICKERS` before any "by" word
#: ("Analysis By", "Kommentar von", "Tribune par"), or a word or two before an English "By"
#: written with a capital ("Guest Essay By", "Market Watch By"): the name follows it. The
#: capitalised "Von", "Par" ... of other words are names' particles ("Anna Von Heyden").
#: A kicker in an element of its own before "By <a>Jane Doe</a>" read "Analysis By Jane
#: Doe" as the name (review RV-M3 finding 4). Not where another capitalised "By" follows
#: in the same part: "Stand By Me By Jane Doe" gave "Me By Jane Doe" (review RV-M4 finding 4).
_KICKER_BY = re.compile(
    rf"^(?:(?i:{alternation(KICKERS)})\s*[:|•·–—-]?\s*(?i:{alternation(w for w in BY if w not in ('di', 'da'))}|(?-i:di|da))|"
    r"(?:[^\W\d_][\w'’.-]*\s+){1,2}(?:By|BY)(?![^,;|/•·]*\s(?:By|BY)\s))\s+(?=[^\W\d_])"
)
#: What may stand before an inner "von"/"par"/... for it to start the name ("Posted on
#: 4 June by"): a digit or a publishing verb. Otherwise it is a particle: "Alexa von Heyden".
_BEFORE_BY = re.compile(rf"\d|{alternation(PUBLISHED, WRITTEN)}|recueilli|entrevista|interview", re.IGNORECASE)
#: ... or Drupal's "Submitted by" in a translation ending on it ("Gespeichert von rasos am
#: 24. Juli 2017"), matched from the value's start up to the end of the inner word: inside
#: a value the words are no label ("Von Max Mustermann, gespeichert von Redaktion").
_SUBMITTED_BY = re.compile(rf"\s*(?:{alternation(SUBMITTED_BY)})$", re.IGNORECASE)
#: ... where the date follows the name as Drupal prints it ("... on <date>", "am", "le",
#: "el", "il", "op": a digit within the date's first words). Without it the words say what
#: they mean: "Inviato da Roma" (sent from Rome), "Enviado por un lector" (a reader's photo).
_SUBMITTED_ON = re.compile(rf"\s(?:{alternation(SUBMITTED_ON)})\s+(?:[^\W\d_]+\.?,?\s+){{0,2}}\d", re.IGNORECASE)
# Joining words in lower case only: "John A Smith" or "Di Maria" must not split.
_SPLIT = re.compile(
    r"\s*(?:[,;&|/•·]|\s(?:im\s+(?:[Gg]espräch|[Ii]nterview)\s+mit|in\s+(?:an\s+interview|conversation)\s+with|"
    rf"en\s+(?:conversation|entretien)\s+avec|And|AND|{alternation(AND, WITH)})\s)\s*"
)
#: A credit for other work than the writing, after the byline's names: "Edited by",
#: "Photos by", "Illustrations by", "Translated by", "Fotos von", "Bearbeitet von",
#: "Photos:", "Bild:". The names after it edited, photographed or translated the story
#: (at the start it is all the byline there is, and stays: "Photos by Jane Doe"). On the
#: trafilatura set (before the site-byline last resort) right authors stayed 72.7% fit,
#: 67.4% held; one held page's wrong value went (coverage 76.8 -> 76.1%).
_CREDIT = re.compile(
    r"(?:^|[\s,;|/•·])(?:(?:edited|photo(?:graph)?s?|photography|pictures?|images?|illustrations?|"
    r"illustrated|translated|translation|graphics?|fotos?|bilder|illustrationen?|grafiken?|"
    r"übersetzt|übersetzung|bearbeitet|redigiert|lektoriert|traduit|traducción|traducido)"
    rf"\s+(?:{alternation(BY)})\b|(?:photos?|fotos?|bild(?:er)?|pictures?|images?|graphics?|illustrations?|"
    r"illustrationen?|grafik|übersetzung|translation)\s*:)",
    re.IGNORECASE,
)
#: The full stop closing a byline before a credit, after a word of three letters or more
#: (not an initial's or an abbreviation's: "J.", "Jr.").
_SENTENCE_END = re.compile(r"(?<=\w{3})\.$")
#: An e-mail address or a web address in a byline, as a whole token: `\S+@\S+\.\w+` and
#: `\S+\.com\b\S*` matched from every character of a long token ("a@@@...") were cubic and
#: quadratic; a match from inside a token means one from its start, so they start there
#: only (the same matches), and the e-mail's name part stops at the token's first '@' past
#: its first character (where greedy backtracking ends up, for whether there is a match
#: and where it ends): linear.
_EMAIL = re.compile(r"(?<!\S)\S[^\s@]*+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:com|org|net|de|fr|uk|it|es|ch|at)\b\S*", re.IGNORECASE)
#: Asides in a byline: brackets.
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
#: A quoted phrase standing as a word of its own, straight quotes paired left to right (a
#: closing quote glued to a word, 'Smith and Al "', opens none).
_QUOTED = re.compile(r"(?<!\w)(?:\"[^\"]*\"|“[^”]*”)(?!\w)")
#: What makes a quoted phrase an aside, a tagline in an author box ('Jane Doe, Editor
#: "Blogger, gamer, giant."'): punctuation or three words. A nickname ('Al "Big Al" Jones')
#: or a whole name in quotes has neither, and stays.
_TAGLINE = re.compile(r"[,.;:!?]|\S\s+\S+\s+\S")
_HANDLES = re.compile(r"(?<!\w)@\w+")
#: A month's name (three letters or more) that starts a date, not a name: a day and a year
#: or a year alone follow it ("November 9, 2012", "Aug 9 2012", "March 2020"), or, after
#: "on" or a separator, or written short with a full stop, any number ("| Nov 13",
#: "Mar. 9"). Before any number it cut surnames that are months' names ("Theresa May 12
#: hours ago", "Li Mei 2024-03-05", "Ana Abril 5 de marzo": review R14).
_MONTH = alternation(m for m in MONTHS if len(m) >= 3)
_DATE_AFTER_MONTH = r"\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}(?![-./:\d])"
#: A weekday's name, in full or short ("Sun", "Tues."), and what makes it the start of a
#: date: a day or a month and a day after it ("Sun, Aug 9", "Sun 9 Aug", "Monday 12:30"),
#: a time after "at", "@", "um", "à", "a las", "alle" ("Friday at 3:45 pm", "Fri @ 3pm",
#: "vendredi à 15h"), a day after German "den" ("Sonntag, den 4. Juni"); after a full
#: weekday also the part of the day ("Friday morning", "Friday at noon", "Sonntag Abend",
#: "vendredi soir", "viernes por la tarde"), not after a short one ("Omaha Sun at noon"). Review RV-M finding 3: these were read
#: as a name's word ("Jane Doe Friday", "Anna Schmidt Sonntag").
_WEEKDAY = alternation(WEEKDAYS, WEEKDAY_ABBREVIATIONS)
_AT = r"(?:\s*@|\s+(?:at|um|gegen|à|a\s+las?|alle|dalle))\s*"
_AT_TIME = rf"{_AT}\d"
_DAY_PART = (
    rf"(?:{_AT}(?:noon|midnight|midi|minuit|mittag|mitternacht|mediodía|medianoche|mezzogiorno|mezzanotte)|"
    r"\s+(?:por\s+la\s+)?(?:morning|afternoon|evening|night|früh|morgen|vormittag|mittag|nachmittag|"
    r"abend|nacht|matin|midi|après-midi|soir|soirée|mañana|madrugada|tarde|noche|mattina|"
    r"mattino|pomeriggio|sera|notte))\b"
)
_DATE_AFTER_WEEKDAY = rf"\.?,?(?:\s+(?:den\s+)?\d|\s+(?:{_MONTH})\.?\s+\d|{_AT_TIME})"
#: Where the name part of a byline ends: a weekday starting a date or after "on", a digit,
#: a month starting a date ("Jon Bloom | November 9, 2012", "by X on Aug 9, 2012"), a time
#: or date label. Without the month the name kept it ("Jon Bloom", "November") or, after
#: "on", read as a phrase and gave nothing (pages of eight sites outside the development
#: sets). A weekday's name with no date after it is a word of the name: "Omaha Sun", "Sun
#: Li", "Billy Sunday" (review A13: the name was cut at "Sun").
_NAME_END = re.compile(
    rf"\s(?:{alternation(ON)}|[,|/•·–—-])\s*(?=(?=[^\W\d_]{{3,}}\.?\s+\d)(?:{_MONTH})\.?\s+\d)|"
    rf"\s(?:{alternation(ON)})\s+(?=(?:{_WEEKDAY})\b)|"
    rf"\s(?:{alternation(ON)}|the|,)?\s*(?=\d|(?=[^\W\d_]{{3,}}\.?\s+\d)(?:{_MONTH})(?:{_DATE_AFTER_MONTH}|\.\s+\d)|"
    rf"(?:{_WEEKDAY}){_DATE_AFTER_WEEKDAY}|(?:{alternation(WEEKDAYS)}),?{_DAY_PART}|"
    r"(?:mo|di|mi|do|fr|sa|so)\.?,\s*\d|(?:hace|vor|il y a|há|fa)\s+\d)",
    re.IGNORECASE,
)
#: A byline's text that starts with a date: a month's name and a day or year after it
#: ("Nov 13, 2019, 10:28am EST", "March 2020"). `_NAME_END` cut such a line at the day and
#: left the month as a name ("Nov").
_DATE_FIRST = re.compile(rf"(?:{_MONTH})(?:{_DATE_AFTER_MONTH}|\.?\s+\d)", re.IGNORECASE)
#: ... and a "By" after a separator in it, where its byline starts.
_DATE_THEN_BY = re.compile(
    rf"[|•·–—,/-]\s*(?:{alternation(w for w in BY if w not in ('di', 'da'))})\s+(?=[^\W\d_])", re.IGNORECASE
)
#: The outlet a writer wrote for, after the name: "By Jane Doe For Mailonline", "and John Roe
#: For Dailymail.com", "For The Daily Mail" (the Daily Mail's sites print "For" with a
#: capital), "for The Washington Post", "für SPIEGEL", "pour Le Monde", "para El País": the
#: name ends before it (where a web address was the outlet, a comma stands for it). "for"
#: and "für" in any case, "pour" and "para" in lower case only: "Para", "Pour" may be names'.
_FOR_OUTLET = re.compile(
    r"(?:\s|,)\s*(?:(?i:for|für)|pour|para)\s+(?:(?i:the|die|der|das|le|la|les|el|los|las)\s+)?(?=[A-Z0-9ÀÉÖÜ]|,|$)"
)
#: ... only after a byline's label and names alone (`_names_before`): "for" also joins the
#: words of an institution's name ("Institute for Fiscal Studies", "Bayerische
#: Landesanstalt für Wald und Forstwirtschaft" as a page's meta author), a headline's
#: ("Think Pink: Five Tips for Non-Profits"), and after an affiliation's separator names
#: the outlet's part ("Amy Kuperinsky | NJ Advance Media for NJ.com", Advance Local's).
_BY_LABEL = re.compile(rf"^(?:(?:written|posted|reported)\s+)?(?:{alternation(w for w in BY if w not in ('di', 'da'))})\s+", re.IGNORECASE)
_AND_WORD = re.compile(rf"\s+(?:{alternation(AND)}|&)\s+")
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _names_before(text: str, labelled: bool = False) -> bool:
    """Whether a byline's text before an outlet's "for" is a label and names: "By", then one
    to four words of letters, each capitalised or a particle, per name, joined by "and" or
    "&" alone (no comma: "By Jane Doe, Institute for Fiscal Studies" names her institute).
    With `labelled`, the label was cut before ("Written By", a kicker, an inner "by")."""
    if labelled:
        return _names_alone(text)
    label = _BY_LABEL.match(text)
    return label is not None and _names_alone(text[label.end():])


def _names_alone(rest: str) -> bool:
    """Whether a text is names alone (`_names_before`, without the label)."""
    if any(c in rest for c in ",;|/•·"):
        return False
    for name in _AND_WORD.split(rest.strip()):
        words = name.split()
        if not 0 < len(words) <= 4 or not all(
            _NAME_WORD.fullmatch(w) and (w[0].isupper() or w.lower() in NAME_PARTICLES) for w in words
        ):
            return False
    return True


def _later_names(outlet: str) -> str:
    """After a name's outlet ("For Mailonline"), the next names that have an outlet of
    their own, with the joining word before each: "For Mailonline and John Roe For
    Dailymail.com" gives " and John Roe" (the Daily Mail prints its writers' desks so; a
    "for" cut the rest off: review RV-M4 finding 3). A name with no outlet after it is not
    read: "For The Mail and Guardian" names one outlet, and neither is one ending on the
    outlet's last word: "For The Times and New York Times for Bloomberg" names two outlets
    (review RV-F finding 6)."""
    out = ""
    while True:
        for joint in _AND_WORD.finditer(outlet):
            end = _FOR_OUTLET.search(outlet, joint.end())
            if end is None or end.start() <= joint.end():
                continue
            before, name = outlet[: joint.start()].split(), outlet[joint.end(): end.start()].split()
            if before and name and before[-1].lower() == name[-1].lower():
                continue
            if _names_alone(outlet[joint.end(): end.start()]):
                out += " and " + outlet[joint.end(): end.start()]
                outlet = outlet[end.end():]
                break
        else:
            return out


#: An English weekday's name ending the whole byline: a date printed as the day alone ("By
#: Jane Doe Sunday", a site's relative date). It ends the name only after a name of two
#: words or more: "Joe Friday" and "Billy Sunday" stay whole. Not the other languages' days:
#: Freitag, Sonntag, Domingo and Sabato are common surnames after two given names.
_LAST_WEEKDAY = re.compile(r"\s(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)[\s.,]*$", re.IGNORECASE)
#: Titles written before a name ("Dr. Billy Sunday", "Sgt. Joe Friday"): no words of the name
#: when `_LAST_WEEKDAY` counts them (review RV-M3 finding 6).
_HONORIFIC = re.compile(
    r"(?:dr|prof|sgt|cpl|capt|cpt|col|gen|lt|maj|adm|cmdr|mr|mrs|ms|mx|messrs|rev|revd|fr|hon|"
    r"sir|dame|lord|lady|herr|frau|mme|mlle|sra?|srta|dott|dottssa|ing)\.?",
    re.IGNORECASE,
)


def _name_words(name: str) -> int:
    """How many words of a name there are, its titles before it not counted."""
    words = name.split()
    at = 0
    while at < len(words) - 1 and _HONORIFIC.fullmatch(words[at]):
        at += 1
    return len(words) - at


#: Legal forms: a value naming a company or association is not a person.
_ORGANISATION = re.compile(
    r"(?:^|[\s,])(?:gmbh|ag|e\.\s?v\.|inc\.?|ltd\.?|llc|l\.l\.c\.|s\.a\.|s\.l\.|sas|sarl|s\.r\.l\.|"
    r"srl|s\.p\.a\.|spa|b\.v\.|n\.v\.|plc|pty|corp\.?|corporation|co\.\s?kg|kg|ohg|gbr|ug|verlag|"
    r"verlags\w*|limited|oy|a/s|asa)(?=$|[\s,.])",
    re.IGNORECASE,
)
#: Degrees and credentials written after a name ("Jane Doe, PhD", "John Roe, MD"):
#: the convention of medical, legal and academic bylines.
_CREDENTIAL = re.compile(
    r"^(?:ph\.?\s?d\.?|m\.?d\.?|msc|m\.?sc\.?|ma|m\.?a\.?|mba|bsc|rd|rdn|ld|lmft|cpt|dds|rn|np|"
    r"mph|ms|jr\.?|sr\.?|esq\.?|cfa|cpa)$",
    re.IGNORECASE,
)
#: Words after which a byline holds no more names: dates, reading times, buttons and an
#: author box's links ("Website", "Permalink", "Other Articles"). Every
#: word starts with a letter (and all a letter matches ignoring case, "ſ" or "K", is one),
#: so the look-ahead after the boundary changes no match: at the end of every word it
#: spares trying each word (half of the searches' time).
_STOP = re.compile(
    rf"\b(?=\w)(?:(?:{alternation(UPDATED)})\w*|{alternation(PUBLISHED)}|min(?:ute)?s?\s+read|"
    r"read(?:ing)?\s+time|lesezeit|ago|hours?|minutes?|stunden?|follow|folgen|suivre|seguir|"
    r"twitter|facebook|instagram|linkedin|e-?mail|view all|all posts|more from|articles?|"
    r"(?-i:posts?)|profile|comments?|share|read more|mehr|see more|click|subscribe|zuletzt|"
    r"says|sagt|dit|schreibt|wrote|antworten|reply|replies|lesen|leer|lire|tiempo|"
    r"lectura|temps|lecture|likes?|views?|beiträge|artikel|alle|all|zeige|show|voir|mostra|"
    r"website|homepage|permalink|other\s+(?:articles?|(?-i:posts)|stories))\b",
    re.IGNORECASE,
)
#: Words that make a byline part a role or a credit, not a name: the name ends before them
#: (the look-ahead as in `_STOP`).
_ROLE = re.compile(
    r"\b(?=\w)(?:correspondent|editor|reporter|contributor|columnist|journalist|photographer|writer|"
    r"redakteur|korrespondent|kolumnist|journalistin|rédact(?:eur|rice)|corresponsal|"
    r"periodista|redattore|redattrice|giornalista|senior|chief|staff|contributing|"
    r"photo|foto|image|bild|credits?|copyright|getty|shutterstock|anonymous|unknown|"
    r"admin(?:istrator)?|expert\w*|autor(?:in)?|author|auteur|gründer\w*|founder|ceo|"
    r"head of|leiter\w*)(?:in|innen|e|es|a|s)?\b",
    re.IGNORECASE,
)
#: A newsroom, desk or team named as the byline ("Redaktion", "Newsdesk", "Sport-Team",
#: "Redacción Diario X", "Metro Staff Report"): not a person, but the page's stated author
#: and not the publisher's name standing in for one, so `clean_authors` keeps it.
_NEWSROOM = rf"(?:online-?)?(?:{alternation(NEWSROOM)})"
#: Up to three words before it, each ended by a space or a hyphen. A hyphen is a word's
#: character too, so `(?:[\w.'-]+[\s-]){0,3}` split a long hyphenated value ("a-a-a-...")
#: every way there is (about n^4). The same strings, split one way: words ended by a space;
#: or the last of them ended by a hyphen, where "-team" is then the last hyphen's (a team
#: name of [\w-] after an earlier hyphen means one of \w after the last), so that no
#: hyphen is tried with a scan to the end.
_TEAM_NAME = r"(?:{newsroom}|newsroom|news\s*desk|newsdesk|{team}team|staff(?:\s+report)?|editorial\s+(?:team|staff|board))$"
#: (A "<words> Staff" match is a team only where `_team_whole` finds the words an outlet's.)
_TEAM = re.compile(
    r"^(?:the\s+)?(?:[\w.'-]++\s){0,3}" + _TEAM_NAME.format(newsroom=_NEWSROOM, team=r"[\w-]*")
    + r"|^(?:the\s+)?(?:[\w.'-]++\s){0,2}[\w.'-]+-" + _TEAM_NAME.format(newsroom=_NEWSROOM, team=r"\w*")
    + rf"|^{_NEWSROOM}(?:\s+[\w.'-]+){{1,3}}$",
    re.IGNORECASE,
)
#: A CMS account, a bare word for "the staff" or "our staff": never an author.
_ACCOUNT = re.compile(
    r"^(?:(?:the|our)\s+)?(?:(?:[\w-]+[\s-])?(?:admin|administrator|webmaster)|staff|editors?|editorial|desk|team)$"
    r"|^(?:no|kein|sans|sin|senza)[\s-]+(?:author|autor|auteur|autore)$",
    re.IGNORECASE,
)
#: Job titles written after a name and a comma ("Jane Doe, Product Manager, Maps";
#: "John Roe, Developer Programs Engineer"; "Anna Schmidt, Chefredakteurin"; "Jean Dupont,
#: Directeur Général"): with `_ROLE`'s words they make the part a title (`words.JOB_TITLES`).
#: The English ones anywhere in the part; the others (`_JOB_ABROAD`, which include
#: surnames: "Carlos Presidente", "Anna Schleiter" of "-leiter") only where `_is_job` says.
_JOB = re.compile(rf"\b(?=\w)(?:{alternation(ENGLISH_JOB_TITLES)})s?\b", re.IGNORECASE)
_JOB_ABROAD = re.compile(
    rf"\b(?=\w)(?:(?:{alternation(JOB_TITLES)})s?|\w*(?:{alternation(JOB_TITLE_ENDS)})(?:in|innen)?)\b",
    re.IGNORECASE,
)
#: What follows a title naming whose it is: "de la Comisión", "of Communications", "für Politik".
_OF_PHRASE = re.compile(r"\s+(?:de|del|des|du|of|für|der|della|dello|dei|van|do|dos)\b")
#: A part that is a weekday alone ("Jane Doe, Monday", "| Sun") is no name.
_WEEKDAYS = frozenset((*WEEKDAYS, *WEEKDAY_ABBREVIATIONS))
_WORD = re.compile(r"[^\W_]+")
_DASH = re.compile(r"\s[-–—]\s")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")
_EDGE = re.compile(r"^[\s\-–—:,.;|/•·*]+|[\s\-–—:,;|/•·*]+$")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A comparison key: case, accents of spacing and punctuation ignored (pure; memoised:
    one name is compared many times on a page)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", name).casefold()))


def _strip_prefix(part: str) -> str:
    """'By', 'Von', 'Autor:' ... removed from the start (up to three of them)."""
    for _ in range(3):
        m = _PREFIX.match(part)
        if m is None or (_LOWER_ONLY.match(part) and part[0].isupper()):
            break
        part = _EDGE.sub("", part[m.end():])
    return part


#: "The" before a team's outlet ("The Jerusalem Post Staff").
_THE = re.compile(r"the\s+", re.IGNORECASE)
#: Not one of `_TEAM`'s other names, which are teams whatever their words ("Editorial Staff",
#: "Redaktion Staff").
_NOT_STAFF = re.compile(rf"(?<![^\W_])(?:editorial|{_NEWSROOM}|newsroom|news\s*desk|newsdesk|team)$", re.IGNORECASE)
#: A colon after a word, before more words: a label's ("Editor: ...", "Topic: ...").
_LABEL_COLON = re.compile(r"[^\W\d_]\s*:\s")
#: A one-word label and its colon opening a byline part ("Autoren: ...", "Bild: ...").
_LABEL = re.compile(r"^([^\W\d_][^\s:]*)\s*:\s*(?=[^\W\d_])")
#: ... where it names the writing: the words after it are its writers. A label crediting
#: other work (`_CREDIT_LABEL`) drops its part and the parts after it up to one opening
#: with a writer's label (`_OtherWork`); any other label heads a list ("Agenturen: dpa,
#: AFP", "Topic: Pastoral Ministry", "Tags: Broncos, Von Miller"), which names no writer
#: (`_Phrase`). Italian "da" is also "from" (a dateline's "Da: Roma"): no writer's label.
_WRITING_LABEL = re.compile(rf"(?:{alternation(WRITING_LABELS, AUTHOR, (w for w in BY if w != 'da'))})", re.IGNORECASE)
#: Between a stop word and a role word, what makes the two one link's label: "View author
#: archive", "View Staff Page", "Email the author", "Follow our staff".
_LABEL_GAP = re.compile(r"\s+(?:(?:the|all|our|this)\s+)?", re.IGNORECASE)


def _outlet(words: str, whole: str, outlets: AbstractSet[str]) -> bool:
    """Whether the words before a byline's "Staff" name an outlet, which makes the byline a
    team's ("IGN Staff", "Our Foreign Staff", "Jerusalem Post Staff" on its site), not a
    person's name with a role word after it ("Jane Doe Staff", "By JANE DOE STAFF"): the
    site's name (`outlets`, the publisher's and site's name keys, with or without "The"),
    "Our ...", or no person's name shape: one word with a digit or a capital after a small
    letter at its start ("News4Max", "iShift"), a long word and a capital letter ("Science
    X"), and in a value not all in capitals acronyms alone ("IGN", "HNN") or an acronym and
    a medium's words ("CBS News", `_MEDIUM_WORDS`). A person's name beside them is a person
    with a role word after it ("AJ Willingham Staff", "Jane Doe BBC Staff", "Jane deVries
    Staff", "Jane X Staff": review RV2 D1)."""
    key = name_key(words)
    if _is_publisher(words, outlets) or f"the {key}" in outlets:
        return True
    tokens = words.split()
    if tokens[0].lower() == "our":
        return True
    if len(tokens) == 1 and (any(c.isdigit() for c in words) or (words[0].islower() and not words.islower())):
        return True
    if len(tokens) == 2 and len(tokens[0]) > 4 and len(tokens[1]) == 1 and tokens[1].isupper():
        return True
    if whole == whole.upper():
        return False
    if all(_is_acronym(t) for t in tokens):
        return True
    # ... or an acronym and a medium's words ("CBS News Staff", "NBC Sports Staff": review RV3 D3)
    return len(tokens) >= 2 and _is_acronym(tokens[0]) and all(t.lower() in _MEDIUM_WORDS for t in tokens[1:])


def _is_acronym(token: str) -> bool:
    """Whether a word is an acronym: two or more capitals ("IGN", "HNN")."""
    return len(token) >= 2 and token.isalpha() and token.isupper()


#: Words naming a medium, after an outlet's acronym ("CBS News", "BBC Radio").
_MEDIUM_WORDS = frozenset({"news", "tv", "radio", "media", "online", "digital", "sports", "sport"})


def _team_whole(team: str, outlets: AbstractSet[str]) -> bool:
    """Whether a value `_TEAM` matched is a team's: any but "<words> Staff", which is where
    the words name an outlet (`_outlet`)."""
    if team[-5:].lower() != "staff":
        return True
    words = team[:-5].rstrip(" -")
    the = _THE.match(words)
    words = words[the.end():] if the else words
    return not words or bool(_NOT_STAFF.search(words)) or _outlet(words, team, outlets)


def _clean_part(part: str, keep_teams: bool, outlets: AbstractSet[str] = frozenset()) -> str | None:
    part = _EDGE.sub("", part)
    label = _LABEL.match(part)
    if label is not None and _WRITING_LABEL.fullmatch(label.group(1)):
        part = part[label.end():]  # before the prefixes: "Autor*in:" is no "Autor" and "in:"
    whole = _strip_prefix(part)
    label = _LABEL.match(whole)
    if label is not None:
        if not _WRITING_LABEL.fullmatch(label.group(1)):
            # A credit for other work: its part goes, a writer after it stays. Any other
            # label heads a list ("Tags: Broncos, Von Miller"), no byline (review RV5 D1).
            raise (_OtherWork if _CREDIT_LABEL.fullmatch(label.group(1)) else _Phrase)(whole)
        whole = whole[label.end():]
    if _ACCOUNT.match(whole):
        return None
    if _TEAM.match(whole) and _team_whole(whole, outlets):
        return " ".join(whole.split()) if keep_teams and len(whole) <= MAX_NAME_CHARS else None
    # A role or credit ends the name: "Jane Doe Senior Editor", "Posted on".
    part = whole
    role, stop = _ROLE.search(part), _STOP.search(part)
    if role is not None and stop is not None and stop.start() < role.start() and _LABEL_GAP.fullmatch(
        part, stop.end(), role.start()
    ):
        # A stop word right before the role word: the two are one link's label ("View
        # author archive", "View Staff Page": news sites' author boxes), no name "View". A stop
        # word further before it may be a name's ("Mehr Ali Correspondent").
        role = None
    stop = role or stop
    if stop is not None:
        part = _EDGE.sub("", part[: stop.start()])
    part = _strip_prefix(part)
    if not part or part.lower() in _WEEKDAYS:
        return None
    if _LABEL_COLON.search(part):
        # A colon left inside after the labels went (`_LABEL`): a label of several words
        # or a heading, whose words may run on into the next parts. No name holds one.
        raise _Phrase(part)
    words = part.split()
    if len(part) > MAX_NAME_CHARS or len(words) > MAX_NAME_WORDS or not _HAS_LETTER.search(part):
        return None
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[: len(words) // 2]  # a name printed twice: a link and its image's text
    part = " ".join(words)
    if len(words) == 1 and len(part) <= 3 and part.islower():
        return None  # a left-over connector: "on", "am", "le"
    if len(words) == 1 and part.endswith(".") and len(part) <= 5:
        return None  # an abbreviation standing alone ("Red." for the newsroom), not a name
    # A digit inside a multi-word value is a date or a count; user names like "anna77" pass.
    if len(words) > 1 and _DIGITS.search(part):
        return None
    # Capitalised words with a lower-case one among them that is no particle, or four
    # words in lower case: a phrase ("Syrian defense ministries", "NJ Advance Media for"),
    # not a name ("jane doe" in lower case passes).
    if len(words) > 1 and any(_common_word(w) for w in words) and (len(words) > 3 or not part.islower()):
        raise _Phrase(part)
    return part


#: Labels crediting other work than the writing: pictures, video, editing, translation.
_CREDIT_LABEL = re.compile(rf"(?:{alternation(CREDIT_LABELS)})", re.IGNORECASE)


class _OtherWork(ValueError):
    """A byline part opening with a label crediting other work than the writing ("Foto:
    John Roe", `_CREDIT_LABEL`): it and the parts after it name no writer, up to one opening
    with a writing label or a "by" ("Foto: John Roe / Text: Jane Doe": review RV4 D2)."""


#: `_PREFIX` words that open a place, a source or a subject, no writer's part: "from
#: Reuters", "de Madrid", "Da Roma", "about Jane Doe" (review RV7 D2).
_NO_WRITER_PREFIX = re.compile(r"(?:from|about|de|da|(?-i:Di))\b(?!\s+the\s+author)", re.IGNORECASE)


def _opens_writing(part: str) -> bool:
    """Whether a byline part opens with a writer's label: a writing label and colon
    ("Text:"), a "by" ("Von", "Written by") or a byline's prefix ("Redaktion:", "Autor",
    "Kommentar": review RV6 D1)."""
    part = _EDGE.sub("", part)
    label = _LABEL.match(part)
    if label is not None and _WRITING_LABEL.fullmatch(label.group(1)):
        return True
    return _BY_LABEL.match(part) is not None or (
        _PREFIX.match(part) is not None and _NO_WRITER_PREFIX.match(part) is None
    )


class _Phrase(ValueError):
    """A part of a byline reads as a phrase of running text, not as a name."""


#: Elided particles: "d'Ormesson", "l'Abbé".
_ELIDED = frozenset(("d", "l"))


def _common_word(word: str) -> bool:
    """A lower-case word that is not a name particle ("von", "de", "al-" in "al-Assad")."""
    if not word[0].islower():
        return False
    head = re.split(r"[-'’]", word.lower(), maxsplit=1)[0]
    return head not in NAME_PARTICLES and head not in _ELIDED


def _drop_tagline(quoted: re.Match[str]) -> str:
    """A quoted phrase out of a byline where it is a tagline (`_TAGLINE`), else as it was."""
    return " " if _TAGLINE.search(quoted.group(), 1, len(quoted.group()) - 1) else quoted.group()


#: Bullet characters separating a byline's parts as "•" and "·" do ("By Jane Doe ● June 4"):
#: read as "•". Unicode's bullets and bullet-like shapes, never letters of a name.
#: One between two letters is a name's own interpunct, kept: Big5 writes the dot of a
#: transliterated name ("約翰‧史密斯") as U+2027, and ∙ ⋅ stand in for Catalan's l·l.
_BULLETS = re.compile(r"[●▪◦■◆‣⁃]|(?<![^\W\d_])[∙⋅‧]|[∙⋅‧](?![^\W\d_])")


def split_byline(text: str, *, keep_teams: bool = False, outlets: AbstractSet[str] = frozenset()) -> list[str]:
    """The names written in one byline or author value, in order; with `keep_teams`, a
    newsroom or team named as the author too ("Redaktion", "Sport-Team"). `outlets`: name
    keys of the site and its publisher, whose "<name> Staff" is a team (`_outlet`)."""
    text = html.unescape(text) if "&" in text else text
    text = " ".join(text.split())
    if not text or len(text) > MAX_BYLINE_CHARS:
        return []
    text = _BULLETS.sub("•", text)
    text = _EMAIL.sub(" , ", text)
    text = _URL.sub(" , ", text)
    text = _HANDLES.sub(" ", text)
    text = _PARENS.sub(" ", text)
    if '"' in text or "“" in text:
        text = _QUOTED.sub(_drop_tagline, text)
    credit = _CREDIT.search(text)
    if credit is not None and credit.start() > 0:
        text = _SENTENCE_END.sub("", text[: credit.start()].rstrip(" ,;:-–—|"))  # "By X. Edited by Y": X wrote
    inner = None
    for found in _INNER_BY.finditer(text):
        word_end = found.start("word") + len(found.group("word"))
        if (
            found.group("word") == "by"
            or _BEFORE_BY.search(text, 0, found.start())
            or (_SUBMITTED_BY.match(text, 0, word_end) and _SUBMITTED_ON.search(text, word_end))
        ):
            inner = found
    labelled = inner is not None  # the label was cut: "Written By", "Posted on 4 June by"
    if inner is not None:
        text = text[inner.end():]
    else:
        kicker = _KICKER_BY.match(text)
        if kicker is not None:
            text = text[kicker.end():]
            labelled = True
    if _DATE_FIRST.match(text):
        # "Nov 13, 2019, 10:28am EST": a date line, whose month is no name; its byline may
        # follow ("Nov 13, 2019 | By Jane Doe": review RV6 D5)
        by = _DATE_THEN_BY.search(text)
        if by is None:
            return []
        text = text[by.end():]
        labelled = True  # the "By" is cut: "For <outlet>" after the name is cut as after one
    for pattern in (_NAME_END, _FOR_OUTLET, _STOP):
        end = pattern.search(text)
        if end is None or end.start() == 0:
            continue
        if pattern is not _FOR_OUTLET:
            text = text[: end.start()]
        elif _names_before(text[: end.start()], labelled):
            text = text[: end.start()] + _later_names(text[end.end():])
    end = _LAST_WEEKDAY.search(text)
    if end is not None and _name_words(_strip_prefix(_EDGE.sub("", _SPLIT.split(text[: end.start()])[-1]))) >= 2:
        text = text[: end.start()]
    text = _DASH.sub(" , ", text)
    parts = _SPLIT.split(text)
    before = [""] + [m.group(0).strip() for m in _SPLIT.finditer(text)]  # what precedes each part
    out: list[str] = []
    title = False  # inside a name's title and affiliation: "Jane Doe, Technical Writer, Maps"
    other_work = False  # after a label of other work's part (`_OtherWork`)
    for i, (part, sep) in enumerate(zip(parts, before)):
        joined = _JOINED.match(part) if sep == "," else None
        if joined is not None and part[joined.end():][:1].isupper():
            # ", and John Roe": the comma before a joining word (a list's last name, or
            # the next name after a title) joins by the word.
            part, sep = part[joined.end():], joined.group(0).strip()
        if out:
            # After a name, a part holding a role or job word is the name's title, and
            # the parts after it up to the next name joined by a word or "&" say where
            # the person works: "CNN Political Reporter" left "CNN Political" as a name.
            # A title joined by a word goes on ("Scientist and Founder, Maps"); one
            # joined by a separator is all title (`_clean_part` keeps the name before a
            # role word: "and John Roe Reporter"). A part after a title and a comma is
            # a name only where a title of its own follows it ("Jane Doe, Reporter,
            # John Roe, Reporter"): without one, "Product Manager, Google Maps" and
            # "Senior Editor, John Roe" read alike, and the affiliation is the safer
            # reading (a lost name beats a wrong one).
            if title and sep == "," and not _titled_name(parts, before, i):
                continue
            was_title, title = title, is_title(part)
            if title and (sep in _AFFILIATION_SEPARATORS or was_title and _is_job(part)):
                continue  # ... or one title after another: "Product Manager, and Designer"
        if other_work:
            if not _opens_writing(part):
                continue
            other_work = False
        try:
            name = _clean_part(part, keep_teams, outlets)
        except _OtherWork:
            other_work = True
            continue
        except _Phrase:
            # One part of the value is running text: the value is a sentence that
            # names someone ("The Russian and Syrian defense ministries said"), no byline.
            # After a comma it is what follows the names ("Jane Doe, the paper's critic").
            return out if sep in _AFFILIATION_SEPARATORS else []
        if not name or _CREDENTIAL.match(name):
            continue
        # Among several parts, a lone lower-case word is prose ("deutscher"), not a user name.
        if len(parts) > 1 and " " not in name and name.islower():
            continue
        out.append(name)
    return out


_AFFILIATION_SEPARATORS = frozenset(",;|/•·")
_TEAM_END = re.compile(r"team$", re.IGNORECASE)
#: A joining word opening a part after a comma ("Jane Doe, Mary Major, and John Roe").
#: Not Dutch "en": it is also "in" in Spanish and French (", en Madrid").
_JOINED = re.compile(rf"(?:{alternation(w for w in AND if w != 'en')})\s+")


def _titled_name(parts: list[str], before: list[str], i: int) -> bool:
    """Whether part `i`, after a title and a comma, is a name with a title of its own after
    it: "Jane Doe, Professor, John Roe, Lecturer" (the list of names and titles)."""
    return (
        i + 1 < len(parts)
        and before[i + 1] == ","
        and not is_title(parts[i])
        and is_title(parts[i + 1])
    )


def is_title(part: str) -> bool:
    """Whether a byline part after a name is that person's title: a role or job word in it,
    or a team ("Jane Doe, Maps Team"), where the part alone would be read as a name. A
    newsroom stays a second author ("Michael Rädel, Redaktion"), as before."""
    whole = _strip_prefix(_EDGE.sub("", part))
    return bool(_ROLE.search(whole) or _is_job(whole) or _TEAM_END.search(whole))


def _is_job(part: str) -> bool:
    """Whether a byline part holds a job title: an English one anywhere (`_JOB`), another
    language's (`_JOB_ABROAD`) where it is written in lower case, as Spanish, French and
    Italian write titles ("directora de Comunicación"), opens the part ("Directeur
    Général", "Ressortleiter Politik", "Präsidentin"), or a "de"/"of"/"für" phrase follows
    it. A capitalised one after another word is a surname: "Jane Doe, Anna Schleiter",
    "Carlos Presidente", "Pedro Jefe" (review RV-M finding 5). It still opens its part after
    modifiers (`JOB_MODIFIERS`: "Stellvertretende Chefredakteurin", "Ancien Directeur") and
    as a compound's last word ("Politik-Chefredakteurin": review RV-M3 finding 3)."""
    if _JOB.search(part):
        return True
    for job in _JOB_ABROAD.finditer(part):
        if job.group()[0].islower() or _opens(part[: job.start()]) or _OF_PHRASE.match(part, job.end()):
            return True
    return False


_MODIFIER = re.compile(rf"(?:{alternation(JOB_MODIFIERS)})\.?", re.IGNORECASE)


def _opens(before: str) -> bool:
    """Whether what stands before a job word in its part leaves it opening the part: nothing,
    modifiers, or a compound's first word ("Politik-")."""
    words = before.split()
    if words and words[-1].endswith("-") and len(words[-1]) > 1 and before[-1:] == "-":
        words.pop()  # the job word ends a compound
    return all(_MODIFIER.fullmatch(word) for word in words)


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words (particles allowed): the shape of a printed name.

    Used for names found in running text, where "von Bäumen durch Dritte" must not pass.
    """
    words = name.split()
    if not 2 <= len(words) <= 4 or _DIGITS.search(name):
        return False
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words) and words[-1][0].isupper()


def is_organisation(text: str) -> bool:
    """Whether a value names a company or association by its legal form (GmbH, Inc., e. V.)."""
    return bool(_ORGANISATION.search(text))


def clean_authors(values: list[str], *, not_names: AbstractSet[str] = frozenset()) -> list[str]:
    """Names from raw author values: split, cleaned, de-duplicated in order.

    `not_names` holds name keys of the publisher and site: such a value is an
    organisation standing in for a person, and so is one that starts with the publisher's
    name ("Acme, Frankfurt a. M., Germany": its address follows). A newsroom or team
    named as the author is kept. More than MAX_AUTHORS names is not a byline.
    """
    out: list[str] = []
    seen: set[str] = set()
    for value in values[: MAX_AUTHORS * 4]:
        if not isinstance(value, str):
            continue
        value = repair_mojibake(value)  # "JosÃ© GarcÃ­a" on a page that shows mojibake
        if is_organisation(value) or _is_publisher(value, not_names):
            continue
        if "," in value and _is_publisher(value.split(",", 1)[0], not_names):
            continue
        for name in split_byline(value, keep_teams=True, outlets=not_names):
            key = name_key(name)
            if not key or key in seen or _is_publisher(name, not_names):
                continue
            seen.add(key)
            out.append(name)
    if len(out) > MAX_AUTHORS:
        return []
    return out


#: A legal form closing a name key ("deutsches rotes kreuz e v", "acme gmbh").
LEGAL_FORM_KEY = re.compile(r"\s+(?:e\s?v|gmbh|ag|inc|ltd|llc|plc|sa|se)$")


def _is_publisher(value: str, not_names: AbstractSet[str]) -> bool:
    """The whole value ("Harbour Jobs", "ht.example / Harbour Times Online") names the site
    (spaces aside: "Harbour Times" on harbourtimes.example). So does the owner's name as
    site-wide metadata gives it for an author: the publisher's name without its legal form
    ("Deutsches Rotes Kreuz", publisher "Deutsches Rotes Kreuz e.V."; `LEGAL_FORM_KEY`, as
    `text.is_site_part` reads a title's site part). Not its words in another order, nor a
    value whose initials are the site's: each fixed one site's page (the second also took
    persons for the site: "Nina P. Ross", review RV3 D1)."""
    key = name_key(value)
    if key in not_names:
        return True
    compact = key.replace(" ", "")
    if any(len(n) >= 4 and compact == n.replace(" ", "") for n in not_names):
        return True
    bare = LEGAL_FORM_KEY.sub("", key)
    if " " not in bare:
        return False
    return any(n.startswith(bare) and LEGAL_FORM_KEY.sub("", n) == bare for n in not_names)
