"""Line-level boilerplate checks of the last pass over body blocks."""
from broadsheet.extract.clean import is_boilerplate_line


def test_contributor_credit_is_boilerplate_in_any_case() -> None:
    """The credit line is matched by its own pattern, tried only where the word is."""
    assert is_boilerplate_line("Jane Roe in Paris contributed to this report.")
    assert is_boilerplate_line("JANE ROE CONTRIBUTED TO THE STORY")
    # re.IGNORECASE matches a dotless ı for an i: the word test must not rule such a line out
    assert is_boilerplate_line("Jane Roe contrıbuted to this report.")
    assert not is_boilerplate_line("Jane Roe contributed a great deal to the city's parks for decades.")
    assert not is_boilerplate_line("The council met on Tuesday and voted for the plan.")
