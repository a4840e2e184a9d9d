"""Personal-data checks: nothing that identifies a person reaches git history or the site.

Case files describe allegations against staff (criminal-offence data under UK GDPR), so
``sglearn validate`` reports these as errors, at the file, line and column of the value, and
never prints the whole identifier (``943 *** ****``, ``j***@***.uk``, ``J***``):

``privacy/nhs-number``
    ten digits, plain or 3-3-4, whose modulus-11 check digit is right (other ten-digit
    numbers are not flagged).
``privacy/ni-number``
    a National Insurance number by HMRC's prefix rules (``AB 12 34 56 C``).
``privacy/postcode``
    a UK postcode in the official format, with or without the space (``SW1A 1AA``).
``privacy/phone``
    a UK phone number: ``07…`` mobiles, ``01``/``02``/``03`` numbers, ``+44`` forms.
``privacy/email``
    an e-mail address.
``privacy/date-of-birth``
    a date beside "born", "DOB", "d.o.b." or "date of birth" (ordinary dates are fine).
``privacy/name``
    a name from your local names list (see below), with plurals and possessives.
``privacy/title-name``
    a title followed by a capitalised word (``Mrs P***``).
``privacy/address``
    a house number, capitalised words and a street word.
``privacy/binary-file``
    a binary file under ``docs/`` or in the built site that ``privacy-allow.yaml`` does not list.

Text is folded first (``normalise``: NFKC, invisible characters, spaces, dashes, look-alike
letters) and also reduced to its visible text (``visible``: Markdown, HTML). Inputs are
scanned by ``cases`` and ``inputs``; the built site by ``published`` (the output gate),
while it is written by ``ahead``;
``masking`` masks findings in every printed message; ``timing`` times each detector.
``privacy/names-file``
    ``SGLEARN_NAMES_FILE`` names a file that is missing, unreadable or too large.

The same checks run on every file under ``docs/``, the YAML files under ``schemas/`` and
``mkdocs.yml`` when ``sglearn validate`` runs without paths.

Allowing a reviewed false positive
----------------------------------
A privacy error is silenced only by an entry in the same case file (for a page in
``docs/``: in its YAML front matter), for that exact text and that rule::

    privacy_reviewed:
      - rule: privacy/phone
        value: 0300 123 4567
        reason: The service's public switchboard number, printed on its website.
        reviewed_by: Data protection officer

The entry shows in the pull request, so a reviewer sees what was allowed and why. An entry
without a reason or a reviewer allows nothing; there is no command-line switch, comment or
configuration that turns the check off.

The names list
--------------
Put one name per line (``#`` starts a comment) in ``.sglearn-names.txt`` at the repository
root, which ``.gitignore`` keeps out of git, or in any file named by ``SGLEARN_NAMES_FILE``.
Names match whole words, ignoring case. The list is never printed, committed or published;
messages say "a name from your names list (J***)".

In CI, keep the list as a secret and write it to a file outside the checkout. On GitHub
Actions: Settings → Secrets and variables → Actions → New repository secret, named
``SGLEARN_NAMES`` with one name per line, then::

    - name: Validate cases
      env:
        SGLEARN_NAMES: ${{ secrets.SGLEARN_NAMES }}
        SGLEARN_NAMES_FILE: ${{ runner.temp }}/sglearn-names.txt
      run: |
        printf '%s\\n' "$SGLEARN_NAMES" > "$SGLEARN_NAMES_FILE"
        sglearn validate

Pass the secret through ``env`` (never ``${{ secrets.… }}`` inside ``run``), write it under
``runner.temp`` (not the workspace, so no later step can upload or publish it), and do not
``cat`` it. If ``SGLEARN_NAMES_FILE`` is set but the file is missing, validation fails with
``privacy/names-file``, so a secret that did not arrive cannot pass silently. Pull requests
from forks do not receive secrets; there the names check does not run.
"""

from __future__ import annotations

from sglearn.check.privacy.allow import ALLOW_FILE, AllowList
from sglearn.check.privacy.cases import scan_case
from sglearn.check.privacy.detectors import DETECTORS, WHAT, Finding, mask
from sglearn.check.privacy.inputs import scan_pages
from sglearn.check.privacy.names import NAMES_ENV, NO_NAMES, NamesList, compile_names, load_names
from sglearn.check.privacy.published import refusal, scan_published_site
from sglearn.check.privacy.scan import findings, scan_document, scan_text

__all__ = [
    "ALLOW_FILE",
    "DETECTORS",
    "NAMES_ENV",
    "NO_NAMES",
    "WHAT",
    "AllowList",
    "Finding",
    "NamesList",
    "compile_names",
    "findings",
    "load_names",
    "mask",
    "refusal",
    "scan_case",
    "scan_document",
    "scan_pages",
    "scan_published_site",
    "scan_text",
]
