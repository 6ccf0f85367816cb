"""One participant of a retrospective, as its own process: ``python _retro_participant.py
STORE NAME REVIEW_ID CARDS DOTS``.

Writes CARDS cards (as soon as the retrospective takes them), then waits for the vote
phase and spends DOTS dots, one at a time, on the revealed cards (round the board, from
a place of its own), as a person at a terminal does; prints ``done`` at the end. Today
and me are this participant's (``STRATUI_TODAY``, the NAME).
"""

from __future__ import annotations

import sys
import time

from stratui.clock import Clock
from stratui.usecases import retro_room
from tests._person import Person

WAIT = 120.0  # seconds: the facilitator moves on within this, or the test has failed


def main(path: str, name: str, review_id: str, cards: str, dots: str) -> None:
    ws = Person(path, Clock.from_env(), name)
    for number in range(int(cards)):
        retro_room.add_card(ws, review_id, f"{name} card {number}")
    deadline = time.monotonic() + WAIT
    while retro_room.room(ws, review_id).phase != "vote":
        if time.monotonic() > deadline:
            sys.exit(f"{name}: the vote phase never came")
        time.sleep(0.05)
    board = [card.id for card in retro_room.room(ws, review_id).view(name).cards]
    start = sum(map(ord, name)) % len(board)
    for number in range(int(dots)):
        retro_room.vote(ws, review_id, board[(start + number) % len(board)])
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
