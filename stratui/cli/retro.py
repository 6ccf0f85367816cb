"""``stratui retro card|cards|vote``: take part in a team's retrospective from a shell.

For the async retrospective of large teams and the person who cannot attend: cards are
added ahead of time to the team's next retrospective (started, as a draft in the team's
usual format, when none is open), listed as I may see them, and voted on once the
facilitator opens the vote phase. Each writes only my own records
(:mod:`stratui.usecases.retro_room`), so they work on a shared store and through
``stratui sync`` alike. A refusal (a closed retrospective, the wrong phase, no dots
left, an unknown category or team) is one line naming what is accepted, exit 2, and
nothing written.
"""

from __future__ import annotations

import argparse
import json

from stratui.cli import argtypes
from stratui.cli.common import JSON_HELP, UsageError, open_workspace, options_named, print_json

_ARGUMENTS = {"team": "--team", "category": "--category", "text": "TEXT"}
"""What the use cases' fields are called here (``card`` is ``vote``'s CARD only)."""


def define_retro(retro: argparse.ArgumentParser) -> None:
    """The actions of ``stratui retro``."""
    actions = retro.add_subparsers(dest="action", metavar="ACTION", required=True)
    card = actions.add_parser(
        "card",
        help="add a card to the team's next retrospective",
        description="Add a card to the team's retrospective in progress, or to its next "
        "one (started now, in the team's usual format). Cards are taken until the "
        "gather phase ends; others see them once the facilitator reveals them.",
    )
    card.add_argument("text", type=argtypes.nonempty, metavar="TEXT")
    card.add_argument(
        "--category", metavar="C", help="a category of the format (default: its first)"
    )
    card.add_argument(
        "--anonymous", action="store_true", help="store the card with no author at all"
    )
    card.add_argument("--json", action="store_true", help=JSON_HELP)
    cards = actions.add_parser(
        "cards",
        help="list the cards I may see",
        description="The cards of the team's retrospective in progress that I may see: "
        "mine and the revealed ones; of the others, how many each person has written.",
    )
    cards.add_argument("--json", action="store_true", help="print JSON")
    vote = actions.add_parser(
        "vote",
        help="put one of my dots on a card (vote phase)",
        description="Put one of my dots on a card (its id, or a unique start of it, as "
        "stratui retro cards shows) or a group (group:LABEL), once the facilitator has "
        "opened the vote phase.",
    )
    vote.add_argument("card", type=argtypes.nonempty, metavar="CARD")
    vote.add_argument("--take-back", action="store_true", help="take one of my dots back")
    for parser in (card, cards, vote):
        parser.add_argument("--team", metavar="T", help="the team (default: my only team)")


def run_retro(args) -> int:
    from stratui.usecases import retro_room

    ws = open_workspace(args)
    named = {**_ARGUMENTS, "card": "CARD"} if args.action == "vote" else _ARGUMENTS
    with options_named(named):
        if args.action == "card":
            review, made = retro_room.add_card_ahead(
                ws, args.text, team=args.team, category=args.category, anonymous=args.anonymous
            )
            if args.json:
                print_json(made)
                return 0
            current = retro_room.room(ws, review["id"])
            who = "anonymous" if args.anonymous else str(made.get("author"))
            print(
                f"added card {made['id'][:8]} ({current.draft.category_title(made['category'])}"
                f", {who}) to the retrospective of {review['team']} for {review['period']} "
                f"({current.phase} phase)"
            )
            return 0
        review = retro_room.open_review(ws, args.team)
        if review is None:
            raise UsageError(
                "--team: the team has no retrospective in progress; stratui retro card adds "
                "a card to its next one"
            )
        if args.action == "vote":
            left = retro_room.vote(ws, review["id"], args.card, take_back=args.take_back)
            verb = "took a dot back from" if args.take_back else "put a dot on"
            print(f"{verb} {args.card}; {left} dot(s) left")
            return 0
        _print_cards(retro_room.room(ws, review["id"]), retro_room.my_name(ws), args.json)
    return 0


def _print_cards(room, me: str, as_json: bool) -> None:
    from stratui.rituals.retro.room import phase_index

    draft, view = room.draft, room.view(me)
    # Everyone's running totals are not shown while people vote: they would sway the
    # vote (each person sees their own dots on their screen).
    totals = draft.card_votes() if phase_index(room.phase) > phase_index("vote") else {}
    if as_json:
        document = {
            "review_id": room.review["id"],
            "team": room.review.get("team"),
            "period": room.review.get("period"),
            "phase": room.phase,
            "facilitator": room.review.get("facilitator"),
            "format": draft.format,
            "cards": [
                {
                    "id": card.id,
                    "category": card.category,
                    "text": card.text,
                    "author": card.author,
                    "revealed": card.revealed,
                    "group": card.group,
                    "votes": totals.get(card.id) if totals else None,
                }
                for card in view.cards
            ],
            "hidden": view.hidden,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    print(
        f"{room.review.get('team')} · {room.review.get('period')} · {draft.format_title} · "
        f"{room.phase} phase · led by {room.review.get('facilitator') or 'no one yet'}"
    )
    if not view.cards and not view.hidden:
        print("no cards yet: stratui retro card TEXT adds one")
    for card in view.cards:
        state = "" if card.revealed else "  (hidden from others)"
        print(
            f"  {card.id[:8]}  {draft.category_title(card.category):<12} "
            f"{card.author or 'anonymous':<12} {card.text}{state}"
        )
    if view.hidden:
        counts = ", ".join(f"{who} {n}" for who, n in sorted(view.hidden.items()))
        print(f"hidden until revealed: {counts}")
