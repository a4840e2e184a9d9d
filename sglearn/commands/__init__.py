"""One module per ``sglearn`` subcommand; see ``sglearn.commands.cli``."""
