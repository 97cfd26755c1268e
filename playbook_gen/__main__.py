"""`python -m playbook_gen` runs the command line."""

from playbook_gen.cli import main

main()
