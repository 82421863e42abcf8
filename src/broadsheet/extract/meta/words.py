"""The words metadata rules read, in the languages news is written in: one list per idea.

Bylines, labels and datelines are found by small words ("By", "von", "Published", "Updated")
that every language writes its own way. Each list lives here once, and every rule that
needs it builds its pattern from it with `alternation`, so a language added here is added
to every rule (the bylines of the page, of the story's text, of Twitter cards, the labels
of dates). Month names are in `months`, with the same aim.
"""
from __future__ import annotations

import re
from typing import Iterable

#: "By" before an author's name: by, von, par, por, door, av/af, di/da, przez, от.
#: "di" and "da" are also Italian and Portuguese surnames' particles: rules that read them
#: as "by" ask for a lower-case word.
BY = ("by", "von", "par", "por", "door", "av", "af", "di", "da", "przez", "от")
#: A label naming the author (its forms: Autorin, Autores, auteurs ...).
AUTHOR = (
    "author", "authors", "autor", "autorin", "autora", "autores", "auteur", "auteurs",
    "autore", "autori", "автор",
)
#: Drupal core's byline over a node, "Submitted by !username on !datetime" (Drupal 6 and 7;
#: "@username", "@datetime" from 8 on), as its translations print it: German "Gespeichert
#: von ... am ...", French "Soumis par ... le ...", Spanish "Enviado por ... el ...",
#: Italian "Inviato da ... il ...", Dutch "Ingezonden door ... op ...". Themes print it in
#: an element classed `submitted` (Garland, Bartik, Zen) or `node__submitted` (8 on), which
#: is where they are read (`dom.read_bylines`). Not in `WRITTEN_BY`: alone on a line the
#: words are as often a reader's photo's credit ("Enviado por" <a>Juan Pérez</a>).
SUBMITTED_BY = (
    "submitted by", "gespeichert von", "soumis par", "enviado por", "inviato da", "ingezonden door",
)
#: ... and the word before the date after the name, in the same languages ("on", "am",
#: "le", "el", "il", "op"): the first six of `ON`.
SUBMITTED_ON = ("on", "am", "le", "el", "il", "op")
#: "Written by" and its kin, in full: a byline that says so in words.
WRITTEN_BY = (
    "written by", "posted by", "published by", "verfasst von", "geschrieben von",
    "veröffentlicht von", "écrit par", "publié par", "escrito por", "publicado por",
    "scritto da", "geschreven door", "skrevet af", "skrivet av", "napisane przez",
    # Blogger's "Posted by" (a post's footer, `span.post-author`) in its translations that
    # `PUBLISHED` and `BY` do not make: German, Swedish, Danish, Norwegian, Portuguese.
    "eingestellt von", "upplagd av", "indsendt af", "lagt inn av", "postado por", "publicada por",
)
#: A newsroom named as a byline's label or author ("Redaktion", "Rédaction", "Redacción").
NEWSROOM = ("redaktion", "redazione", "rédaction", "redacción", "redação", "redactie", "redakcja")
#: A one-word label before a colon that names the byline's writers ("Autoren: ...",
#: "Reporter: ...", "Tekst: ..."), besides `AUTHOR` and `BY`.
WRITING_LABELS = (
    "autoren", "autorinnen", "autor*in", "autor_in", "gastautor", "gastautorin", "gastautoren",
    "gastautorinnen", "gastautor*in", "gastautor_in", "verfasser",
    "verfasserin", "redakteur", "redakteurin", "text", "texte", "texto", "testo", "tekst", "текст",
    "story", "words", "reporting", "auteure", "auteures", "autora", "writer", "writers", "byline",
    "reporter", "reporterin", "correspondent", "contributor", "contributors", "columnist",
    "korrespondent", "korrespondentin", "journalist", "journalistin", "journaliste", "periodista",
    "redactor", "redactora", "redattore", "recherche", "schrijver", "verslaggever", "skribent",
    "forfatter", "författare", "toimittaja", "dziennikarz",
)
#: A one-word label before a colon that credits other work than the writing: pictures,
#: video, editing, translation ("Foto: ...", "Bild: ...", "Editor: ...", "Фото: ...").
CREDIT_LABELS = (
    "photo", "photos", "photograph", "photographs", "foto", "fotos", "фото", "bild", "bilder",
    "picture", "pictures", "image", "images", "graphic", "graphics", "grafik", "grafiken",
    "illustration", "illustrations", "illustrationen", "video", "videos", "kamera", "camera",
    "schnitt", "mitarbeit", "übersetzung", "translation", "editor", "editorin", "edited", "lektorat",
)
#: Verbs of publishing: before an inner "von" they make it a byline's ("Veröffentlicht
#: am 4. Juni von X"), in a byline they end the names ("Jane Doe Published 4 June").
PUBLISHED = (
    "published", "posted", "veröffentlicht", "erschienen", "publiziert", "publié", "publicado",
    "pubblicato", "gepubliceerd", "geplaatst", "opublikowano", "publicerad", "udgivet", "julkaistu",
    # ... and the verbs of Blogger's "Posted by" in its German, Swedish, Danish, Norwegian
    # and Portuguese translations ("Eingestellt von", `WRITTEN_BY`)
    "eingestellt", "upplagd", "indsendt", "lagt inn", "postado", "publicada",
)
#: Verbs of writing, which introduce a byline as the publishing ones do.
WRITTEN = ("written", "geschrieben", "erstellt", "écrit", "escrito", "scritto", "geschreven", "gepost")
#: An update, not the publication ("Updated", "Aktualisiert", "mis à jour"): stems, read
#: inside longer words too ("last-updated", "date-modified", "actualizada").
UPDATED = (
    "updat", "modif", "revised", "aktualisiert", "geändert", "änderung", "bearbeitet", "mis à jour",
    "actualiza", "aggiorna", "bijgewerkt",
)
#: Labels of a publication date besides the verbs ("Datum:", "Fecha de publicación").
DATE_LABEL = (
    "date", "publication date", "date published", "datum", "mis en ligne", "fecha",
    "fecha de publicación", "data", "data di pubblicazione",
)
#: Joining two names in a byline ("Jane Doe and John Roe"), lower case only.
AND = ("and", "und", "et", "y", "e", "i", "og", "och", "en", "és", "ve", "и", "та")
#: "With" joining an interviewer and the one interviewed.
WITH = ("with", "mit", "avec", "con", "com")
#: "On"/"am" before a byline's date ("By Jane Doe on June 4", "Von X am 4. Juni").
ON = ("on", "am", "le", "el", "il", "op", "den", "vom", "at", "um")
#: Job titles written after a name in a byline ("Jane Doe, Product Manager", "Anna Schmidt,
#: Präsidentin", "Jean Dupont, Directeur Général", "María López, directora de
#: Comunicación"): the part holding one is the name's title, not a second name. Each form
#: is listed (a feminine form is a word of its own in most of these languages); a plural
#: "s" is read after any. None is a common surname ("Richter", "Koch", "Meister" are left
#: out). English, where titles are capitalised and read anywhere in the part:
ENGLISH_JOB_TITLES = (
    "manager", "engineer", "director", "scientist", "producer", "analyst", "designer", "developer",
    "strategist", "specialist", "officer", "president", "evangelist", "intern", "lead", "researcher",
    "professor", "lecturer", "consultant", "coordinator", "advocate",
)
#: German, French, Spanish, Italian, Dutch, Portuguese: some are surnames too ("Carlos
#: Presidente", "Maria Responsable", "Pedro Jefe"), so a capitalised one is read as a title
#: only where it opens its part (`authors.is_title`).
JOB_TITLES = (
    "geschäftsführer", "geschäftsführerin", "vorsitzender", "vorsitzende", "pressesprecher",
    "pressesprecherin", "sprecherin", "volontär", "volontärin", "professorin",
    "directeur", "directrice", "rédacteur", "rédactrice", "journaliste", "correspondant",
    "correspondante", "président", "présidente", "chroniqueur", "chroniqueuse", "envoyé", "envoyée",
    "responsable", "chargé", "chargée", "fondateur", "fondatrice", "professeur", "professeure",
    "directora", "redactor", "redactora", "corresponsal", "periodista", "presidente", "presidenta",
    "columnista", "enviado", "enviada", "jefe", "jefa", "coordinador", "coordinadora", "fundador",
    "fundadora", "profesor", "profesora",
    "giornalista", "corrispondente", "redattore", "redattrice", "caporedattore", "caporedattrice",
    "direttore", "direttrice", "inviato", "inviata",
    "hoofdredacteur", "redacteur", "correspondent", "verslaggever", "verslaggeefster", "journalist",
    "voorzitter", "columnist",
    "jornalista", "correspondente", "redator", "redatora", "diretor", "diretora", "repórter", "colunista",
)
#: German job titles, read alone and at the end of compounds ("Chefredakteur",
#: "Auslandskorrespondentin", "Ressortleiter", "Vizepräsidentin"), with a feminine "-in" or
#: plural "-innen" after them: as `JOB_TITLES`, capitalised only where they open their part
#: ("Anna Schleiter" is a name).
JOB_TITLE_ENDS = ("redakteur", "korrespondent", "reporter", "leiter", "direktor", "präsident")
#: A story's kind printed before its byline ("Analysis By Jane Doe", "Opinion | By", "Kommentar
#: von", "Tribune par", "Análisis por"): a kicker, no name. Nouns of the news trade in the
#: languages above.
KICKERS = (
    "analysis", "news analysis", "opinion", "exclusive", "commentary", "comment", "editorial", "essay",
    "guest essay", "review", "column", "guest column", "feature", "explainer", "perspective", "interview",
    "investigation", "special report", "obituary", "op-ed", "first person", "fact check",
    "analyse", "meinung", "kommentar", "exklusiv", "gastbeitrag", "kolumne", "leitartikel", "hintergrund",
    "reportage", "porträt", "tribune", "chronique", "éditorial", "entretien", "enquête", "exclusif",
    "décryptage", "récit", "análisis", "opinión", "exclusiva", "tribuna", "columna", "entrevista",
    "reportaje", "crónica", "analisi", "opinione", "commento", "editoriale", "intervista", "opinie",
    "achtergrond",
)
#: Words written before a job title, capitalised as the title is ("Stellvertretende
#: Chefredakteurin", "Stv. Chefredakteurin", "Ancien Directeur", "Nostro Inviato", "Voormalig
#: Voorzitter", "Former Presidente"): with them a title still opens its part (review RV-M3
#: finding 3). Deputy, former, acting, our ...; German adjectives in their endings.
JOB_MODIFIERS = (
    "stellvertretende", "stellvertretender", "stellvertretenden", "stv", "stellv", "ehemalige", "ehemaliger",
    "ehemaligen", "frühere", "früherer", "designierte", "designierter", "kommissarische", "kommissarischer",
    "leitende", "leitender", "freie", "freier",
    "ancien", "ancienne", "notre", "nos", "ex", "futur", "future", "adjoint", "adjointe",
    "nuestro", "nuestra", "antiguo", "antigua", "vice", "sub",
    "nostro", "nostra", "nostri", "ex-", "vice-",
    "voormalig", "voormalige", "onze", "adjunct",
    "former", "deputy", "senior", "acting", "interim", "associate", "assistant", "executive",
)
WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
)
#: English weekdays written short ("Sun, Aug 9", "Tues. June 4"): each also a word of
#: names ("Omaha Sun", "Sun Li"), so read as a weekday only where a date follows.
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")


#: Lower-case words inside a person's name ("Jan de Vries", "Julio da Silva", "Ahmed bin
#: Said"): they do not end a name, nor make it a sentence.
NAME_PARTICLES = frozenset(
    "von van de der den da di del della la le du bin ibn al el y zu dos das ten ter af av".split()
)


def alternation(*lists: Iterable[str]) -> str:
    """A regex alternation of the words (longest first, so "autorin" is tried before
    "autor"); a space in a word matches any run of whitespace."""
    words = sorted({w for words in lists for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


#: Stems of a path segment naming a taxonomy page of tags or topics ("/tag/<slug>/" in
#: WordPress, "/tags/", "/topics/", "/thema/", "/argomenti/", Blogger's "/search/label/",
#: Drupal's "/taxonomy/term/"): what a story's tag links point to. A segment is a stem and
#: letters after it ("tag" reads tag, tags, tagged).
TAG_PATHS = (
    "tag", "topic", "them", "label", "schlagw", "stichw", "keyword", "etiquet", "argoment",
    "sujet", "tema", "onderwerp", "term",
)
#: Class or id words of an element holding a story's tag links ("tags", "tag-links",
#: "entry-tags", "article-topics", "post-labels", "schlagworte"): whole words or prefixes
#: ("tagsList", "taglist"). Not "label" alone: it names how a field is shown, not what
#: it holds (Drupal gives every field "field--label-hidden|above|inline"; Bootstrap's
#: badge "label label-info" marks a section or "Video" as well as a tag). Without it the
#: trafilatura set's right tags go 69.6 -> 69.6% fit, 65.0 -> 67.5% held.
TAG_BOX = (
    "tag", "tags", "taglist", "topic", "topics", "keyword", "keywords", "labels",
    "schlagwort", "schlagworte", "stichworte", "themen", "etiquetas", "argomenti",
)
#: A page's generic name, which a site's home page puts before the site's own in its
#: `<title>` ("Home - Springfield Daily News", "Noticias - El Diario de Hoy") and which
#: og:site_name copied from there keeps: never a site's name (review R16).
PAGE_WORDS = (
    "home", "homepage", "home page", "front page", "index", "main page", "welcome", "start",
    "startseite", "willkommen", "accueil", "bienvenue", "inicio", "portada", "bienvenido",
    "início", "página inicial", "pagina iniziale", "benvenuto", "strona główna", "главная",
    "news", "blog", "nachrichten", "aktuelles", "actualités", "noticias", "notícias", "notizie",
    "nieuws", "wiadomości", "новости",
)
