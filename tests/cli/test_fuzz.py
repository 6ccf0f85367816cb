"""The command line's argument space, fuzzed: hostile text never gets past the door.

Hypothesis builds invocations of ``log``, ``list``, ``done``, ``set``, ``block``,
``report``, ``quarter`` and ``goal add`` from hostile parts: control characters, bytes
that are not UTF-8 (as surrogate escapes) and lone surrogates, huge and odd numbers,
dates and weeks at and past the ends of the calendar, titles that start with ``-``. For
each: no traceback, an exit code of 0, 1 or 2, the store's files byte for byte the same
after every exit 2, and after each accepted change the store still exports, checks and
lists its goals.

Bounded and derandomized, so CI sees the same few hundred cases every run; the long run
is ``python -m benchmarks.fuzz`` (which shares these strategies).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from benchmarks.fuzz_cases import READERS, WRITES, invocations

from ._support import fingerprint, seed_document, write_json


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=invocations())
def test_hostile_arguments_are_refused_whole_or_accepted_soundly(cli, store, tmp_path, argv):
    if not store.exists():  # once per test: hypothesis reuses the fixtures
        seed = write_json(tmp_path / "seed.json", seed_document())
        assert cli("import", str(seed)).returncode == 0
    before = fingerprint(store)
    done = cli(*argv)  # the fixture refuses a traceback
    assert done.returncode in (0, 1, 2), (argv, done.returncode, done.stderr)
    if done.returncode == 2:
        assert fingerprint(store) == before, (argv, done.stderr)
    elif done.returncode == 0 and argv[0] in WRITES:
        for reader in READERS:
            after = cli(*reader)
            assert after.returncode == 0, (argv, reader, after.stderr)
