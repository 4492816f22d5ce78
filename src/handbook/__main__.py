"""`python -m handbook` is the `handbook` command."""

from handbook.commands.cli import main

raise SystemExit(main())
