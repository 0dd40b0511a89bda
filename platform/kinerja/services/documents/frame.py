"""The frame of every official document (docs/ARCHITECTURE.md, "Official documents"): an A4 page laid out as the
annexes of PermenPANRB 6/2022 are (a title block, identity tables of the employee and the assessing official, tables,
signature blocks with place and date and the name and NIP lines), the page numbers, and on every page a footer with
the verification code and a QR code of `<public URL>/verify/<code>`.

It renders plain values only (a kind's module computes its facts first); everything it prints is Bahasa Indonesia.
The fonts are DejaVu Sans, shipped in `fonts/` with their licence and embedded (subset) in each file.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Sequence

import segno
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from kinerja.services.documents import typefaces

FAMILY = typefaces.FAMILY
MARGIN = 15  # mm
FOOTER = 24  # mm kept free at the bottom of each page for the footer
QR_SIZE = 17  # mm
BODY = 8.5  # pt
LINE = 4.0  # mm a line of body text
PAD = 1.0  # mm inside a table cell
BASELINE = 3.0  # mm from a line's top to its baseline


@dataclass(frozen=True)
class Stamp:
    """What the footer prints: the verification code and the address its QR code holds."""

    code: str
    url: str


@dataclass(frozen=True)
class Cell:
    """A table cell's text and how many columns it spans."""

    text: str
    span: int = 1


@dataclass(frozen=True)
class Signer:
    """A signature block: its heading ("Pegawai yang Dinilai"), then, below the space to sign, name and NIP."""

    heading: str
    name: str
    nip: str
    above: str = ""  # a line above the heading (place and date)


def spaced_code(code: str) -> str:
    """The code in groups of four, as printed ("ABCD-EFGH-...")."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


@functools.lru_cache(maxsize=64)
def _qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of `url` as (size in modules, runs of dark modules (row, first column, length)), border included."""
    qr = segno.make(url, error="m", micro=False)
    runs: list[tuple[int, int, int]] = []
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=1)]
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return len(rows), tuple(runs)


class Frame(FPDF):
    """An A4 portrait document of the annexes' layout."""

    def __init__(self, title: str, stamp: Stamp, issued: dt.datetime):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_title = title
        self.stamp = stamp
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=FOOTER)
        typefaces.install(self)  # DejaVu Sans, prepared once per process
        self.set_font(FAMILY, size=BODY)
        self.set_title(title)
        self.set_author("Kinerja")
        self.set_creator("Kinerja")
        self.set_lang("id")
        self.set_creation_date(issued)  # the instant (the project's clock), not the machine's
        self.alias_nb_pages()
        self.add_page()

    # -- page furniture ----------------------------------------------------------------------------------------

    def footer(self) -> None:
        top = self.h - FOOTER + 4
        self.set_draw_color(120)
        self.line(MARGIN, top - 1.5, self.w - MARGIN, top - 1.5)
        self._qr(self.w - MARGIN - QR_SIZE, top)
        self.set_xy(MARGIN, top)
        self.set_font(FAMILY, "B", 7.5)
        self.cell(self.w - 2 * MARGIN - QR_SIZE - 4, 3.8, f"Kode verifikasi: {spaced_code(self.stamp.code)}",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 7)
        self.lines(MARGIN, self.w - 2 * MARGIN - QR_SIZE - 4,
                   "Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka "
                   f"{self.stamp.url}. Halaman verifikasi menampilkan data dokumen dan menyatakan apakah masih "
                   "sesuai dengan catatan penilaian.", height=3.3)
        self.cell(self.w - 2 * MARGIN - QR_SIZE - 4, 3.6, f"Halaman {self.page_no()} dari {{nb}}")
        self.set_font(FAMILY, "", BODY)

    def _qr(self, x: float, y: float) -> None:
        size, runs = _qr_runs(self.stamp.url)
        module = QR_SIZE / size
        self.set_fill_color(0)
        for row, col, length in runs:
            self.rect(x + col * module, y + row * module, length * module + 0.01, module + 0.01, style="F")

    # -- blocks ------------------------------------------------------------------------------------------------

    def title_block(self, lines: Sequence[str], subtitle: Sequence[str] = ()) -> None:
        """The centred heading of the annex, bold, then smaller lines."""
        self.set_font(FAMILY, "B", 11)
        for line in lines:
            self.cell(0, 5.5, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 9)
        for line in subtitle:
            self.cell(0, 4.8, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY)
        self.ln(2)

    def pair_line(self, left: str, right: str) -> None:
        """Two texts on one line, one at each margin (the agency and the assessed period)."""
        width = (self.w - 2 * MARGIN) / 2
        self.set_font(FAMILY, "B", BODY)
        self.cell(width, LINE + 0.4, left)
        self.cell(width, LINE + 0.4, right, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY)

    def identity(self, left_heading: str, left: Sequence[tuple[str, str]], right_heading: str,
                 right: Sequence[tuple[str, str]]) -> None:
        """Two identity tables side by side, as the annex prints them: NO, label, value | NO, label, value."""
        rows = max(len(left), len(right))
        left = list(left) + [("", "")] * (rows - len(left))
        right = list(right) + [("", "")] * (rows - len(right))
        body = []
        for n, ((l_label, l_value), (r_label, r_value)) in enumerate(zip(left, right), start=1):
            body.append([str(n) if l_label else "", l_label, (l_value or "-") if l_label else "",
                         str(n) if r_label else "", r_label, (r_value or "-") if r_label else ""])
        self.grid([Cell("NO"), Cell(left_heading, 2), Cell("NO"), Cell(right_heading, 2)], body,
                  (9, 24, 57, 9, 24, 57), ("C", "L", "L", "C", "L", "L"))
        self.ln(0.5)

    def identity_single(self, heading: str, rows: Sequence[tuple[str, str]]) -> None:
        """One identity table across the page (NO, label, value), for a third party such as the atasan pejabat
        penilai kinerja."""
        self.grid([Cell("NO"), Cell(heading, 2)],
                  [[str(n), label, value or "-"] for n, (label, value) in enumerate(rows, start=1)],
                  (9, 24, 153), ("C", "L", "L"))
        self.ln(0.5)

    def heading(self, text: str) -> None:
        self.set_font(FAMILY, "B", 9)
        self.cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY)

    def labelled(self, label: str, value: str) -> None:
        """A bold label and its value on one line ("PREDIKAT KINERJA PEGAWAI: Baik")."""
        self.set_font(FAMILY, "B", BODY)
        width = self.get_string_width(label + ": ") + 1
        self.cell(width, LINE + 0.6, label + ":")
        self.set_font(FAMILY, "", BODY)
        self.lines(MARGIN + width, self.w - 2 * MARGIN - width, value or "-", height=LINE + 0.6)

    def grid(self, headings: Sequence[Cell | str], rows: Sequence[Sequence[str]], widths: Sequence[float],
             align: Sequence[str] | None = None, groups: dict[int, str] | None = None) -> None:
        """A table, its heading row repeated on each page it runs onto; `groups`: a full-width bold row before the
        row of that index ("A. UTAMA"). `align` per column: L, C or R. A row taller than what is left of the page
        goes on across the page break (a feedback of 2,000 characters may be longer than a page).

        Laid out here rather than with fpdf2's table(): wrapping by word with the font's widths and drawing each
        line with text() is about ten times faster, which the bulk ZIP needs (benchmarks/documents.py)."""
        widths = [float(w) * (self.w - 2 * MARGIN) / sum(widths) for w in widths]
        align = list(align or ("L",) * len(widths))
        head = [h if isinstance(h, Cell) else Cell(h) for h in headings]
        header = self._layout(head, widths, ["C"] * len(widths), bold=True)
        self._draw(header, bold=True, fill=True, head=None)
        groups = groups or {}
        for n, values in enumerate(rows):
            if n in groups:
                self._draw(self._layout([Cell(groups[n], len(widths))], widths, ["L"], bold=True), bold=True,
                           head=header)
            self._draw(self._layout([Cell(v) for v in values], widths, align), head=header)
        if not rows:
            self._draw(self._layout([Cell("Tidak ada data.", len(widths))], widths, ["L"]), head=header)
        self.ln(1.5)

    def lines(self, x: float, width: float, text: str, height: float = LINE, align: str = "L") -> None:
        """`text` wrapped into `width` from (x, the current y), a line every `height` mm; then the next line's y at
        the left margin. No page break: for short texts (labels, names, the footer)."""
        y = self.get_y()
        for n, line in enumerate(self._wrap(text, width)):
            left = x + (width - self.get_string_width(line)) / 2 if align == "C" else x
            self.text(left, y + n * height + height * 0.72, line)
        self.set_xy(MARGIN, y + height * len(self._wrap(text, width)))

    def _wrap(self, text: str, width: float) -> list[str]:
        """`text` broken into lines no wider than `width` (mm) at spaces; a longer word is cut."""
        space = self.get_string_width(" ")
        lines: list[str] = []
        for paragraph in (text or "").split("\n"):
            line, used = "", 0.0
            for word in paragraph.split():
                size = self.get_string_width(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                while size > width and len(word) > 1:  # a word wider than the column: cut it
                    cut = max(1, int(len(word) * width / size))
                    while cut > 1 and self.get_string_width(word[:cut]) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self.get_string_width(word)
                line, used = word, size
            lines.append(line)
        return lines or [""]

    def _layout(self, cells: Sequence[Cell], widths: Sequence[float], align: Sequence[str], bold: bool = False
                ) -> list[tuple[float, float, str, list[str]]]:
        """(x, width, alignment, lines) of each cell of a row."""
        self.set_font(FAMILY, "B" if bold else "", BODY)
        out, x, column = [], MARGIN, 0
        for cell in cells:
            width = sum(widths[column:column + cell.span])
            out.append((x, width, align[column], self._wrap(cell.text, width - 2 * PAD)))
            x += width
            column += cell.span
        self.set_font(FAMILY, "", BODY)
        return out

    def _draw(self, row: list[tuple[float, float, str, list[str]]], bold: bool = False, fill: bool = False,
              head: list | None = None) -> None:
        """Draw a laid-out row with its borders, going on onto a new page (under `head` again) when it does not
        fit."""
        self.set_font(FAMILY, "B" if bold else "", BODY)
        self.set_fill_color(230)
        self.set_draw_color(0)
        self.set_line_width(0.2)
        done = 0
        total = max(len(lines) for *_, lines in row)
        while True:
            room = int((self.page_break_trigger - self.get_y() - 2 * PAD) // LINE)
            if room < min(2, total - done) or room < 1:  # no room for two of its lines: a new page
                self.add_page()
                if head is not None:
                    self._draw(head, bold=True, fill=True)
                    self.set_font(FAMILY, "B" if bold else "", BODY)
                continue
            take = min(room, total - done)
            top = self.get_y()
            height = take * LINE + 2 * PAD
            for x, width, how, lines in row:
                self.rect(x, top, width, height, style="DF" if fill else "D")
                for n, line in enumerate(lines[done:done + take]):
                    if how == "C":
                        left = x + (width - self.get_string_width(line)) / 2
                    elif how == "R":
                        left = x + width - PAD - self.get_string_width(line)
                    else:
                        left = x + PAD
                    self.text(left, top + PAD + n * LINE + BASELINE, line)
            self.set_y(top + height)
            done += take
            if done >= total:
                break
        self.set_font(FAMILY, "", BODY)

    def signatures(self, signers: Sequence[Signer | None], place_date: str) -> None:
        """Signature blocks in columns: place and date above the last one, the heading, space to sign, the name
        underlined by its line, and the NIP. A None leaves its column empty."""
        space = 4 * LINE + 16
        if self.will_page_break(space):
            self.add_page()
        self.ln(3)
        count = len(signers)
        width = (self.w - 2 * MARGIN) / count
        top = self.get_y()
        for n, signer in enumerate(signers):
            if signer is None:
                continue
            x = MARGIN + n * width
            self.set_xy(x, top)
            self.cell(width, LINE, place_date if n == count - 1 else signer.above, align=Align.C)
            self.set_xy(x, top + LINE)
            self.lines(x, width, signer.heading, align="C")
            self.set_xy(x, top + 2 * LINE + 16)
            self.set_font(FAMILY, "B", BODY)
            self.lines(x, width, signer.name or "-", align="C")
            self.set_font(FAMILY, "", BODY)
            self.set_x(x)
            self.cell(width, LINE, f"NIP {signer.nip}" if signer.nip else "NIP -", align=Align.C)
        self.set_xy(MARGIN, top + space)

    def bar_chart(self, groups: Sequence[tuple[str, Sequence[tuple[int, float, str]]]],
                  series: Sequence[tuple[str, tuple[int, int, int]]], y_label: str, x_label: str,
                  height: float = 62.0, top_value: float = 100.0, step: float = 20.0) -> None:
        """A grouped bar chart drawn with lines, rectangles and text (no image): `groups` are (label, bars), each bar
        (series index, value from 0 to `top_value`, the text printed above it); `series` are (legend label, RGB fill),
        the legend above the plot; the y axis from 0 to `top_value` with a line every `step`, `y_label` beside it
        (turned), each group's label under its bars and `x_label` below them. Kept on one page."""
        tick_font, label_font = 6.5, 7.5
        left = MARGIN + 13  # the y axis; its turned label and tick values on the left of it
        right = self.w - MARGIN
        group_width = (right - left) / max(1, len(groups))
        self.set_font(FAMILY, "", label_font)
        label_lines = max([len(self._wrap(label, group_width - 2)) for label, _ in groups] or [1])
        legend_rows = self._legend_rows(series, right - left)
        needed = len(legend_rows) * 4.5 + 3 + height + label_lines * 3.4 + 9
        if self.will_page_break(needed):
            self.add_page()
        top = self.get_y()
        # the legend: a swatch and its label, in rows
        self.set_draw_color(60)
        self.set_line_width(0.15)
        y = top
        for row in legend_rows:
            x = left
            for label, colour, width in row:
                self.set_fill_color(*colour)
                self.rect(x, y + 0.6, 3.2, 3.2, style="DF")
                self.set_font(FAMILY, "", label_font)
                self.text(x + 4.4, y + 3.3, label)
                x += width
            y += 4.5
        plot_top = y + 3
        bottom = plot_top + height
        # the grid lines and the y axis's values
        self.set_font(FAMILY, "", tick_font)
        value = 0.0
        while value <= top_value + 1e-9:
            line_y = bottom - height * value / top_value
            self.set_draw_color(205)
            self.set_line_width(0.1)
            if value > 0:
                self.line(left, line_y, right, line_y)
            tick = f"{value:g}"
            self.text(left - 1.5 - self.get_string_width(tick), line_y + 1.0, tick)
            value += step
        # the y axis's label, turned a quarter left, centred on the plot
        self.set_font(FAMILY, "", label_font)
        middle = (plot_top + bottom) / 2
        with self.rotation(90, MARGIN + 3, middle):
            self.text(MARGIN + 3 - self.get_string_width(y_label) / 2, middle + 1.0, y_label)
        # the bars of each group, side by side, with their values above them
        for n, (label, bars) in enumerate(groups):
            x0 = left + n * group_width
            if bars:
                bar_width = min(9.0, group_width * 0.78 / len(bars))
                start = x0 + (group_width - bar_width * len(bars)) / 2
                for k, (which, amount, text) in enumerate(bars):
                    amount = max(0.0, min(top_value, amount))
                    bar_height = height * amount / top_value
                    x = start + k * bar_width
                    self.set_fill_color(*series[which][1])
                    self.set_draw_color(60)
                    self.set_line_width(0.15)
                    if bar_height > 0:
                        self.rect(x + 0.4, bottom - bar_height, bar_width - 0.8, bar_height, style="DF")
                    self.set_font(FAMILY, "", tick_font - 0.5)
                    self.text(x + (bar_width - self.get_string_width(text)) / 2, bottom - bar_height - 0.8, text)
            self.set_font(FAMILY, "", label_font)
            for k, line in enumerate(self._wrap(label, group_width - 2)):
                self.text(x0 + (group_width - self.get_string_width(line)) / 2, bottom + 3.6 + k * 3.4, line)
        # the axes over the bars
        self.set_draw_color(0)
        self.set_line_width(0.25)
        self.line(left, plot_top - 1, left, bottom)
        self.line(left, bottom, right, bottom)
        self.set_font(FAMILY, "", label_font)
        below = bottom + 3.6 + label_lines * 3.4 + 1.5
        self.text(left + (right - left - self.get_string_width(x_label)) / 2, below + 2.4, x_label)
        self.set_font(FAMILY, "", BODY)
        self.set_xy(MARGIN, below + 6)

    def _legend_rows(self, series: Sequence[tuple[str, tuple[int, int, int]]], width: float
                     ) -> list[list[tuple[str, tuple[int, int, int], float]]]:
        """The legend's entries (label, colour, the width it takes) in rows no wider than `width`."""
        self.set_font(FAMILY, "", 7.5)
        rows: list[list[tuple[str, tuple[int, int, int], float]]] = [[]]
        used = 0.0
        for label, colour in series:
            taken = 4.4 + self.get_string_width(label) + 6
            if rows[-1] and used + taken > width:
                rows.append([])
                used = 0.0
            rows[-1].append((label, colour, taken))
            used += taken
        return rows if rows[0] else []

    def bytes(self) -> bytes:
        return bytes(self.output())
