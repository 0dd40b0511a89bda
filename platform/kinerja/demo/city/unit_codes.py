"""Unit codes from unit names: 'Seksi Pelayanan Perizinan Usaha' -> 'SEKSI-PPU', a longer one when that is taken."""

from __future__ import annotations

import re

_CODE_PREFIXES = (
    ("Sub Bagian ", "SUBBAG"), ("Sub Bidang ", "SUBBID"), ("Seksi ", "SEKSI"), ("Bidang ", "BID"),
    ("Bagian ", "BAG"), ("Instalasi ", "INST"),
)
_WHOLE_PREFIXES = (("Kelurahan ", "KEL"), ("Puskesmas ", "PKM"))
_STOPWORDS = {"dan", "pada", "di", "dari", "yang", "serta"}
_CODE_OVERRIDES = {
    "Sekretariat": "SEKRETARIAT",
    "Sub Bagian Umum dan Kepegawaian": "SUBBAG-UMPEG",
    "Sub Bagian Keuangan": "SUBBAG-KEU",
    "Sub Bagian Perencanaan dan Pelaporan": "SUBBAG-PROGRAM",
}


def _split_name(name: str) -> tuple[str | None, list[str]]:
    short, rest = None, name
    for prefix, candidate in _CODE_PREFIXES:
        if name.startswith(prefix):
            short, rest = candidate, name[len(prefix):]
            break
    return short, [w for w in re.split(r"[\s,/]+", rest) if w and w.lower() not in _STOPWORDS]


def long_code(name: str) -> str:
    """The fallback when the short code is taken: the significant words spelled out."""
    short, words = _split_name(name)
    body = re.sub(r"[^A-Z0-9-]", "", "-".join(words).upper())
    code = f"{short}-{body}" if short else body
    return code[:32].rstrip("-")


def unit_code(name: str) -> str:
    if name in _CODE_OVERRIDES:
        return _CODE_OVERRIDES[name]
    for prefix, short in _WHOLE_PREFIXES:
        if name.startswith(prefix):
            body = re.sub(r"[^A-Z0-9]", "", name[len(prefix):].upper())
            return f"{short}-{body}"[:32]
    short, words = _split_name(name)
    if len(words) == 1:
        body = words[0].upper()
    else:
        acronyms = [w for w in words if len(w) > 1 and w.isupper()]
        initials = "".join(w[0] for w in words if w not in acronyms)
        body = "-".join(([initials] if initials else []) + acronyms).upper()
    body = re.sub(r"[^A-Z0-9-]", "", body)
    code = f"{short}-{body}" if short else body
    return code[:32].rstrip("-")
