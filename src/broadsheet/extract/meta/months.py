"""Month names in the languages news is written in, for reading dates in visible text.

Full names, genitive forms (Slavic and Baltic languages write "4 czerwca") and common
abbreviations; a name shared by two languages (mai, mars) means the same month in both.
"""
from __future__ import annotations

_MONTH_NAMES: dict[int, str] = {
    1: "january jan janv janvier januar jänner jän jaenner enero ene gennaio gen janeiro januari "
    "stycznia styczeń styczen ledna leden января январь січня ocak tammikuuta tammikuu "
    "január ianuarie ιανουαρίου",
    2: "february feb febr février fevrier févr fevr februar febrero febbraio fevereiro fev "
    "februari lutego luty února únor unora февраля февраль лютого şubat subat "
    "helmikuuta helmikuu február februarie φεβρουαρίου",
    3: "march mar mars märz mär mrz mrt maerz marz marzo março marco maart maret marts marca marzec "
    "března březen brezna марта март березня maaliskuuta maaliskuu március martie "
    "μαρτίου",
    4: "april apr avril avr abril abr aprile apr aprilie kwietnia kwiecień dubna duben "
    "апреля апрель квітня nisan huhtikuuta huhtikuu április απριλίου",
    5: "may mai maj mayo maggio mag maio mei maja maj května květen kvetna мая май травня "
    "mayıs mayis toukokuuta toukokuu május μαΐου μαίου",
    6: "june jun juin juni junio giugno giu junho jun czerwca czerwiec června červen cervna "
    "июня июнь червня haziran kesäkuuta kesäkuu június iunie ιουνίου",
    7: "july jul juillet juil juli julio luglio lug julho lipca lipiec července červenec "
    "cervence июля июль липня temmuz heinäkuuta heinäkuu július iulie ιουλίου",
    8: "august aug août aout august agosto ago augustus agustus augusti sierpnia sierpień "
    "srpna srpen августа август серпня ağustos agustos elokuuta elokuu augusztus αυγούστου",
    9: "september sep sept septembre septiembre setiembre settembre set setembro "
    "septembri września wrzesień zari září сентября сентябрь вересня eylül eylul "
    "syyskuuta syyskuu szeptember septembrie σεπτεμβρίου",
    10: "october oct octobre oktober octubre ottobre ott outubro out okt oktober "
    "października październik října říjen rijna октября октябрь жовтня ekim lokakuuta "
    "lokakuu október octombrie οκτωβρίου",
    11: "november nov novembre noviembre novembro novembre listopada listopad listopadu "
    "ноября ноябрь листопада kasım kasim marraskuuta marraskuu noiembrie νοεμβρίου",
    12: "december dec déc décembre decembre dezember dez diciembre dic dicembre dezembro "
    "desember desember grudnia grudzień prosince prosinec декабря декабрь грудня "
    "aralık aralik joulukuuta joulukuu decembrie δεκεμβρίου",
}
#: Arabic month names of both calendars in use (Gregorian loans and the Syriac names of the
#: Levant). "كانون" and "تشرين" each name two months, told apart by a second word: they are
#: left out, and a page that writes both calendars ("نيسان / أبريل") is read by either.
_ARABIC: dict[int, str] = {
    1: "يناير",
    2: "فبراير شباط",
    3: "مارس آذار",
    4: "أبريل ابريل إبريل نيسان",
    5: "مايو أيار",
    6: "يونيو يونيه حزيران",
    7: "يوليو يوليه تموز",
    8: "أغسطس آب",
    9: "سبتمبر أيلول",
    10: "أكتوبر اكتوبر",
    11: "نوفمبر",
    12: "ديسمبر",
}
MONTHS: dict[str, int] = {}
for _table in (_MONTH_NAMES, _ARABIC):
    for _num, _names in _table.items():
        for _name in _names.split():
            MONTHS.setdefault(_name, _num)
