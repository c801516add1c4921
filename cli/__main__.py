"""``python -m cli``: the same command as the installed ``juesuan`` script."""

from cli.main import main

main()
