"""The record schema: what validate_record lets through and what it stops, and how it says so.

Every door (store, importer, CLI, CSV) validates through validate_record, so a rule that
is wrong here is wrong everywhere.
"""

import pytest

from stratui.domain.schema import (
    COLLECTIONS,
    MAX_NESTING,
    SCHEMA,
    ValidationError,
    check_storable,
    check_supported_years,
    references,
    validate_record,
)

STAMP = "2026-11-22T09:30:00Z"
IDS = {"created_at": STAMP, "updated_at": STAMP}

MINIMAL: dict[str, dict] = {
    "people": {"name": "Ada"},
    "teams": {"name": "Platform"},
    "goals": {"title": "Ship v1", "status": "active"},
    "goal_checkins": {"goal_id": "g1", "date": "2026-11-20"},
    "commitments": {
        "title": "Write the importer",
        "owner": "ada",
        "week": "2026-W47",
        "status": "open",
        "source": "manual",
    },
    "roadblocks": {
        "title": "Waiting on API keys",
        "kind": "dependency",
        "severity": "high",
        "raised_on": "2026-11-20",
    },
    "adjustments": {
        "kind": "rescope",
        "description": "Drop CSV import from v1",
        "decided_on": "2026-11-20",
    },
    "reviews": {
        "ritual": "weekly",
        "period": "2026-W47",
        "participants": ["ada"],
        "status": "draft",
        "started_at": STAMP,
    },
    "retro_items": {"review_id": "r1", "category": "start", "text": "Pair more", "votes": 0},
    "retro_ballots": {"review_id": "r1", "person": "ada", "dots": {}},
}


def record(collection: str, **changes) -> dict:
    """A minimal valid record of ``collection`` with ``changes`` applied."""
    return {"id": f"{collection}-1", **IDS, **MINIMAL[collection], **changes}


def rejects(collection: str, field: str, **changes) -> ValidationError:
    """Assert the record with ``changes`` is rejected on ``field``; return the error."""
    with pytest.raises(ValidationError) as info:
        validate_record(collection, record(collection, **changes))
    assert info.value.field == field
    assert f"{field}:" in str(info.value)
    return info.value


def test_minimal_records_cover_every_collection():
    """Guard: the fixtures below cover all ten collections of the format."""
    assert set(MINIMAL) == set(COLLECTIONS) == set(SCHEMA)
    assert len(COLLECTIONS) == 10


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_minimal_valid_record_is_accepted(collection):
    """Only the required fields, all valid: accepted."""
    validate_record(collection, record(collection))


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_each_required_field_is_required(collection):
    """Dropping any required field (or setting it to None) is rejected, naming it."""
    required = [name for name, spec in SCHEMA[collection].items() if spec.required]
    required += ["id", "created_at", "updated_at"]
    for name in required:
        bad = record(collection)
        bad.pop(name, None)
        with pytest.raises(ValidationError, match="is required") as info:
            validate_record(collection, bad)
        assert info.value.field == name
        with pytest.raises(ValidationError):
            validate_record(collection, record(collection, **{name: None}))


def test_full_commitment_with_optional_fields_is_accepted():
    """Optional fields with good values pass; None means absent."""
    validate_record(
        "commitments",
        record(
            "commitments",
            goal_id="g1",
            due="2026-11-27",
            confidence=3,
            progress=42.5,
            carried_from="c0",
            review_id="r1",
            notes="",
            closed_on=None,
            status="partial",
            source="retro",
        ),
    )


def test_the_error_names_record_and_field_and_what_is_accepted():
    """One line: which record, which field, what is accepted, what was given."""
    error = rejects("commitments", "status", status="finished")
    message = str(error)
    assert message.startswith("commitments commitments-1: status: expected one of open, done")
    assert "'finished'" in message


@pytest.mark.parametrize(
    ("collection", "field", "value"),
    [
        ("commitments", "status", "finished"),
        ("commitments", "source", "email"),
        ("goals", "status", "paused"),
        ("roadblocks", "kind", "people"),
        ("roadblocks", "severity", "urgent"),
        ("adjustments", "kind", "panic"),
        ("reviews", "ritual", "daily"),
        ("reviews", "status", "done"),
        ("reviews", "format", "Kanban"),
        ("commitments", "status", "Open"),
    ],
)
def test_bad_enum_values_are_rejected(collection, field, value):
    """Enums accept their listed values only, case included."""
    error = rejects(collection, field, **{field: value})
    assert "expected one of" in str(error)


@pytest.mark.parametrize("fmt", ["start-stop-continue", "4ls", "kudos", "sailboat-2"])
def test_a_retro_format_is_a_built_in_or_a_templates_name(fmt):
    """A team's template names its own format (a slug); its reviews keep that name."""
    validate_record("reviews", record("reviews", ritual="retro", format=fmt))


@pytest.mark.parametrize("fmt", ["Kudos", "kudos board", "-kudos", "kudos--x", "", "k" * 41, 3])
def test_a_retro_format_that_is_no_name_is_refused_naming_what_is(fmt):
    error = rejects("reviews", "format", ritual="retro", format=fmt)
    assert "start-stop-continue" in str(error) and "lowercase letters, digits" in str(error)


@pytest.mark.parametrize("value", [0, 6, True, False, 3.5, "3", -1])
def test_confidence_must_be_a_whole_number_1_to_5(value):
    """0, 6, booleans, fractions and strings are not a confidence."""
    error = rejects("commitments", "confidence", confidence=value)
    assert "from 1 to 5" in str(error)


@pytest.mark.parametrize("value", [1, 5])
def test_confidence_bounds_are_inclusive(value):
    """1 and 5 are valid, in commitments, check-ins and review pulse alike."""
    validate_record("commitments", record("commitments", confidence=value))
    validate_record("goal_checkins", record("goal_checkins", confidence=value))
    validate_record("reviews", record("reviews", pulse=value))


@pytest.mark.parametrize("value", [101, -1, 100.5, True, "50", float("nan")])
def test_progress_is_0_to_100(value):
    """Progress outside 0-100, or not a number, is rejected."""
    rejects("commitments", "progress", progress=value)


@pytest.mark.parametrize("value", [0, 100, 37.5])
def test_progress_accepts_the_range(value):
    """0, 100 and fractions in between are valid progress."""
    validate_record("commitments", record("commitments", progress=value))


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "2026-11-2", "22/11/2026", "2026-11-22T00:00:00Z", "2026-11-22\n", 20261122],
)
def test_malformed_dates_are_rejected(value):
    """Dates are exactly YYYY-MM-DD and must exist."""
    error = rejects("roadblocks", "raised_on", raised_on=value)
    assert "YYYY-MM-DD" in str(error)


@pytest.mark.parametrize("value", ["2025-W53", "2026-W7", "2026W07", " 2026-W47", "2026-W47\n"])
def test_bad_weeks_are_rejected(value):
    """A stored week is exactly an existing YYYY-Www: no 2025-W53, no stray spaces."""
    error = rejects("commitments", "week", week=value)
    assert "2025-W53 does not" in str(error)


def test_53rd_week_is_accepted_where_it_exists():
    """2026-W53 exists, so a commitment may live in it."""
    validate_record("commitments", record("commitments", week="2026-W53"))


@pytest.mark.parametrize("period", ["2026-W47", "2026-Q4"])
def test_review_period_is_a_week_or_a_quarter(period):
    """Weekly reviews have a week; quarterly reviews have a quarter."""
    validate_record("reviews", record("reviews", period=period))


@pytest.mark.parametrize("period", ["2026-Q5", "2025-W53", "2026-Q4\n", "Q4"])
def test_bad_review_periods_are_rejected(period):
    """Quarters run 1-4 and weeks must exist."""
    rejects("reviews", "period", period=period)


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-22 09:30:00Z",
        "2026-11-22T09:30:00",
        "2026-11-22T09:30:00+00:00",
        "2026-02-30T09:30:00Z",
        "2026-11-22T09:30:00Z\n",
        "yesterday",
        1700000000,
    ],
)
def test_bad_timestamps_are_rejected(value):
    """Timestamps are UTC, ``T``-separated, ``Z``-terminated, on a real day."""
    error = rejects("people", "updated_at", updated_at=value)
    assert "UTC timestamp" in str(error)


def test_timestamps_with_fractions_are_accepted():
    """Up to microseconds are allowed, as other tools write them."""
    validate_record("people", record("people", updated_at="2026-11-22T09:30:00.123456Z"))


def test_tombstone_needs_only_the_identity_fields():
    """A deleted record is checked for id and stamps only, whatever its collection."""
    for collection in COLLECTIONS:
        validate_record(collection, {"id": "x1", **IDS, "deleted": True})
    with pytest.raises(ValidationError) as info:
        validate_record("commitments", {"id": "x1", "deleted": True})
    assert info.value.field == "created_at"


def test_deleted_must_be_a_boolean():
    """``deleted: "yes"`` is not a tombstone marker; it is an error."""
    error = rejects("people", "deleted", deleted="yes")
    assert "true or false" in str(error)


def test_deleted_false_is_a_live_record_and_fully_checked():
    """``deleted: false`` does not excuse the record from its schema."""
    bad = record("commitments", deleted=False)
    del bad["title"]
    with pytest.raises(ValidationError) as info:
        validate_record("commitments", bad)
    assert info.value.field == "title"


def test_extra_unknown_fields_are_accepted():
    """Fields from a newer version or another tool pass through untouched."""
    extra = record("commitments", colour="blue", x_tool={"rank": 3})
    validate_record("commitments", extra)
    assert extra["colour"] == "blue"


@pytest.mark.parametrize(
    ("collection", "field", "value"),
    [
        ("commitments", "title", "   "),
        ("people", "name", ""),
        ("people", "teams", ["ok", ""]),
        ("people", "teams", "platform"),
        ("retro_items", "votes", -1),
        ("retro_items", "votes", True),
        ("goals", "metric", {"name": "NPS", "baseline": 10}),
        ("goals", "metric", {"name": "NPS", "baseline": 10, "target": 30, "unit": 5}),
        ("goals", "priority", 0),
        ("reviews", "health", {"speed": 6}),
        ("goal_checkins", "value", "12"),
    ],
)
def test_other_field_rules(collection, field, value):
    """Text is non-blank, lists hold names, votes are >= 0, metrics are complete."""
    rejects(collection, field, **{field: value})


def test_valid_metric_and_health():
    """A full metric and a health check in range are accepted."""
    validate_record(
        "goals",
        record("goals", metric={"name": "NPS", "unit": "pts", "baseline": 10, "target": 30.5}),
    )
    validate_record("reviews", record("reviews", health={"speed": 1, "fun": 5}))


def test_unknown_collection_is_rejected():
    """A typo in the collection name is an error listing the collections."""
    with pytest.raises(ValidationError, match="expected one of people, teams"):
        validate_record("commitment", record("commitments"))


def test_non_mapping_record_is_rejected():
    """A list or string where a record belongs is an error, not a crash."""
    with pytest.raises(ValidationError, match="expected an object"):
        validate_record("people", ["not", "a", "record"])  # type: ignore[arg-type]


def test_references_name_the_target_collections():
    """The id fields of a commitment point where the format says."""
    assert references("commitments") == {
        "goal_id": "goals",
        "carried_from": "commitments",
        "review_id": "reviews",
    }
    assert references("people") == {}


@pytest.mark.parametrize(
    "dots", [{"c1": 0}, {"c1": -1}, {"c1": True}, {"": 1}, ["c1"], {"c1": 1.5}]
)
def test_a_ballots_dots_are_whole_numbers_of_at_least_one_per_target(dots):
    rejects("retro_ballots", "dots", dots=dots)


def test_a_ballot_holds_dots_on_cards_and_groups_and_ratings():
    validate_record(
        "retro_ballots",
        record("retro_ballots", dots={"c1": 2, "group:CI": 1}, ratings={"pace": 4}),
    )


# -- the supported years: what comes in, typed or imported ----------------------------------


def _commitment(**fields) -> dict:
    return {"id": "c1", **IDS, **MINIMAL["commitments"], **fields}


@pytest.mark.parametrize(
    ("fields", "field", "taken"),
    [
        ({"week": "9999-W52"}, "week", "weeks from 1900-W01 to 2999-W52"),
        ({"week": "1899-W52"}, "week", "weeks from 1900-W01 to 2999-W52"),
        ({"due": "0001-01-01"}, "due", "dates from 1900-01-01 to 2999-12-31"),
        ({"closed_on": "3000-01-01"}, "closed_on", "dates from 1900-01-01 to 2999-12-31"),
        ({"created_at": "9999-12-31T00:00:00Z"}, "created_at", "times from 1900-01-01"),
    ],
)
def test_far_values_are_valid_records_but_not_taken(fields, field, taken):
    """validate_record accepts the whole calendar (a store may hold such records);
    check_supported_years refuses them, naming the record and field."""
    record = _commitment(**fields)
    validate_record("commitments", record)
    with pytest.raises(ValidationError) as info:
        check_supported_years("commitments", record)
    assert info.value.field == field
    assert str(info.value).startswith(f"commitments c1: {field}: stratui takes {taken}")


@pytest.mark.parametrize(
    ("period", "taken"), [("9999-Q4", "quarters from 1900-Q1"), ("0001-W01", "weeks from 1900")]
)
def test_a_far_review_period_names_what_is_taken(period, taken):
    review = {"id": "r1", **IDS, **MINIMAL["reviews"], "period": period}
    with pytest.raises(ValidationError, match=taken):
        check_supported_years("reviews", review)


def test_the_ends_of_the_supported_years_are_taken():
    check_supported_years(
        "commitments",
        _commitment(week="2999-W52", due="2999-12-31", closed_on="1900-01-01"),
    )
    check_supported_years("commitments", _commitment(week="1900-W01"))


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "z\ud800"}, "title", "'\\ud800' (a lone surrogate) at character 2"),
        ({"notes": "ok \udcff"}, "notes", "not valid Unicode"),
        ({"extra": {"k": ["\udfff"]}}, "extra", "not valid Unicode"),
        ({"x\ud800": 1}, "'x\\ud800'", "not valid Unicode"),
        ({"extra": _nested(MAX_NESTING + 1)}, "extra", f"more than {MAX_NESTING} deep"),
        ({"extra": _nested(900)}, "extra", f"more than {MAX_NESTING} deep"),
    ],
)
def test_what_cannot_be_stored_is_refused_naming_the_field(fields, field, words):
    with pytest.raises(ValidationError) as info:
        check_storable("commitments", _commitment(**fields))
    assert info.value.field == field
    assert words in str(info.value)


def test_nesting_up_to_the_limit_and_any_unicode_can_be_stored():
    check_storable("commitments", _commitment(extra=_nested(MAX_NESTING), title="\U0001f600 é"))
