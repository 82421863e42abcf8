"""Wrong authors on fresh pages (AEB, dragnet-train; issue 9, task s19-P): link labels,
author-box headings and date lines read as names, and running text's name-shaped parts."""
from __future__ import annotations

import pytest

from broadsheet.extract.meta.authors import split_byline


@pytest.mark.parametrize(
    "value, names",
    [
        # an author box's links (nypost.com, techcrunch.com, 2019 and 2012)
        ("View author archive email the author Get author RSS feed", []),
        ("View Staff Page Follow me on twitter", []),
        # Tuts+ and WordPress author boxes: the writer's links after the name
        ("David Masters | Website | Other Articles", ["David Masters"]),
        ("All Posts by Frank Viola | Website | Twitter | Facebook", ["Frank Viola"]),
        ("Jane Doe | Homepage", ["Jane Doe"]),
        # a WordPress or Typepad post's "Permalink" link in its byline's place
        ("Permalink", []),
        # an author box's heading (Genesis and other WordPress author boxes)
        ("About Michael Brenner", ["Michael Brenner"]),
        ("About the author Tom is an author, commentator and technology theorist.", []),
        # a date line in a byline's element (Vox Media's Chorus)
        ("Nov 13, 2019, 10:28am EST", []),
        ("March 2020", []),
    ],
)
def test_labels_and_dates_are_no_names(value: str, names: list[str]) -> None:
    assert split_byline(value, keep_teams=True) == names


@pytest.mark.parametrize("value", ["May Lee", "By June Smith", "Nov. 5 by Jane Doe", "Jane Doe, Other Desk"])
def test_names_stay(value: str) -> None:
    assert split_byline(value, keep_teams=True) != []


def test_running_text_gives_no_name() -> None:
    # Typepad's "entry-author-<name>" class on a whole post: the post's text as a byline,
    # a shop's name between its commas read as the author
    text = (
        "Gamer sounds off I am so mad right now I could just spit. Last night I went to my "
        "local sandwich shop, Subatomic Subs , over on App Store Avenue (there is a field)"
    )
    assert split_byline(text, keep_teams=True) == []


@pytest.mark.parametrize(
    "value, names",
    [
        ("IGN Staff", ["IGN Staff"]),
        ("By JERUSALEM POST STAFF", ["JERUSALEM POST STAFF"]),
        ("Our Foreign Staff", ["Our Foreign Staff"]),
        ("Science X staff", ["Science X staff"]),
        ("Staff", []),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Jane Doe, Times Staff", ["Jane Doe"]),
    ],
)
def test_a_staff_byline_stays_whole(value: str, names: list[str]) -> None:
    # "<Outlet> Staff" is the page's stated author, a team (as "HLNF Staff Report", the
    # trafilatura set's convention); cut at the role word it left the outlet as a person
    assert split_byline(value, keep_teams=True) == names
