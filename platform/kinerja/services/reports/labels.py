"""The Indonesian words of the exports: each report column's header, each enum value's label, each sheet's title.

One mapping for every export that people open in a spreadsheet (the XLSX files, services/reports/xlsx.py): the CSV
keeps its column names and raw values (scripts read them), the XLSX shows the header of HEADERS (a report's own
word in REPORT_HEADERS first) and, in a column of COLUMN_ENUMS, the value's label of ENUM_LABELS. The labels are the
console's own words (web/static/js/ui.js PREDIKAT, ORG_PREDIKAT, EXPECTATION, CYCLE_STATUS; objection_ui.js
OBJECTION_STATUS; pages/monitoring.js the lists' titles), so a file says what the screen says.

tests/test_report_xlsx.py fails when a column of a registry report has no header here, when a GraphQL enum that a
report row or an export can hold (named in ENUM_LABELS) has a value without a label, or when a label differs from the
console's. A new report: its columns' headers (HEADERS, or REPORT_HEADERS where a name means something else in that
report), its enum columns in COLUMN_ENUMS, its sheet's title in SHEET_TITLES.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from kinerja.services.core import messages
from kinerja.services.reports import audit_labels

PREDIKAT = {
    "SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG_MISCONDUCT": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang",
}
ORG_PREDIKAT = {
    "ISTIMEWA": "Istimewa", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang",
    "SANGAT_KURANG": "Sangat Kurang",
}
EXPECTATION = {
    "DI_ATAS_EKSPEKTASI": "Di Atas Ekspektasi", "SESUAI_EKSPEKTASI": "Sesuai Ekspektasi",
    "DI_BAWAH_EKSPEKTASI": "Di Bawah Ekspektasi",
}
CYCLE_STATUS = {"PLANNING": "Perencanaan", "ACTIVE": "Berjalan", "EVALUATION": "Evaluasi", "CLOSED": "Ditutup"}
OBJECTION_STATUS = {"OPEN": "Menunggu keputusan", "UPHELD": "Penilaian tetap", "CHANGED": "Penilaian diubah"}
# the groupings of the reports (groupBy), as the dashboard's select says them
REPORT_GROUP = {"AGENCY": "Perangkat daerah", "UNIT": "Unit kerja"}
LOW_PREDIKAT_RUN = {"PERIODS": "Periode penilaian berturut-turut", "YEARS": "Tahun berturut-turut"}
# development plans (pages/development_plan.js, development_labels.js: the console's words)
DEVELOPMENT_PLAN_STATUS = {"DRAFT": "Draf", "AGREED": "Disepakati"}
DEVELOPMENT_ACTION_KIND = {"TRAINING": "Pelatihan / bimbingan teknis", "COACHING": "Bimbingan atasan (coaching)",
                           "MENTORING": "Pendampingan (mentoring)", "ASSIGNMENT": "Penugasan",
                           "SELF_STUDY": "Belajar mandiri", "OTHER": "Lainnya"}
DEVELOPMENT_ACTION_STATUS = {"PLANNED": "Direncanakan", "DONE": "Terlaksana, menunggu konfirmasi",
                             "CONFIRMED": "Dikonfirmasi"}
DEVELOPMENT_ACTION_SOURCE = {"PROPOSED": "Usulan hasil penilaian", "RECOMMENDATION": "Rekomendasi hasil penilaian",
                             "WRITTEN": "Ditulis pada rencana"}
SATISFACTION_GROUP = {
    "AGENCY": "Perangkat daerah", "UNIT": "Unit layanan", "AGE_BAND": "Usia responden",
    "SEX": "Jenis kelamin responden", "EDUCATION": "Pendidikan responden", "OCCUPATION": "Pekerjaan responden",
}
# the monitoring's lists (pages/monitoring.js titles): the people lacking a fact, or having it
MONITORING_GAP = {
    "SKP_NOT_APPROVED": "Belum memiliki SKP yang disetujui",
    "NO_LOG_7_DAYS": "Tidak mencatat kerja dalam 7 hari terakhir",
    "NO_LOG_30_DAYS": "Tidak mencatat kerja dalam 30 hari terakhir",
    "NO_FEEDBACK": "Belum mendapat umpan balik",
    "NOT_SELF_ASSESSED": "Belum menilai diri",
    "NOT_ASSESSED": "Belum dinilai atasan",
    "NOT_FINALIZED": "Penilaiannya belum difinalisasi",
    "OBJECTION_OPEN": "Keberatannya belum diputuskan",
    "DEVELOPMENT_HOURS_BELOW": "JP pengembangan kompetensi tahun ini belum terpenuhi",
}
MONITORING_FACT = {
    "PEOPLE": "Seluruh pegawai",
    "APPROVED_SKP": "Memiliki SKP yang disetujui",
    "LOGGED_LAST_7_DAYS": "Mencatat kerja dalam 7 hari terakhir",
    "LOGGED_LAST_30_DAYS": "Mencatat kerja dalam 30 hari terakhir",
    "HAD_FEEDBACK": "Mendapat umpan balik",
    "SELF_ASSESSED": "Sudah menilai diri",
    "SUPERVISOR_ASSESSED": "Sudah dinilai atasan",
    "FINALIZED": "Penilaiannya sudah difinalisasi",
    "OBJECTION_OPEN": "Keberatannya belum diputuskan",
    "DEVELOPMENT_HOURS_MET": "JP pengembangan kompetensi tahun ini terpenuhi",
}

# the GraphQL enum (by its schema name) -> its values' labels: every enum an export's rows or its choices hold
ENUM_LABELS: Mapping[str, Mapping[str, str]] = {
    "Predikat": PREDIKAT,
    "OrgPredikat": ORG_PREDIKAT,
    "Expectation": EXPECTATION,
    "CycleStatus": CYCLE_STATUS,
    "ObjectionStatus": OBJECTION_STATUS,
    "ReportGroup": REPORT_GROUP,
    "SatisfactionGroup": SATISFACTION_GROUP,
    "MonitoringGap": MONITORING_GAP,
    "MonitoringFact": MONITORING_FACT,
    "LowPredikatRun": LOW_PREDIKAT_RUN,
    "DevelopmentPlanStatus": DEVELOPMENT_PLAN_STATUS,
    "DevelopmentActionKind": DEVELOPMENT_ACTION_KIND,
    "DevelopmentActionStatus": DEVELOPMENT_ACTION_STATUS,
    "DevelopmentActionSource": DEVELOPMENT_ACTION_SOURCE,
}

BOOLEAN = {True: "Ya", False: "Tidak"}

# column name -> its Indonesian header (the registry's column names; the CSV's header)
HEADERS: Mapping[str, str] = {
    # the predikat reports
    "group": "Kode",
    "label": "Nama",
    "total": "Jumlah Dinilai",
    "sangatBaik": PREDIKAT["SANGAT_BAIK"],
    "baik": PREDIKAT["BAIK"],
    "butuhPerbaikan": PREDIKAT["BUTUH_PERBAIKAN"],
    "kurangMisconduct": PREDIKAT["KURANG_MISCONDUCT"],
    "sangatKurang": PREDIKAT["SANGAT_KURANG"],
    "orgPredikat": "Predikat Organisasi",
    "curveWarnings": "Peringatan Kurva",
    "curveReference": "Kurva Acuan",
    # indicator achievement
    "agency": "Kode Perangkat Daerah",
    "indicator": "Kode Indikator",
    "measurements": "Jumlah Pengukuran",
    "averageAchievement": "Rata-rata Capaian (%)",
    "meetingTarget": "Mencapai Target",
    # satisfaction by group (the nine elements of PermenPANRB 14/2017)
    "period": "Periode",
    "respondents": "Responden",
    "index": "IKM",
    "grade": "Mutu",
    "gradeLabel": "Kinerja Unit",
    "requiredSample": "Sampel Minimal",
    "sufficientSample": "Sampel Cukup",
    "u1": "U1 Persyaratan",
    "u2": "U2 Sistem, Mekanisme, dan Prosedur",
    "u3": "U3 Waktu Penyelesaian",
    "u4": "U4 Biaya/Tarif",
    "u5": "U5 Produk Spesifikasi Jenis Pelayanan",
    "u6": "U6 Kompetensi Pelaksana",
    "u7": "U7 Perilaku Pelaksana",
    "u8": "U8 Penanganan Pengaduan, Saran, dan Masukan",
    "u9": "U9 Sarana dan Prasarana",
    "withheld": "Kelompok Kecil Digabung",
    # follow-ups
    "nip": "NIP",
    "name": "Nama",
    "position": "Jabatan",
    "unit": "Kode Unit",
    "predikat": "Predikat",
    "resultRating": "Hasil Kerja",
    "behaviorRating": "Perilaku Kerja",
    "recommendations": "Rekomendasi Tindak Lanjut",
    # the console's lists (services/reports/lists.py): objections, the audit trail, the work log, measurements
    "objection": "Nomor Keberatan",
    "oldPredikat": "Predikat Awal",
    "newPredikat": "Predikat Setelah Keputusan",
    "objectionStatus": "Status Keberatan",
    "filedAt": "Diajukan Pada",
    "decidedAt": "Diputuskan Pada",
    "at": "Waktu (WIB)",
    "actor": "Pelaku",
    "action": "Tindakan",
    "entity": "Jenis Data",
    "entityId": "Kode Data",
    "day": "Tanggal",
    "itemKey": "Kode RHK",
    "workResult": "Rencana Hasil Kerja",
    "text": "Uraian Kegiatan",
    "minutes": "Durasi (menit)",
    "evidenceUrl": "Tautan Bukti",
    "recordedAt": "Dicatat Pada",
    "indicatorName": "Nama Indikator",
    "indicatorUnit": "Satuan",
    "target": "Target",
    "targetLower": "Batas Bawah Target",
    "targetUpper": "Batas Atas Target",
    "value": "Realisasi",
    "achievement": "Capaian (%)",
    "suggestedRating": "Saran Penilaian Hasil",
    "specVersion": "Versi Indikator",
    # consecutive low predikat
    "lowRun": "Berturut-turut pada",
    "runLength": "Jumlah Berturut-turut",
    "runPeriods": "Periode Berturut-turut",
    "runPredikats": "Predikat Berturut-turut",
    "lowHistory": "Riwayat Predikat Rendah",
    # development plans
    "cycle": "Siklus",
    "planStatus": "Status Rencana",
    "requiredBy": "Diwajibkan oleh Penilaian Periode",
    "actionNo": "No. Tindakan",
    "actionKind": "Jenis Tindakan",
    "actionTitle": "Uraian Tindakan",
    "competency": "Kompetensi",
    "plannedHours": "JP Rencana",
    "due": "Tenggat",
    "responsible": "Penanggung Jawab",
    "actionSource": "Asal Tindakan",
    "sourcePeriod": "Periode Penilaian Asal",
    "actionStatus": "Status Tindakan",
    "hoursDone": "JP Terlaksana",
    "completedOn": "Tanggal Selesai",
    "evidenceNumber": "Nomor Bukti",
    # credit points (angka kredit, services/reports/credit_points.py)
    "functionalPost": "Jabatan Fungsional",
    "creditCoefficient": "Koefisien Angka Kredit Tahunan",
    "daysHeld": "Hari Menjabat",
    "yearShare": "Bagian Tahun",
    "creditPercentage": "Persentase Predikat (%)",
    "creditPoints": "Angka Kredit Jabatan Ini",
    "creditPointsTotal": "Angka Kredit Tahun Ini",
    # impact (services/reports/impact.py)
    "year": "Tahun",
    "ikm": "IKM",
    "ikmGrade": "Mutu Pelayanan",
    "people": "Jumlah Pegawai",
    "hoursMet": "Pegawai Memenuhi JP Minimal",
    "plans": "Pegawai dengan Rencana Pengembangan",
    "improved": "Predikat Naik",
    "same": "Predikat Tetap",
    "worse": "Predikat Turun",
    "notYetRated": "Belum Dinilai Lagi",
}
# where a column name means something else in a report
REPORT_HEADERS: Mapping[str, Mapping[str, str]] = {
    "predikat-distribution": {"group": "Kode Perangkat Daerah/Unit", "label": "Perangkat Daerah/Unit Kerja"},
    "predikat-trend": {"group": "Periode", "label": "Nama Periode"},
    "satisfaction-by-group": {"group": "Kode Kelompok", "label": "Kelompok"},
    "impact": {"label": "Perangkat Daerah/Unit Kerja", "unit": "Kode Unit (kosong: seluruh perangkat daerah)",
               "total": "Jumlah Dinilai Tahunan", "hoursDone": "JP Terlaksana (dikonfirmasi)"},
}
# report -> its sheet's title (at most 31 characters, a spreadsheet's limit)
SHEET_TITLES: Mapping[str, str] = {
    "predikat-distribution": "Sebaran Predikat",
    "indicator-achievement": "Capaian Indikator",
    "satisfaction-by-group": "IKM per Kelompok",
    "predikat-trend": "Tren Predikat",
    "follow-ups": "Tindak Lanjut",
    "objections": "Keberatan",
    "audit-events": "Jejak Audit",
    "work-log": "Catatan Kerja",
    "measurements": "Capaian",
    "development-plans": "Rencana Pengembangan",
    "consecutive-low-predikat": "Predikat Rendah Berturut-turut",
    "talent-list": "Daftar Talenta",
    "credit-points": "Angka Kredit",
    "impact": "Dampak",
}
MONITORING_SHEET = "Pemantauan"

# column -> the enum (ENUM_LABELS) of its values
COLUMN_ENUMS: Mapping[str, str] = {
    "orgPredikat": "OrgPredikat",
    "predikat": "Predikat",
    "resultRating": "Expectation",
    "behaviorRating": "Expectation",
    "oldPredikat": "Predikat",
    "newPredikat": "Predikat",
    "objectionStatus": "ObjectionStatus",
    "suggestedRating": "Expectation",
    "lowRun": "LowPredikatRun",
    "runPredikats": "Predikat",  # a list: each item's label (_ITEMS)
    "planStatus": "DevelopmentPlanStatus",
    "actionKind": "DevelopmentActionKind",
    "actionStatus": "DevelopmentActionStatus",
    "actionSource": "DevelopmentActionSource",
}
# column -> the number format of its cells (a number in percent, an IKM, an element's average); counts are integers
NUMBER_FORMATS: Mapping[str, str] = {
    "averageAchievement": '0.00" %"',
    "index": "0.00",
    **{f"u{i}": "0.00" for i in range(1, 10)},
    "achievement": '0.00" %"',
    "minutes": "0",
    "plannedHours": "0",
    "hoursDone": "0",
    "daysHeld": "0",
    "yearShare": "0.0000",
    "creditPercentage": "0",
    "creditCoefficient": "0.00",
    "creditPoints": "0.000",
    "creditPointsTotal": "0.000",
    "ikm": "0.00",
}


def header(report: str, column: str) -> str:
    """The column's Indonesian header in that report (KeyError for a column without one)."""
    return REPORT_HEADERS.get(report, {}).get(column) or HEADERS[column]


def enum_label(column: str, value: str) -> str:
    """The label of a value of an enum column; a value without a label as it is (the test keeps there being none)."""
    return ENUM_LABELS[COLUMN_ENUMS[column]].get(value, value)


# curveReference's cell (services/reports/predikat.py bound_text), said as the console says it (curve_labels.js)
_BOUND = re.compile(r"(?P<label>[A-Z_]+(?: \+ [A-Z_]+)*) (?P<kind>at most|at least|more than) (?P<rule>[\d.]+)"
                    r"(?P<pct> %)?: (?P<side>at most|at least) (?P<limit>\d+) of (?P<total>\d+) \((?P<count>\d+) now\)$")
_BOUND_KIND = {"at most": "paling banyak", "at least": "paling sedikit", "more than": "lebih dari"}


def _number(text: str) -> str:
    return text.replace(".", ",")


def bound_label(text: str) -> str:
    """A rule of the reference curve in Indonesian: "SANGAT_BAIK more than 50 %: at least 4 of 6 (3 now)" ->
    "Sangat Baik lebih dari 50 %: perlu ≥ 4 dari 6, ada 3"; a text of another form as it is."""
    m = _BOUND.match(text)
    if m is None:
        return text
    who = " + ".join(PREDIKAT.get(p, p) for p in m["label"].split(" + "))
    rule = f"{_BOUND_KIND[m['kind']]} {_number(m['rule'])}{' %' if m['pct'] else ' orang'}"
    need = "boleh ≤" if m["side"] == "at most" else "perlu ≥"
    return f"{who} {rule}: {need} {m['limit']} dari {m['total']}, ada {m['count']}"


# columns whose codes are said by a function (the audit trail's words, services/reports/audit_labels.py)
_CELLS = {
    "action": audit_labels.action_label,
    "entity": audit_labels.entity_label,
    "actor": audit_labels.actor_label,
}

# list columns whose items the services say in English: each item in Indonesian
def low_rating(text: str) -> str:
    """"2025-Q1 BUTUH_PERBAIKAN" -> "Triwulan I 2025: Butuh Perbaikan"."""
    period, _, predikat = text.partition(" ")
    return f"{messages.period_label(period)}: {PREDIKAT.get(predikat, predikat)}"


_ITEMS = {
    "curveWarnings": lambda w: messages.translate(w, messages.ID),
    "curveReference": bound_label,
    "runPredikats": lambda p: PREDIKAT.get(p, p),
    "lowHistory": low_rating,
}


def value(column: str, raw: Any) -> Any:
    """A cell of the XLSX: an enum value as its label, a yes/no as Ya/Tidak, a list's items (in Indonesian where the
    services said them in English) joined as the CSV joins them; numbers, dates and text as they are."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return BOOLEAN[raw]
    if column in COLUMN_ENUMS and isinstance(raw, str):
        return enum_label(column, raw)
    if column in _CELLS and isinstance(raw, str):
        return _CELLS[column](raw)
    if isinstance(raw, (list, tuple)):
        item = _ITEMS.get(column, str)
        return LIST_SEPARATOR.join(item(str(v)) for v in raw) if raw else None
    return raw


LIST_SEPARATOR = " | "  # the CSV's (services/reports/export.py)
