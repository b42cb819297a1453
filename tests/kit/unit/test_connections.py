import pytest
from grassroots_kit.errors import BadUserInput
from grassroots_kit.graphql.connections import (
    MAX_PAGE,
    Page,
    decode_cursor,
    encode_cursor,
    page_size,
    to_connection,
)


def test_a_cursor_decodes_to_the_key_it_was_made_from():
    assert decode_cursor(encode_cursor(["Taohuajing", "abc"])) == ["Taohuajing", "abc"]


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", encode_cursor([])[:0] + "e30"])
def test_a_foreign_cursor_is_bad_input(cursor: str):
    with pytest.raises(BadUserInput, match="cursor"):
        decode_cursor(cursor)


@pytest.mark.parametrize("first", [-1, MAX_PAGE + 1])
def test_page_size_outside_the_limits_is_bad_input(first: int):
    with pytest.raises(BadUserInput) as raised:
        page_size(first)
    assert raised.value.extensions == {"code": "BAD_USER_INPUT", "field": "first"}


def test_page_size_defaults_when_not_given():
    assert page_size(None) == 20


def test_a_connection_exposes_the_cursors_of_its_ends():
    page = Page(items=["a", "b"], has_next=True, has_previous=False, total_count=5)

    connection = to_connection(page, key=lambda s: [s], node=str.upper)

    assert [e.node for e in connection.edges] == ["A", "B"]
    assert connection.page_info.end_cursor == encode_cursor(["b"])
    assert connection.page_info.has_next_page
    assert connection.total_count == 5


def test_an_empty_page_has_no_cursors():
    connection = to_connection(
        Page(items=[], has_next=False, has_previous=False, total_count=0), lambda s: [s], str
    )
    assert connection.page_info.start_cursor is None
    assert connection.page_info.end_cursor is None
