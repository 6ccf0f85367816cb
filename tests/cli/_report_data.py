"""A small store for ``stratui report``, and its figures worked out by hand.

Today (``STRATUI_TODAY``) is Sunday 2026-11-22, ISO week 2026-W47. For ana, the default
window is 2026-W44..W47 (W47 has reviewed commitments), Monday 2026-10-26 to Sunday
2026-11-22. W46 has no commitment of ana: an empty week inside the window.

People: ana (in Platform by her own ``teams``), ben (Platform by its ``members``), cara
(Payments). The arithmetic of every figure is in :data:`ANA_REPORT`'s comments.
"""

from __future__ import annotations

from ._support import document

STAMP = "2026-11-01T09:00:00Z"


def _r(rid: str, **fields) -> dict:
    return {"id": rid, "created_at": STAMP, "updated_at": STAMP, **fields}


def _c(rid: str, week: str, status: str, owner: str = "ana", **fields) -> dict:
    title = fields.pop("title", f"Commitment {rid}")
    source = fields.pop("source", "manual")
    return _r(rid, title=title, owner=owner, week=week, status=status, source=source, **fields)


def _review(rid: str, ritual: str, period: str, completed: str, pulse: int, **fields) -> dict:
    return _r(
        rid,
        ritual=ritual,
        period=period,
        participants=[fields.get("owner") or "ana"],
        status="complete",
        pulse=pulse,
        started_at=f"{completed}T14:00:00Z",
        completed_at=f"{completed}T15:00:00Z",
        **fields,
    )


def _rb(rid: str, owner: str, raised: str, resolved: str | None = None, **fields) -> dict:
    extra = {"resolved_on": resolved} if resolved else {}
    title = fields.pop("title", f"Roadblock {rid}")
    return _r(
        rid, title=title, kind="other", severity="medium", owner=owner, raised_on=raised,
        **extra, **fields,
    )  # fmt: skip


G1, G2, G3, G4 = "g1-ana", "g2-ben", "g3-cara", "g4-ana-done"

GOALS = [
    # ana's quarter goal, 0 -> 10 from 2026-10-01 to 2026-12-31 (91 days)
    _r(G1, title="Ship *v2* [beta]", owner="ana", team="Platform", status="active",
       start="2026-10-01", end="2026-12-31", metric={"name": "n", "baseline": 0, "target": 10}),
    _r(G2, title="Mentor", owner="ben", status="active", start="2026-10-01", end="2026-12-31"),
    # cara's: a target below the baseline, 100 -> 50 from 2026-11-01 (60 days)
    _r(G3, title="Fewer errors", owner="cara", team="Payments", status="active",
       start="2026-11-01", end="2026-12-31", metric={"name": "e", "baseline": 100, "target": 50}),
    _r(G4, title="Old goal", owner="ana", status="achieved"),
]  # fmt: skip

CHECKINS = [
    _r("ci1", goal_id=G1, date="2026-11-15", value=4, confidence=3),
    _r("ci2", goal_id=G1, date="2026-11-23", value=9),  # after today: not used
    _r("ci3", goal_id=G3, date="2026-11-20", value=90),
]

RETRO0, RETRO1, RETRO2, RETRO_P = "retro-w43", "retro-w45", "retro-w47", "retro-pay"

COMMITMENTS = [
    # A chain of carry-overs starting in another shard (2026-Q3): k0 <- ka <- k1 <- k2 <- k3
    _c("k0", "2026-W38", "missed"),
    _c("ka", "2026-W39", "missed", carried_from="k0"),
    # W44: k1 c44a c44b (ben's c44c is out of scope)
    _c("k1", "2026-W44", "missed", carried_from="ka", confidence=3, goal_id=G1),
    _c("c44a", "2026-W44", "done", confidence=4, goal_id=G1, title="Fix *all* the [bugs]"),
    _c("c44b", "2026-W44", "done", confidence=5),
    _c("c44c", "2026-W44", "done", owner="ben"),
    # W45: k2 c45a c45b
    _c("k2", "2026-W45", "partial", carried_from="k1", confidence=2, goal_id=G1),
    _c("c45a", "2026-W45", "done", goal_id=G1),
    _c("c45b", "2026-W45", "dropped"),
    # W46: nothing of ana
    _c("c46b", "2026-W46", "missed", owner="ben"),
    # W47: k3 c47a c47b act1 c47c (ben's act2 out of scope)
    _c("k3", "2026-W47", "open", carried_from="k2", confidence=4, goal_id=G1),
    _c("c47a", "2026-W47", "done", confidence=5, goal_id=G2),
    _c("c47b", "2026-W47", "open"),
    _c("act1", "2026-W47", "done", source="retro", review_id=RETRO1, closed_on="2026-11-18"),
    _c("c47c", "2026-W47", "missed", confidence=1),
    _c("act2", "2026-W47", "missed", owner="ben", source="retro", review_id=RETRO1,
       closed_on="2026-11-20"),
    # W48 (after the window): carry-overs into it, and retro actions
    _c("q48", "2026-W48", "open", owner="cara", carried_from="c47c"),
    _c("act3", "2026-W48", "done", owner="ben", source="retro", review_id=RETRO2,
       closed_on="2026-11-21"),
    _c("act4", "2026-W48", "open", owner="cara", source="retro", review_id=RETRO_P),
    _c("act5", "2026-W48", "open", source="retro", review_id=RETRO2),
]  # fmt: skip

ROADBLOCKS = [
    _rb("rb1", "ana", "2025-01-10", title="Waiting on <legal> & co"),  # open, 2025-Q1 shard
    _rb("rb2", "ben", "2026-11-03", "2026-11-22", commitment_id="c44b"),  # ana's by link
    _rb("rb3", "ana", "2026-11-10", "2026-11-12"),
    _rb("rb4", "cara", "2026-10-20", goal_id=G1),  # open; ana's by its goal
    _rb("rb5", "cara", "2026-11-05", "2026-11-08"),  # not ana's
    _rb("rb6", "ana", "2026-10-01", "2026-10-20"),  # resolved before the window
    _rb("rb7", "ana", "2026-11-23"),  # raised after today
    _rb("rb8", "ana", "2026-06-01", "2026-11-05"),  # 2026-Q2 shard, resolved in the window
    _rb("rb9", "ana", "2026-11-14", "2026-11-20"),
]

REVIEWS = [
    _review("wk42", "weekly", "2026-W42", "2026-10-16", 5, owner="ana"),
    _review("wk45", "weekly", "2026-W45", "2026-11-06", 4, owner="ana"),
    _review("wk46", "weekly", "2026-W46", "2026-11-13", 2, owner="ana"),
    _review("wk47", "weekly", "2026-W47", "2026-11-20", 3, owner="ana"),
    _review("wk47b", "weekly", "2026-W47", "2026-11-20", 1, owner="ben"),
    _review(RETRO0, "retro", "2026-W43", "2026-10-23", 3, team="Platform"),
    _review(RETRO1, "retro", "2026-W45", "2026-11-06", 5, team="Platform"),
    _review(RETRO2, "retro", "2026-W47", "2026-11-20", 4, team="Platform"),
    _review(RETRO_P, "retro", "2026-W46", "2026-11-13", 2, team="Payments"),
]

ADJUSTMENTS = [
    _r("adj1", kind="reprioritize", description="Move *docs* ahead of [features](x)",
       rationale="It unblocks # two", goal_id=G1, decided_on="2026-11-12"),
    _r("adj2", kind="rescope", description="Cara's change", commitment_id="act4",
       decided_on="2026-11-13"),
]  # fmt: skip


def report_document() -> dict:
    """The store's content as an interchange document, for ``stratui import``."""
    return document(
        people=[
            _r("p-ana", name="ana", teams=["Platform"]),
            _r("p-ben", name="ben", teams=[]),
            _r("p-cara", name="cara", teams=["Payments"]),
        ],
        teams=[
            _r("t-pl", name="Platform", members=["ben"]),
            _r("t-pay", name="Payments", members=["cara"]),
        ],
        goals=GOALS,
        goal_checkins=CHECKINS,
        commitments=COMMITMENTS,
        roadblocks=ROADBLOCKS,
        adjustments=ADJUSTMENTS,
        reviews=REVIEWS,
        retro_items=[],
    )


ANA_REPORT = {
    "as_of": "2026-11-22",
    # Default end: the latest week up to W47 with a reviewed commitment of ana: W47.
    "window": {"start": "2026-W44", "end": "2026-W47", "weeks": 4},
    "scope": {"owner": "ana"},
    "weeks": [
        # k1 missed, c44a done, c44b done: 2/3; k1 is carried by k2 (W45): 1/3
        {"week": "2026-W44", "planned": 3, "reviewed": 3, "done": 2,
         "say_do": 0.6667, "carry_over_rate": 0.3333},
        # k2 partial, c45a done, c45b dropped: 1/3; k2 is carried by k3, but in W47: 0/3
        {"week": "2026-W45", "planned": 3, "reviewed": 3, "done": 1,
         "say_do": 0.3333, "carry_over_rate": 0.0},
        # nothing: counts 0, ratios null
        {"week": "2026-W46", "planned": 0, "reviewed": 0, "done": 0,
         "say_do": None, "carry_over_rate": None},
        # k3 and c47b open; c47a act1 done, c47c missed: 2/3; c47c carried by cara's q48: 1/3
        {"week": "2026-W47", "planned": 5, "reviewed": 3, "done": 2,
         "say_do": 0.6667, "carry_over_rate": 0.3333},
    ],
    # (2 + 1 + 0 + 2) / (3 + 3 + 0 + 3) = 5/9
    "say_do": 0.5556,
    # with a goal: k1 c44a k2 c45a k3 (G1), c47a (G2): 6 of 11
    "alignment": 0.5455,
    # G1 5/11, G2 1/11, unlinked (c44b c45b c47b act1 c47c) 5/11, unlinked last
    "effort_by_goal": {G1: 0.4545, G2: 0.0909, "unlinked": 0.4545},
    # reviewed with a confidence (k3 is open): k1 3 missed (0.5-0)^2 = 0.25,
    # c44a 4 done (0.7-1)^2 = 0.09, c44b 5 done 0.01, k2 2 partial (0.3)^2 = 0.09,
    # c47a 5 done 0.01, c47c 1 missed (0.1)^2 = 0.01: 0.46 / 6 = 0.07667
    "calibration": 0.0767,
    # slip counts: k1 2 (ka, k0 in 2026-Q3), k2 3, k3 4; none done
    "chronic_slips": ["k1", "k2", "k3"],
    "roadblocks": {
        # open on 11-22: rb1 (ana), rb4 (cara's, on ana's goal G1); rb2 resolved that day
        "open": 2,
        # resolved 10-26..11-22 in scope: rb3 2 days, rb9 6, rb2 19, rb8 157 -> (6+19)/2
        "time_to_resolve_days": 12.5,
    },
    # retros held in the window: retro-w45, retro-w47 (Platform), retro-pay (Payments).
    # ana's actions: act1 (w45's, done 11-18 <= w47's 11-20: in time),
    # act5 (w47's, open by today): 1/2
    "follow_through": 0.5,
    # weekly reviews completed in W47, W46, W45; none in W44
    "review_streak": 3,
    # ana's reviews completed 10-26..11-22: 4, 2, 3 (retros have no owner)
    "pulse": 3.0,
    "goals": [
        # G1: value 4 on 11-15: 4/10 = 0.4; elapsed 52/91; pace 0.4 * 91/52 = 0.7 < 0.85
        {"id": G1, "progress": 0.4, "pace": 0.7, "health": "at risk"},
    ],
}  # fmt: skip
