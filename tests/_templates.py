"""A team's template, as the tests of templates write it into a store (or parse it).

Platform's own retro format, kudos: two categories, the first with a prompt, the second
with an id of its own. Tests that need more (health, icebreakers, a check-in question)
add tables to it.
"""

KUDOS = """\
team = "Platform"

[retro]
name = "kudos"
title = "Kudos board"

[[retro.categories]]
title = "Thank you"
prompt = "Who helped you this sprint?"

[[retro.categories]]
id = "wish"
title = "I wish"
"""
