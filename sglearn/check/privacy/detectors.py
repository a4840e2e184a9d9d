"""Small, named detectors of personal identifiers in free text.

Each detector takes a string and yields :class:`Finding` values: where the identifier starts
and ends, the rule id, and a masked form that is safe to print in a CI log. Detectors are
deliberately strict (check digits, HMRC prefix rules, the official postcode format) because a
privacy error that fires on ordinary ids teaches people to ignore it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from sglearn.check.privacy.anchored import finditer_near


class Finding(NamedTuple):
    """One identifier in one string; ``masked`` never reveals the whole value."""

    start: int
    end: int
    rule: str
    masked: str


Detector = Callable[[str], Iterator[Finding]]

NHS_NUMBER = "privacy/nhs-number"
NI_NUMBER = "privacy/ni-number"
POSTCODE = "privacy/postcode"
PHONE = "privacy/phone"
EMAIL = "privacy/email"
DATE_OF_BIRTH = "privacy/date-of-birth"
NAME = "privacy/name"
TITLE_NAME = "privacy/title-name"
ADDRESS = "privacy/address"

WHAT = {
    NHS_NUMBER: "an NHS number",
    NI_NUMBER: "a National Insurance number",
    POSTCODE: "a postcode",
    PHONE: "a phone number",
    EMAIL: "an e-mail address",
    DATE_OF_BIRTH: "a date of birth",
    NAME: "a name from your names list",
    TITLE_NAME: "a title followed by a name",
    ADDRESS: "a street address",
}
"""How each rule's finding is named in a message."""


def mask(text: str, keep: int) -> str:
    """Show the first ``keep`` letters or digits, star the rest, keep separators.

    At least one letter or digit is always starred, so a mask never equals the value.
    """
    total = sum(1 for c in text if c.isalnum())
    keep = max(0, min(keep, total - 1))
    out: list[str] = []
    seen = 0
    for char in text:
        if char.isalnum():
            seen += 1
            out.append(char if seen <= keep else "*")
        else:
            out.append(char)
    return "".join(out)


def _not_after(chars: str) -> str:
    """Said right after a pattern's first character: the character before it is not one of
    ``chars``. The same as a look-behind before it, but a pattern that starts with a
    character class lets the regex engine skip to where it can start (a look-behind first
    makes it try every character: three to seven times slower over a search index)."""
    return f"(?<!{chars}(?s:.))"


# NHS number: 10 digits, plain or 3-3-4 with a space, dot, slash or dash between the groups,
# also inside a longer word ("ref9434765919"); the check digit keeps ordinary numbers out.
# The pattern starts with a digit, not with its look-behinds, so that the regex engine can
# skip to the next digit; the look-behinds then say the same from after the first three.
_SEP = r"[ ./-]?"
_NHS = re.compile(
    rf"(\d\d{{2}})(?<!\d{{4}})(?<!\d[./-]\d{{3}}){_SEP}(\d{{3}}){_SEP}(\d{{4}})(?!\d|[./-]\d)"
)
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit_ok(digits: str) -> bool:
    """Modulus 11: weights 10..2 over the first nine digits; 11 means 0, 10 is never issued."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def nhs_number(text: str) -> Iterator[Finding]:
    for match in _NHS.finditer(text):
        digits = match.group(1) + match.group(2) + match.group(3)
        if nhs_check_digit_ok(digits):
            yield Finding(match.start(), match.end(), NHS_NUMBER, mask(match.group(), 3))


# National Insurance number (HMRC): D F I Q U V never first or second, O never second,
# suffix A-D; some prefixes were never issued. Spaces between the pairs are allowed.
_NI = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ ./-]?(\d{2})[ ./-]?(\d{2})[ ./-]?"
    r"(\d{2})[ ./-]?([A-D])"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NI_NEVER_ISSUED = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def ni_number(text: str) -> Iterator[Finding]:
    for match in _NI.finditer(text):
        if match.group(1).upper() in _NI_NEVER_ISSUED:
            continue
        yield Finding(match.start(), match.end(), NI_NUMBER, mask(match.group(), 2))


# The official UK postcode format (GOV.UK data standard), including GIR 0AA. The inward
# part (digit and two letters, never C I K M O V) is what keeps 'A1', 'M1' or 'Q3' apart.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9#-])"
    r"(GIR ?0AA|"
    r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?|[0-9][A-HJKPS-UW])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2}))"
    r"(?![A-Za-z0-9-])",
    re.IGNORECASE,
)


def postcode(text: str) -> Iterator[Finding]:
    for match in _POSTCODE.finditer(text):
        yield Finding(match.start(), match.end(), POSTCODE, mask(match.group(), 2))


# UK phone numbers: a national 0 or +44 / 0044 (optionally "(0)"), then a number starting
# 1, 2, 3 or 7, with single spaces, dashes or a closing bracket between the digits. Read
# first: the "+", "0" or "(" that every one starts with.
_PHONE = re.compile(
    r"[+0(]"
    + _not_after(r"[\w+/.-]")
    + r"(?:(?<=\+)44[ -]?(?:\(0\)[ -]?)?|(?<=0)044[ -]?(?:\(0\)[ -]?)?|(?<=0)|(?<=\()0)"
    r"([1237](?:[ ).-]{0,2}\d){8,9})"
    r"(?![\w/]|[.-]\d)"
)


def phone(text: str) -> Iterator[Finding]:
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        # National significant numbers are 10 digits; a few 01 areas use 9.
        if len(digits) == 10 or (len(digits) == 9 and digits[0] == "1"):
            yield Finding(match.start(), match.end(), PHONE, mask(match.group(), 2))


_LOCAL_CHAR = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
    r"{0,8}"
)
_TLD = re.compile(r"\.([A-Za-z]{2,24})$")
MAX_LOCAL = 64
"""RFC 5321's limit on the part before '@': it also bounds the work per '@' (linear time)."""

# "name at domain dot com", "name (at) domain [dot] co [dot] uk": spelled-out addresses.
_SPELLED_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._+-]{0,63})\s{0,3}"
    r"(?:\(at\)|\[at\]|\{at\}|\bat\b)\s{0,3}"
    r"([A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\s{0,3}(?:\.|\(dot\)|\[dot\]|\{dot\}|\bdot\b)\s{0,3}"
    r"[A-Za-z0-9][A-Za-z0-9-]{0,62}){0,4})"
    r"\s{0,3}(?:\(dot\)|\[dot\]|\{dot\}|\bdot\b)\s{0,3}"
    r"(com|org|net|uk|gov|nhs|edu|ac|info|io|co|me|biz)\b",
    re.IGNORECASE,
)


_DOT_WORD = re.compile(r"\(dot\)|\[dot\]|\{dot\}|\bdot\b", re.IGNORECASE)
"""Every spelled-out address ends in "dot" and a top-level domain: only near one need we look."""
SPELLED_EMAIL_REACH = 480
"""How far before a "dot" it holds a spelled-out address starts, at most: 64 characters
before "at", 5 labels of 63 joined by plain dots, and the spaces the pattern allows make
420 (a test builds that address)."""


def email(text: str) -> Iterator[Finding]:
    """Each '@' is looked at once, with at most 64 characters before it and one bounded
    domain match after it, so the work is linear in the text (a regex that starts at every
    letter and runs to the next '@' is quadratic on long runs of letters)."""
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < MAX_LOCAL and text[start - 1] in _LOCAL_CHAR:
            start -= 1
        while start < at and not text[start].isalnum():
            start += 1
        domain = _DOMAIN.match(text, at + 1)
        if start < at and domain and (start == 0 or text[start - 1] not in _LOCAL_CHAR):
            tld = _TLD.search(domain.group())
            end = domain.end()
            after = text[end : end + 1]
            if tld and not (after and (after.isalnum() or after in "-_")):
                yield Finding(start, end, EMAIL, f"{text[start]}***@***.{tld.group(1)}")
        at = text.find("@", at + 1)
    for match in finditer_near(_SPELLED_EMAIL, _DOT_WORD, text, SPELLED_EMAIL_REACH):
        value = match.group()
        yield Finding(
            match.start(), match.end(), EMAIL, f"{value[0]}*** at *** dot {match.group(3)}"
        )


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 12/03/1980, 12.3.80
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 1980-03-12
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"  # 12th March 1980
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 12, 1980
    rf"|{_MONTH}\.?,?\s+\d{{4}}"  # March 1980 (only ever read beside a word about birth)
    r"|(?:19|20)\d{2})"  # 1940: a year alone, only ever read right after "born" or "DOB"
)
# A date is a date of birth only beside a word that says so: "born on ...", "DOB: ...",
# or "... (DOB)". Everything else is an ordinary date (a concern received, a review held).
# The words: born, birth date, date of birth, birthday, year of birth, DOB (in this order,
# each read from its first letter).
_BIRTH_WORDS = (
    r"[bdy]" + _not_after("[A-Za-z]") + r"(?:(?<=b)(?:orn|irth\s*date)|(?<=d)ate\s+of\s+birth"
    r"|(?<=b)irthday|(?<=y)ear\s+of\s+birth|(?<=d)\.?\s?o\.?\s?b\.?)"
)
_DOB_AFTER_WORD = re.compile(
    rf"{_BIRTH_WORDS}(?![A-Za-z])[^\n\d]{{0,20}}?(?<!\w)({_DATE})(?!\w|[/.-]\d)",
    re.IGNORECASE,
)
_DOB_BEFORE_WORD = re.compile(
    rf"(?<![\w/.-])({_DATE})(?!\w)[\s,:;-]{{0,3}}\(?\s*(?:dob|d\.o\.b\.?)(?![A-Za-z])",
    re.IGNORECASE,
)


# What each pattern cannot match without: a birth word that starts a word, and for a date
# before the word, "DOB" written as such.
_BIRTH_HINT = re.compile(r"(?<![A-Za-z])(?:born|birth|d\.?\s?o\.?\s?b)", re.IGNORECASE)
_DOB_HINT = re.compile(r"(?:dob|d\.o\.b)(?![A-Za-z])", re.IGNORECASE)
DOB_BEFORE_REACH = 40
"""How many characters other than spaces a date and what follows it take before "DOB" at
most: "12th of September, 2024" is 21 of them, and ", (" three more."""


def date_of_birth(text: str) -> Iterator[Finding]:
    if not _BIRTH_HINT.search(text):  # no word about birth: no date of birth
        return
    spans = {match.span(1) for match in _DOB_AFTER_WORD.finditer(text)}
    before = finditer_near(_DOB_BEFORE_WORD, _DOB_HINT, text, DOB_BEFORE_REACH, count_space=False)
    spans.update(match.span(1) for match in before)
    for start, end in sorted(spans):
        yield Finding(start, end, DATE_OF_BIRTH, mask(text[start:end], 0))


# A title and a capitalised word: "Mrs Patel", "Dr. O'Neill". Case matters: "mr" in a
# sentence or "MR" in an id is not a title.
_TITLE = re.compile(
    r"[MDPSR]"
    + _not_after("[A-Za-z]")
    + r"(?:(?<=M)(?:rs|r|s|iss|x)|(?<=D)(?:r|ame)|(?<=P)rof|(?<=S)ir|(?<=R)(?:ev|evd))\.?[ \t]{1,3}"
    r"(?:[A-Z]\.[ \t]{0,2}){0,3}[A-Z](?:['\u2019][A-Z])?[a-z]+(?:-[A-Z][a-z]+)?(?![A-Za-z])"
)


def title_name(text: str) -> Iterator[Finding]:
    for match in _TITLE.finditer(text):
        value = match.group()
        title = value.split(None, 1)[0]
        yield Finding(
            match.start(), match.end(), TITLE_NAME, f"{title} {value[len(title) :].strip()[0]}***"
        )


_STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|"
    r"Gardens|Gdns|Grove|Terrace|Mews|Row|Square|Sq|Walk|Parade|Hill|Rise|View|Green|Park)"
)
# A house number, one to three capitalised words and a street word: "12 Acacia Avenue",
# "4a Mill Lane". The street word must be capitalised, as it is in an address.
_ADDRESS = re.compile(
    r"\d" + _not_after(r"[\w./-]") + r"\d{0,3}[a-zA-Z]?,?[ \t]{1,3}(?:[A-Z][a-z']+[ \t]{1,3}){1,3}"
    rf"{_STREET_WORDS}(?![A-Za-z])"
)


def address(text: str) -> Iterator[Finding]:
    for match in _ADDRESS.finditer(text):
        yield Finding(match.start(), match.end(), ADDRESS, mask(match.group(), 1))


DETECTORS: tuple[Detector, ...] = (
    nhs_number,
    ni_number,
    email,
    phone,
    postcode,
    date_of_birth,
    address,
    title_name,
)
"""Detectors of identifiers, in order of precedence when two claim the same text.
The names detector is built per run from the names list (see ``sglearn.check.privacy.names``).
"""
