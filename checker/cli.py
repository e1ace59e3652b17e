"""The ``checker`` command line: find where articles about one event disagree."""

from __future__ import annotations

import json
import sys

import click

from checker import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Find where news articles about the same event disagree.

    checker extracts typed claims (dates, weekdays, durations, numbers, titles,
    quotes, lists of people) from each article, grounds each one in the text,
    and compares them across sources with deterministic rules.
    """


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the claims file form.

    This is the file ``checker extract`` writes and ``checker reconcile`` reads;
    other tools can produce it too.

    Example: checker schema > claims.schema.json
    """
    from checker.schema import claims_file_schema

    click.echo(json.dumps(claims_file_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="checker", standalone_mode=True))
