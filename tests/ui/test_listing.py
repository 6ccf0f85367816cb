"""The dashboard's Listing panel: as many rows as fit, then how many more and where."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from stratui.ui.widgets.listing import Listing

HEADER = ["Age", "Title", "Owner"]


def rows(count: int, title: str = "Waiting on the data team for the search API") -> list:
    return [[Content(f"{n}d"), Content(title), Content("ana")] for n in range(count)]


class OneListing(App):
    CSS = "Listing { height: 6; width: 40; }"

    def compose(self) -> ComposeResult:
        yield Listing(HEADER, "press 3", squeeze=1, keep=10, id="listing")


def shown(app: App) -> list[str]:
    return str(app.query_one(Listing).render()).splitlines()


async def test_rows_that_fit_are_all_shown_under_the_header():
    app = OneListing()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one(Listing).show(rows(3, "Short"))
        await pilot.pause()
        assert [line.split() for line in shown(app)] == [
            ["Age", "Title", "Owner"],
            ["0d", "Short", "ana"],
            ["1d", "Short", "ana"],
            ["2d", "Short", "ana"],
        ]


async def test_too_many_rows_end_with_how_many_more_and_where():
    app = OneListing()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one(Listing).show(rows(9, "Short"))
        await pilot.pause()
        lines = shown(app)
        assert len(lines) == 6  # the widget's height
        assert [line.split()[0] for line in lines[1:5]] == ["0d", "1d", "2d", "3d"]
        assert lines[-1] == "+5 more: press 3"  # 9 rows, 4 shown


async def test_a_long_title_gives_way_to_the_last_column():
    app = OneListing()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one(Listing).show(rows(1))
        await pilot.pause()
        _header, row = shown(app)
        # 40 cells: "0d" and "ana" keep their width; the title is cut to what is left.
        assert row == "0d   Waiting on the data team for  ana"
        assert len(row) <= 40


async def test_a_squeezed_title_keeps_its_minimum_in_a_narrow_panel():
    app = OneListing()
    async with app.run_test(size=(60, 10)) as pilot:
        listing = app.query_one(Listing)
        listing.styles.width = 16
        listing.show(rows(1))
        await pilot.pause()
        _header, row = shown(app)
        assert row.startswith("0d   Waiting on")  # 10 cells of title, the rest cropped


async def test_no_rows_show_what_to_do_instead_of_an_empty_header():
    class Empty(App):
        def compose(self) -> ComposeResult:
            yield Listing(HEADER, "press 3", squeeze=1, id="listing", empty="No open roadblocks")

    app = Empty()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert shown(app) == ["No open roadblocks"]
        app.query_one(Listing).show(rows(1, "Short"))
        await pilot.pause()
        assert shown(app)[0].split() == HEADER


async def test_a_one_line_panel_says_only_how_many_rows_it_cannot_show():
    app = OneListing()
    async with app.run_test(size=(60, 10)) as pilot:
        listing = app.query_one(Listing)
        listing.styles.height = 1
        listing.show(rows(3, "Short"))
        await pilot.pause()
        assert shown(app) == ["+3 more: press 3"]
        listing.styles.height = 3
        await pilot.pause()
        header, row, more = shown(app)
        assert (header.split(), row.split(), more) == (
            HEADER,
            ["0d", "Short", "ana"],
            "+2 more: press 3",
        )
