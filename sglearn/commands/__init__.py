"""One module per ``sglearn`` subcommand; see ``sglearn.cli``."""
