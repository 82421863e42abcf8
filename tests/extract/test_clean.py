"""Line-level boilerplate checks of the last pass over body blocks."""
import pytest

from broadsheet.extract.clean import clean_blocks, is_boilerplate_line, is_byline
from broadsheet.model import Block


def test_contributor_credit_is_boilerplate_in_any_case() -> None:
    """The credit line is matched by its own pattern, tried only where the word is."""
    assert is_boilerplate_line("Jane Roe in Paris contributed to this report.")
    assert is_boilerplate_line("JANE ROE CONTRIBUTED TO THE STORY")
    # re.IGNORECASE matches a dotless ı for an i: the word test must not rule such a line out
    assert is_boilerplate_line("Jane Roe contrıbuted to this report.")
    assert not is_boilerplate_line("Jane Roe contributed a great deal to the city's parks for decades.")
    assert not is_boilerplate_line("The council met on Tuesday and voted for the plan.")


@pytest.mark.parametrize(
    "line",
    [
        "By the way, I’m lovin’ Zeitgeist Minds. Lots of great thinking going on.",
        "By turning your idea into reality, you could win:",
        "By the time we realised what was happening, it was already too late.",
        "Par ailleurs, le gouvernement a annoncé une réforme.",
        "Por lo mismo, Aravena perdió la paciencia.",
        "Von der Planung bis hin zu den Details",
        "Door de regen werd de wedstrijd afgelast.",
        "Di solito il treno arriva in orario.",
    ],
)
def test_a_sentence_opening_with_by_is_no_byline(line: str) -> None:
    # The word for "by" opens many a sentence; a byline names someone, capitalised.
    assert not is_byline(line)
    blocks = [Block(kind="paragraph", text=line), Block(kind="paragraph", text="The story goes on.")]
    assert [b.text for b in clean_blocks(blocks)] == [line, "The story goes on."]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe", "BY JANE DOE", "By Jane Doe and John Roe, Reuters", "by Daniel Scocco",
        "Von Anna Schmidt", "Par Jean Dupont, à Paris", "Por María López", "By @janedoe",
        "Posted by kathy on April 6, 2007", "Written by Marie LeBaron", "Text: Jane Doe",
    ],
)
def test_bylines_are_still_read_as_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ready to make online business building easier?", "Ready? Set? Business focus!", "Ready?",
        "Reading to Battle Hurricane Blues", "Readers may submit questions by e-mail to the desk.",
        "Seeing is believing.", "Watchdog groups said the rule was too weak.", "watchOS",
        "Listening sessions begin on Monday.", "Relatedly, the council voted on the budget.",
    ],
)
def test_words_that_open_with_read_see_watch_or_related_are_no_pointer(line: str) -> None:
    # "Read more", "See also", "Watch:", "Related stories" point elsewhere; "Ready",
    # "Reading", "Watchdog" and "Relatedly" are words of the story.
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["Read more: The council's budget", "See also: Budget vote", "Watch: the vote", "Related articles",
     "Read the full story", "Listen: our podcast", "RELATED: Council votes"],
)
def test_pointers_elsewhere_are_still_boilerplate(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "See you there!", "See you next week!", "See, pretty fully integrated and awesome.",
        "Watch Your Step!", "WATCH OUT FOR DRAGONS!", "Watch the video below:",
        "Read the report for accuracy", "Read his full remarks here.", "Listen Up, Dummy! Polishing Your People Skills",
        "See the following example:",
    ],
)
def test_a_sentence_opening_with_the_bare_verb_is_no_pointer(line: str) -> None:
    # "Read", "See", "Watch", "Listen" point elsewhere only with "more", "also", "next",
    # "the full story", or before a separator; else they open the story's own sentence.
    assert not is_boilerplate_line(line)
    blocks = [Block(kind="paragraph", text=line), Block(kind="paragraph", text="The story goes on.")]
    assert [b.text for b in clean_blocks(blocks)] == [line, "The story goes on."]


@pytest.mark.parametrize(
    "line",
    ["Read", "WATCH", "Listen:", "Watch: Obama speaks", "READ | The budget", "See » more photos",
     "Watch — the full interview", "Read more here: http://example.com", "See more of her work at example.com",
     "Read next", "Read the full story", "Read more at YCharts: Rackspace Hosting"],
)
def test_the_verb_alone_or_before_a_separator_is_still_a_pointer(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["by jane doe", "by admin", "By staff", "von dpa", "Von unserem Korrespondenten Hans Müller",
     "Door onze verslaggever", "par notre envoyé spécial", "Por la redacción", "By the Associated Press",
     "by jane doe | March 3, 2012"],
)
def test_a_byline_in_lower_case_is_still_a_byline(line: str) -> None:
    # Blogs and agencies write names and desks in lower case; a sentence ends as one or runs on.
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["Listen to this article", "Listen now", "Watch video", "WATCH VIDEO: Obama speaks", "See all 12 photos",
     "Read the full article", "Read the rest of this entry »", "Read 12 comments", "READ >> The budget",
     "Watch ▶ Obama speaks", "Readmore"],
)
def test_a_player_gallery_or_teaser_call_is_still_a_pointer(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", ["10 Folgen, 2016", "Season 3, 2019", "Chapter 12, 2020", "Episode 5, 2021"])
def test_a_count_and_a_year_is_no_dateline(line: str) -> None:
    # A dateline's month is a month's name ("10 Folgen, 2016": ten episodes, in 2016).
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["October 19, 2012", "Friday, October 19, 2012 at 9:15AM", "19. Oktober 2012", "3 mars 2019",
     "Sept. 4, 2020", "4 czerwca 2019", "Updated: Jan 5, 2021", "12/03/2020", "Dec 28 Sat 2013 00:28"],
)
def test_datelines_are_still_datelines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["by jane doe on march 3, 2012 at 5:00 p.m.", "by admin on March 3, 2012.", "von jane doe am 3. März 2012",
     "by jane doe on march 3 2012 at 5:00 pm", "von dpa/afp.", "By the Associated Press.",
     "3 Mrz 2012", "12 mrt. 2019", "4 déc. 2019", "3. Jän. 2012", "October 19th, 2012", "19th October 2012"],
)
def test_a_byline_with_its_date_or_a_dateline_in_short_is_metadata(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["By the end of 2020, the company had grown.", "By then, it was over.", "By the time the polls closed, the count was over."],
)
def test_a_sentence_with_a_year_in_it_stays(line: str) -> None:
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["By then it was over on March 3, 2012.", "by then it was over, on March 3, 2012.",
     "By then the deal was done on March 3, 2012.", "by the end of the day on March 3, 2012.",
     "par ailleurs il est parti le 4 déc 2019.", "By then it had ended, March 3, 2012."],
)
def test_a_sentence_ending_in_a_date_stays(line: str) -> None:
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["By staff and wire reports on March 3, 2012 at 9:40 p.m.", "By the Associated Press and Reuters, March 3, 2012 at 9:40 a.m.",
     "by jane doe and john roe on March 3, 2012 at 10:15 A.M."],
)
def test_a_byline_whose_date_ends_in_a_time_is_metadata(line: str) -> None:
    """The stop of "p.m." is the time's: no sentence ends there."""
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["By 2030, the city plans to plant a million trees.", "By March 3, 2012, the deal was done.",
     "By Monday the river had burst its banks."],
)
def test_a_sentence_opening_with_by_and_a_number_or_date_stays(line: str) -> None:
    # A number, a month or a weekday after "By" may open a sentence (review RV5).
    assert not is_byline(line)


@pytest.mark.parametrize("line", ["By May Smith", "By April Ryan, CNN", "By Monday, March 3, 2012"])
def test_a_name_or_date_after_by_is_still_a_byline(line: str) -> None:
    assert is_byline(line)


def test_a_greek_month_counts_as_a_date_word() -> None:
    # the month list holds Greek genitives, compared case-folded: "μαΐου" folds to another
    # spelling of its "ΐ", and the date opening with it was never cut (review RV5)
    assert is_byline("by jane doe on Μαΐου 3, 2012.")


@pytest.mark.parametrize(
    "line",
    ["By Marco Rossi and Giulia Bianchi.", "By Julio Ricardo Varela and Maria Hinojosa", "By Jan van der Berg and Piet de Vries",
     "Door Jan de Vries en Piet Jansen", "By May Smith and John Roe on March 3, 2012.", "By Mei Fong and Wang Wei and Li Na"],
)
def test_a_name_that_is_a_month_or_weekday_opens_a_byline(line: str) -> None:
    """"Marco", "Julio", "Jan", "May", "Mei" are months' words and names: a capitalised name after one is a byline."""
    assert is_byline(line)
