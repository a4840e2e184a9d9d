"""``sglearn new``: start a learning review with every section present and guidance inline.

Asks for what is missing when run at a terminal; in a script or CI it needs the flags, so
it never waits for an answer nobody can give.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date

from sglearn.commands.common import (
    EARLIEST_DATE,
    EXIT_OK,
    UsageError,
    add_project_options,
    project_from,
)
from sglearn.commands.scaffold import (
    CASE_TYPES,
    TRACKS,
    NewCase,
    ScaffoldError,
    next_case_id,
    render_case,
    service_track,
    write_case,
)
from sglearn.read.choices import Choice, suggestion
from sglearn.review.vocabulary import Vocabularies, VocabularyError, load_vocabularies

EPILOG = """\
examples:
  sglearn new                      (asks for the service, track and date received)
  sglearn new --service maple-court --received 2026-03-06 --case-type allegation

The new file is cases/LR-<year>-<number>.yaml, numbered after the highest id already used
for the year the concern was received. Fill in every TODO, "" and YYYY-MM-DD, then run
sglearn validate until it reports no errors.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a new learning review file in cases/",
        description="Start a new learning review: picks the next free id and writes a case\n"
        "file with every section, guidance as comments and placeholders to fill in.\n"
        "Never replaces an existing file. At a terminal it asks for anything not given\n"
        "as an option; elsewhere --service and --received are needed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--service",
        metavar="KEY",
        help="the service's id from schemas/vocabularies/services.yaml, e.g. maple-court "
        "(the id beside the service's name when sglearn new asks)",
    )
    parser.add_argument(
        "--track",
        choices=TRACKS,
        help="adults or children (default: the service's own track)",
    )
    parser.add_argument(
        "--received",
        metavar="YYYY-MM-DD",
        help="the day the concern was received; its year goes into the id",
    )
    parser.add_argument(
        "--case-type",
        choices=CASE_TYPES,
        help="allegation (harm threshold met) or low-level-concern (left as TODO if not given)",
    )
    parser.add_argument(
        "--title",
        help="a short title about the systemic learning, not the person (can be added later)",
    )
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_from(args)
    try:
        vocabularies = load_vocabularies(project)
    except VocabularyError:
        raise UsageError(
            "the vocabulary files in schemas/ have problems; run sglearn validate to see them"
        ) from None
    interactive = sys.stdin.isatty()
    answers = _gather(args, vocabularies, interactive)
    try:
        case_id = next_case_id(project.cases_dir, answers.received.year)
        text = render_case(project, vocabularies, answers, case_id)
        path = write_case(project.cases_dir, case_id, text)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    shown = project.display(path)
    print(f"Started {case_id}: {shown}")
    print(
        "Next steps:\n"
        f'  1. Open {shown} and fill in every TODO, "" and YYYY-MM-DD (the comments say what'
        " each field is for).\n"
        f"  2. Run: sglearn validate {shown}\n"
        "     and fix what it lists until it reports no errors.\n"
        "  3. Open a pull request; the safeguarding lead reviews and approves it."
    )
    return EXIT_OK


def _gather(args: argparse.Namespace, vocabularies: Vocabularies, interactive: bool) -> NewCase:
    """Options first; at a terminal ask for the rest, otherwise name the missing option."""
    names = {key: term.label for key, term in vocabularies.services.items()}
    service = args.service or _ask_or_fail(
        interactive, "--service", "Service", list(vocabularies.services), names
    )
    by_name = {label.casefold(): key for key, label in names.items()}
    service = by_name.get(service.casefold(), service)  # the name a lead knows works too
    if service not in vocabularies.services:
        known = [Choice(key, label) for key, label in names.items()]
        close = suggestion(service, known)
        close = close if close.startswith("Did you mean") else ""
        listed = ", ".join(f"{label} ({key})" for key, label in names.items())
        raise UsageError(
            f"--service {service} is not in schemas/vocabularies/services.yaml "
            f"(known: {listed}){' ' + close if close else ''}"
        )
    track = args.track or service_track(vocabularies, service)
    if track is None:
        track = _ask_or_fail(interactive, "--track", "Track", list(TRACKS))
    received_text = args.received or _ask_or_fail(
        interactive, "--received", "Date the concern was received (YYYY-MM-DD)", []
    )
    received = _parse_date(received_text)
    case_type = args.case_type
    title = args.title
    if interactive and case_type is None:
        case_type = _ask("Type of case", list(CASE_TYPES), default="allegation")
    if interactive and title is None:
        title = _ask("Title (about the learning, not the person; Enter to add later)", [], "")
    return NewCase(received, service, track, case_type, title or None)


def _parse_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        received = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--received must be a date like 2026-03-06, not {text!r}") from None
    if received < EARLIEST_DATE or received > date.today():
        # The year goes into the id, which the schema accepts only as four digits from 1950.
        raise UsageError(
            f"--received {text} is not a plausible date: give the day the concern was "
            f"received, from {EARLIEST_DATE.year} up to today"
        )
    return received


def _ask_or_fail(
    interactive: bool,
    flag: str,
    question: str,
    choices: list[str],
    names: Mapping[str, str] | None = None,
) -> str:
    if not interactive:
        raise UsageError(
            f"{flag} is missing; give it as an option (see sglearn new --help) or run "
            "sglearn new at a terminal to be asked"
        )
    return _ask(question, choices, names=names)


def _ask(
    question: str,
    choices: list[str],
    default: str | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """A numbered choice or free text, asked again until the answer is usable.

    A choice with a name (a service) is listed by its name with its id beside it, as the
    lead knows it; the number, the id or the name are all accepted as the answer.
    """
    names = names or {}
    by_name = {label.casefold(): key for key, label in names.items()}
    for number, choice in enumerate(choices, start=1):
        label = names.get(choice)
        print(f"  {number}. {label} ({choice})" if label else f"  {number}. {choice}")
    suffix = f" [{default}]" if default else ""
    while True:
        try:
            answer = input(f"{question}{suffix}: ").strip()
        except EOFError:
            raise UsageError(f"no answer given for: {question}") from None
        if not answer and default is not None:
            return default
        if choices and answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer and (not choices or answer in choices):
            return answer
        if answer.casefold() in by_name:
            return by_name[answer.casefold()]
        print(
            "Please answer with one of the numbers or names above." if choices else "Please answer."
        )
