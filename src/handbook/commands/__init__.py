"""Stage 6, commands: the `handbook` command line.

Owns argument parsing, output formats (text, json, github, junit), the author tools (`new`,
`categories`, `fix`) and the exit statuses. May import every other stage; nothing imports it.
"""
