"""The figures of docs/METRICS.md, as small pure functions over plain records.

Every figure a trend view or ``stratui report`` shows is computed here, from records in
the shape of EXPORT-FORMAT.md (plain ``dict``s) and a "today" / "as of" date passed in,
so a test can check each one against a small table worked out by hand. A figure with
nothing to stand on is ``None`` ("no data"), never 0; counts are 0 when there is
nothing to count. Nothing here rounds: rounding is for what is shown (the report).

The modules follow docs/METRICS.md's themes:

- :mod:`.execution`: say/do, planned load, throughput, slips, carry-over, alignment,
  effort by goal, calibration (commitments);
- :mod:`.roadblocks`: open on a date, age, time to resolve;
- :mod:`.rituals`: retrospective follow-through, review streak, pulse;
- :mod:`.goals`: progress, pace, health, confidence trend, latest check-ins;
- :mod:`.scope`: who and what a figure covers (a person, a team, everyone);
- :mod:`.basics`: the arithmetic they share (ratios, means, medians, dates).

Pure package: no Textual, no TinyDB, no store.
"""
