"""Reports and summaries where people talk: Slack text, and a webhook post, against a
local HTTP server (it answers 200, 500, or not in time)."""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest

from stratui.cli import webhook
from stratui.domain.slack import slack_text

TRICKY = "foo_bar *urgent* #412 <b> & x"


class Hook(http.server.BaseHTTPRequestHandler):
    """Records each body posted; answers with the server's ``status`` after ``delay``."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.bodies.append(json.loads(self.rfile.read(length)))  # type: ignore[attr-defined]
        time.sleep(self.server.delay)  # type: ignore[attr-defined]
        try:
            self.send_response(self.server.status)  # type: ignore[attr-defined]
            self.end_headers()
            self.wfile.write(b"ok")
        except BrokenPipeError:
            pass  # the client gave up waiting, as the timeout test wants

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hook():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    server.bodies, server.status, server.delay = [], 200, 0.0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/services/T000/B000/secret"


def test_slack_text_has_no_headings_single_star_bold_and_only_three_escapes():
    from stratui.domain.markdown import md

    text = slack_text(f"# Title\n\n## Part\n\n**75%** done\n\n- {md(TRICKY)}\n- b\\\n  c")
    assert text.splitlines() == [
        "*Title*",
        "",
        "*Part*",
        "",
        "*75%* done",
        "",
        "• foo_bar *urgent* #412 &lt;b&gt; &amp; x",
        "• b",
        "  c",
    ]


def test_the_report_in_slack_style_reads_as_typed(cli):
    rid = cli("log", TRICKY, "--week", "2026-W46").stdout.strip()
    assert cli("set", rid, "--status", "missed").returncode == 0
    text = cli("report", "--style", "slack").stdout
    assert text.startswith("*Weekly report: ")
    assert "#" not in text.replace("#412", "") and "**" not in text and "\\" not in text
    assert "foo_bar *urgent* #412 &lt;b&gt; &amp; x" in text


def test_a_summary_is_posted_as_json_text(cli, hook):
    assert cli("report", "--post", url(hook), "--style", "slack").returncode == 0
    (body,) = hook.bodies
    assert set(body) == {"text"} and body["text"].startswith("*Weekly report: ")


def test_a_post_is_in_slack_style_unless_asked_otherwise(cli, hook):
    """A chat reads mrkdwn: ``--post`` alone sends no Markdown headings."""
    assert cli("report", "--post", url(hook)).returncode == 0
    assert cli("report", "--post", url(hook), "--style", "md").returncode == 0
    slack, markdown = (body["text"] for body in hook.bodies)
    assert slack.startswith("*Weekly report: ") and "\n#" not in slack
    assert markdown.startswith("# Weekly report: ")


def test_a_500_says_so_and_nothing_is_printed(cli, hook):
    hook.status = 500
    done = cli("report", "--post", url(hook))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "--post: 127.0.0.1:" in done.stderr and "answered 500" in done.stderr
    assert "secret" not in done.stderr  # a webhook's path is its secret
    assert "the report was not posted" in done.stderr


def test_a_webhook_that_does_not_answer_in_time_says_so(cli, hook, monkeypatch):
    monkeypatch.setattr(webhook, "TIMEOUT_SECONDS", 0.3)
    hook.delay = 1.0
    done = cli("report", "--post", url(hook))
    assert done.returncode == 1
    assert "did not answer within 0.3 s" in done.stderr


def test_any_completed_review_has_a_summary_in_either_style(cli):
    assert cli("demo").returncode == 0
    reviews = json.loads(cli("export").stdout)["reviews"]
    for ritual in ("weekly", "team", "retro"):
        rid = next(r["id"] for r in reviews if r["ritual"] == ritual and r["status"] == "complete")
        markdown = cli("summary", rid[:10]).stdout
        slack = cli("summary", rid[:10], "--style", "slack").stdout
        assert markdown.startswith("# ") and slack.startswith("*")
        assert "**" not in slack


def test_a_summary_of_a_draft_or_an_unknown_review_is_refused(cli):
    done = cli("summary", "zzzz")
    assert done.returncode == 2
    assert "zzzz" in done.stderr


@pytest.mark.parametrize("ritual", ["team", "retro"])
def test_a_review_without_answers_shows_its_own_notes(cli, tmp_path, ritual):
    """A review imported or made elsewhere has notes but no draft answers: its summary
    (and History's reader, which shows the same page) still shows them, as written."""
    from ._support import document, write_json

    stamp = {"created_at": "2026-11-20T16:00:00Z", "updated_at": "2026-11-20T16:00:00Z"}
    people = [{"id": f"p{n}", "name": n, "teams": ["Platform"], **stamp} for n in ("ana", "ben")]
    team = {"id": "tplat", "name": "Platform", "members": ["ana", "ben"], **stamp}
    review = {
        "id": "rnotes47",
        "ritual": ritual,
        "period": "2026-W47",
        "team": "Platform",
        "facilitator": "ana",
        "participants": ["ana", "ben"],
        "status": "complete",
        "notes": "Two on call: *lighter* commitments",
        "started_at": "2026-11-20T15:00:00Z",
        "completed_at": "2026-11-20T16:00:00Z",
        **stamp,
    }
    if ritual == "retro":
        review["format"] = "4ls"
    path = write_json(tmp_path / "r.json", document(people=people, teams=[team], reviews=[review]))
    assert cli("import", str(path)).returncode == 0
    shown = cli("summary", "rnotes47")
    assert shown.returncode == 0, shown.stderr
    assert "## Notes\n\nTwo on call: \\*lighter\\* commitments" in shown.stdout
