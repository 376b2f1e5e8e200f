"""Issue #17, the mail items: nothing the site's mail server does stops the run or loses a mail."""

from __future__ import annotations


def test_render_shows_a_literal_message_as_it_is_and_fills_only_templates():
    from toolkit.errors import SendError, UsageError

    server_text = "{'lina@example.com': (550, b'5.1.1 mailbox {lina} unavailable')}"
    assert SendError(server_text).render("en") == server_text
    assert SendError(server_text, detail="x").render("zh") == server_text  # params never go into a non-template
    assert UsageError("template.bad_rows", rows=0).render("en") == "--rows must be at least 1, not 0"
    # a value substituted into a template is not formatted again, braces and all
    assert UsageError("template.bad_months", value="{x}").render("en").endswith('not "{x}"')
