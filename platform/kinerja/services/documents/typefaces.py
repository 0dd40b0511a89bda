"""The documents' fonts, prepared once per process (docs/ARCHITECTURE.md, "Official documents").

fpdf2 parses a TrueType font for each document (`add_font`) and subsets it with fontTools when the file is written:
about 100 ms a document, most of a document's time, which 1,205 documents of an agency cannot afford
(benchmarks/documents.py). So, once per process, each shipped font (DejaVu Sans, `fonts/`) is cut down to the
characters the documents can print (Latin, its accents, the usual punctuation: `CHARACTERS`), every one of them put
into the font's subset in a fixed order, and the embedded font program built once. A document then gets a copy of
that prepared font (shared: its subset already holds every character, so no document changes it), whose font
program is the one built here (`_Prepared`), so fpdf2's subsetting step has nothing left to do. A character outside `CHARACTERS` prints as the
font's empty box, never fails.

`install(pdf)` falls back to fpdf2's own `add_font` if the preparation fails (a future fpdf2 that changes what it
reads of a font), so documents never stop: they are slower then.
"""

from __future__ import annotations

import copy
import functools
import io
import logging
import threading
import types
from pathlib import Path
from typing import Any

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
import fpdf.output as fpdf_output

log = logging.getLogger("kinerja.documents")

FOLDER = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# what the documents print: Basic Latin, Latin-1, Latin Extended-A (names with accents), general punctuation
# (quotes, dashes, the bullet, the ellipsis), the euro sign, arrows and the usual mathematical signs
CHARACTERS = (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), *range(0x2030, 0x203B), 0x20AC,
              0x2122, *range(0x2190, 0x2196), 0x2212, 0x2264, 0x2265, 0x2248, 0x2260)
_LOCK = threading.Lock()


class _Prepared:
    """Stands in for a fontTools TTFont at fpdf2's output: the font program built once, and its glyph ids."""

    def __init__(self, program: bytes, glyph_ids: dict[str, int]):
        self.program = program
        self.glyph_ids = glyph_ids

    def getGlyphID(self, name: str) -> int:  # noqa: N802 (fontTools' name)
        return self.glyph_ids[name]

    def save(self, out: Any) -> None:
        out.write(self.program)

    def __contains__(self, table: str) -> bool:
        return False  # a TrueType font: no CFF table

    def close(self) -> None:
        pass


class _Subsetter(ftsubset.Subsetter):
    """fpdf2's subsetter, leaving a prepared font as it is (its program already holds exactly its subset)."""

    def subset(self, font: Any) -> None:
        if isinstance(font, _Prepared):
            return
        super().subset(font)


def _patch_fpdf() -> None:
    """fpdf2's output step subsets through `fpdf.output.ftsubset`: the same module, with the subsetter above."""
    if getattr(fpdf_output.ftsubset, "kinerja", False):
        return
    fpdf_output.ftsubset = types.SimpleNamespace(Options=ftsubset.Options, Subsetter=_Subsetter, kinerja=True)


def _cut(path: Path) -> bytes:
    """The font with only CHARACTERS (and .notdef), as bytes."""
    font = TTFont(str(path), recalcTimestamp=False)
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, name_IDs=["*"], name_languages=["*"],
                               hinting=False, layout_features=[])
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta"]
    cutter = ftsubset.Subsetter(options)
    cutter.populate(unicodes=CHARACTERS)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def _prototypes() -> dict[str, Any] | None:
    """Style -> the prepared TTFFont every document copies; None when preparing failed."""
    try:
        import tempfile

        with _LOCK, tempfile.TemporaryDirectory(prefix="kinerja-fonts-") as folder:
            probe = FPDF()
            fonts: dict[str, Any] = {}
            for style, name in FILES.items():
                cut = Path(folder) / name
                cut.write_bytes(_cut(FOLDER / name))
                probe.add_font(FAMILY, style, str(cut))  # numbered 1 and 2, as in every document
                font = probe.fonts[f"{FAMILY.lower()}{style}"]
                for code in CHARACTERS:  # every character into the subset, in a fixed order
                    font.subset.pick(code)
                names = font.subset.get_all_glyph_names()
                options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)
                options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT",
                                        "CBLC", "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR"]
                program_font = TTFont(io.BytesIO(cut.read_bytes()), recalcTimestamp=False)
                cutter = ftsubset.Subsetter(options)
                cutter.populate(glyphs=names)
                cutter.subset(program_font)
                out = io.BytesIO()
                program_font.save(out)
                glyph_ids = {glyph.glyph_name: program_font.getGlyphID(glyph.glyph_name)
                             for glyph, _ in font.subset.items() if glyph is not None}
                font.ttfont.close()
                font.ttfont = _Prepared(out.getvalue(), glyph_ids)
                font.ttffile = FOLDER / name
                font._hbfont = None
                fonts[style] = font
            _patch_fpdf()
            return fonts
    except Exception:  # noqa: BLE001 - any failure: fpdf2's own way, slower
        log.exception("preparing the documents' fonts failed; fpdf2 loads them for each document")
        return None


def install(pdf: FPDF) -> None:
    """The document's fonts: copies of the prepared ones (or, failing those, fpdf2's add_font)."""
    prepared = _prototypes()
    if prepared is None:
        for style, name in FILES.items():
            pdf.add_font(FAMILY, style, str(FOLDER / name))
        return
    for style, font in prepared.items():
        # shared, not copied: its subset already holds every character, so a document changes nothing of it that
        # another reads (a character it lacks is only noted in missing_glyphs); its number is the same in each
        # document, whose first fonts these are
        if font.i != len(pdf.fonts) + 1:
            font = copy.deepcopy(font)
            font.i = len(pdf.fonts) + 1
        pdf.fonts[f"{FAMILY.lower()}{style}"] = font
