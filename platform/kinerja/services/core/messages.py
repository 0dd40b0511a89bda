"""The platform's messages in English and Bahasa Indonesia: every error code's texts, and the texts the services
build (suggestion reasons, curve warnings), in the language a request asks for (docs/ARCHITECTURE.md, "Messages").

An error is raised with its English message, built at the raise site, and optionally `params`, the values its
Indonesian text names (errors.Problem, AccessDenied, BadArgument). `message` answers:
- in English (no Accept-Language, or one that prefers English): the raise site's message, exactly;
- in Indonesian: the code's Indonesian template that names the most parameters among those the site gave
  (`{field}` is always given where the problem has a path: its last name, by LABELS), else the code's generic
  Indonesian sentence, which names none. A parameter is never shown as "{x}" or "None".

Each code has at least one (English, Indonesian) template pair and a generic pair; tests/test_messages.py finds
every code the package can answer (ast) and fails for one without them here, or for a raise site whose params
name none of its code's templates.

A text the services build is English in the database (a rating keeps its suggestion reason and curve warnings);
TEXTS holds each of its forms with the Indonesian, and `translate` reads the parameters back out of the English by
its form, so that a stored text is shown in Indonesian as a fresh one is. A text of no known form stays as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import string
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

EN = "en"
ID = "id"
LANGUAGES = (EN, ID)

# -- the request's language -------------------------------------------------------------------------------------

_INDONESIAN_TAGS = ("id", "in")  # "in" is the old ISO 639 code of Indonesian, still sent by some Android browsers


def language_of(accept_language: str | None) -> str:
    """ID when the Accept-Language header prefers Indonesian (id, id-ID, in) to English by its q-values, EN
    otherwise: English when none is sent, when nothing it names is known, and on a tie where English comes first.
    A language with q=0 is refused, never chosen."""
    best: tuple[float, int, str] | None = None  # (q, -position, language)
    for position, part in enumerate((accept_language or "")[:1000].split(",")):
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0].lower()
        if not tag:
            continue
        q = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                if not 0 <= q <= 1:  # not a q-value (NaN, beyond 1): the part is ignored
                    q = 0.0
        primary = tag.split("-", 1)[0]
        language = ID if primary in _INDONESIAN_TAGS else EN if primary == "en" else None
        if language is None or q <= 0:
            continue
        if best is None or (q, -position) > best[:2]:
            best = (q, -position, language)
    return best[2] if best else EN


# -- labels: input names, nouns and values as Indonesian shows them ---------------------------------------------

# the names of inputs (GraphQL arguments and input fields, service paths) and the nouns messages name (`what`)
LABELS: dict[str, str] = {
    "actions": "tindakan pengembangan", "competency": "kompetensi", "completedOn": "tanggal selesai",
    "due": "tenggat", "evidenceNumber": "nomor bukti", "evidenceUrl": "tautan bukti", "hoursDone": "jam terlaksana",
    "plannedHours": "jam rencana", "responsible": "penanggung jawab", "title": "uraian tindakan",
    "development_plan": "Rencana pengembangan kompetensi", "development_action": "Tindakan pengembangan",
    "accountability": "skema pertanggungjawaban", "acting": "penugasan Plt/Plh", "action": "tindakan",
    "actor": "pelaku", "activeOn": "tanggal berlaku",
    "after": "posisi halaman", "before": "posisi halaman", "last": "jumlah per halaman", "ageBand": "kelompok umur", "agency": "perangkat daerah", "answers": "jawaban",
    "aspect": "aspek", "assessment": "penilaian", "attachments": "lampiran", "awaitingMe": "menunggu saya",
    "behaviorNotes": "catatan perilaku kerja", "behaviorRating": "penilaian perilaku kerja", "checks": "pemeriksaan",
    "code": "kode", "comment": "komentar", "consequences": "konsekuensi", "current": "kata sandi saat ini",
    "curveJustification": "alasan penyimpangan kurva distribusi", "cycle": "siklus", "date": "tanggal", "day": "tanggal",
    "decree": "surat keputusan", "draft": "draf indikator", "education": "pendidikan",
    "effective": "tanggal berlaku", "employmentType": "jenis kepegawaian", "employment_type": "jenis kepegawaian",
    "endsOn": "tanggal berakhir", "entity": "jenis data",
    "entityId": "kode/ID data",
    "expectations": "ekspektasi pimpinan", "expectedOutput": "keluaran yang diharapkan", "feedback": "umpan balik",
    "filter": "saringan", "first": "jumlah per halaman", "from": "tanggal awal", "fromPeriod": "periode awal",
    "groupBy": "pengelompokan", "headsUnit": "unit yang dipimpin", "id": "ID", "idempotencyKey": "kunci permintaan",
    "includeDeparted": "termasuk pegawai tidak aktif",
    "indicator": "indikator", "indicators": "indikator", "input": "isian", "inputs": "data masukan",
    "intervention": "intervensi", "itemKey": "RHK", "items": "RHK", "key": "kode RHK", "kind": "jenis",
    "coefficient": "koefisien angka kredit",
    "lastDay": "hari terakhir", "lower": "batas bawah", "minutes": "durasi (menit)", "missing": "kekurangan",
    "name": "nama", "new": "kata sandi baru", "nip": "NIP", "note": "catatan", "occupation": "pekerjaan",
    "objection": "keberatan", "outcome": "keputusan", "overrideReason": "alasan tidak mengikuti saran",
    "parent": "target induk", "parentKey": "RHK atasan yang diintervensi", "password": "kata sandi",
    "period": "periode", "periodicity": "periodisitas", "person": "pegawai", "population": "jumlah penerima layanan",
    "position": "jabatan", "post": "jabatan", "predikat": "predikat", "query": "kueri", "rating": "penilaian",
    "realization": "realisasi", "reason": "alasan", "reference": "nomor surat keputusan",
    "resources": "dukungan sumber daya", "resultRating": "penilaian hasil kerja", "results": "hasil kerja",
    "revision": "revisi", "rhk": "RHK", "role": "peran", "search": "pencarian", "servedBy": "petugas layanan",
    "service": "layanan", "sex": "jenis kelamin", "skp": "SKP", "staff": "pegawai", "startsOn": "tanggal mulai",
    "statement": "pernyataan", "status": "status", "has": "kondisi", "supervisor": "atasan langsung",
    "target": "target",
    "targetLower": "batas bawah target", "targetUpper": "batas atas target", "text": "teks", "to": "batas akhir",
    "toPeriod": "periode akhir", "unit": "unit", "upper": "batas atas", "value": "nilai", "version": "versi",
    "workLogEntry": "catatan kerja", "workResult": "hasil kerja", "work_result": "rencana hasil kerja",
    "yaml": "teks YAML", "year": "tahun",
    # nouns of `what` that are no input's name
    "finalized_rating": "penilaian yang sudah difinalisasi", "self_assessment": "penilaian diri",
    "approved_skp": "SKP yang sudah disetujui",
    "supervisor_assessment": "penilaian atasan", "org_predikat": "predikat kinerja organisasi",
    "work_log_entry": "catatan kerja", "active_indicator": "indikator aktif", "folder": "folder", "file": "berkas",
    "report": "laporan", "list": "daftar", "rows": "baris daftar", "behaviour_note": "catatan perilaku kerja", "spec": "spesifikasi indikator",
    "section": "bagian", "answer": "jawaban",
}
# an indicator spec's keys (checkIndicatorSpec's problems), where they differ from the inputs' names
SPEC_LABELS: dict[str, str] = {
    "unit": "satuan", "name": "nama", "direction": "arah", "level": "tingkat", "periods": "periode",
    "inputs": "data masukan", "formula": "rumus", "calculator": "kalkulator", "target": "target",
    "rating": "ambang penilaian", "achievement": "capaian", "checks": "pemeriksaan", "label": "label",
    "min": "nilai terkecil", "max": "nilai terbesar", "type": "tipe", "required": "wajib", "name_en": "nama (Inggris)",
    "above": "ambang di atas ekspektasi", "meets": "ambang sesuai ekspektasi", "code": "kode",
}
# enum values (statuses, roles, predikat, ...) by their Indonesian names
VALUE_LABELS: dict[str, str] = {
    "ADMIN": "Admin BKPSDM", "AGENCY_ADMIN": "admin perangkat daerah", "EMPLOYEE": "pegawai",
    "PLANNING": "Perencanaan", "ACTIVE": "Berjalan", "EVALUATION": "Evaluasi", "CLOSED": "Ditutup",
    "DRAFT": "Draf", "SUBMITTED": "Diajukan", "APPROVED": "Disetujui", "RETURNED": "Dikembalikan",
    "PLANNED": "Direncanakan", "DONE": "Terlaksana, menunggu konfirmasi", "CONFIRMED": "Dikonfirmasi",
    "AGREED": "Disepakati",
    "REJECTED": "Ditolak", "OPEN": "Menunggu keputusan", "UPHELD": "Penilaian tetap", "CHANGED": "Penilaian diubah",
    "QUARTERLY": "Triwulanan", "MONTHLY": "Bulanan", "MAIN": "utama", "ADDITIONAL": "tambahan",
    "QUANTITY": "kuantitas", "QUALITY": "kualitas", "TIME": "waktu", "COST": "biaya",
    "STRUKTURAL": "struktural", "FUNGSIONAL": "fungsional", "PELAKSANA": "pelaksana", "PLT": "Plt", "PLH": "Plh",
    "PNS": "PNS", "PPPK": "PPPK", "SELF": "penilaian diri", "SUPERVISOR": "penilaian atasan",
    "SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG_MISCONDUCT": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang", "ISTIMEWA": "Istimewa",
    "KURANG": "Kurang", "DI_ATAS_EKSPEKTASI": "Di Atas Ekspektasi", "SESUAI_EKSPEKTASI": "Sesuai Ekspektasi",
    "DI_BAWAH_EKSPEKTASI": "Di Bawah Ekspektasi", "BERORIENTASI_PELAYANAN": "Berorientasi Pelayanan",
    "AKUNTABEL": "Akuntabel", "KOMPETEN": "Kompeten", "HARMONIS": "Harmonis", "LOYAL": "Loyal",
    "ADAPTIF": "Adaptif", "KOLABORATIF": "Kolaboratif", "AGE_BAND": "kelompok umur", "SEX": "jenis kelamin",
    "EDUCATION": "pendidikan", "OCCUPATION": "pekerjaan", "AGENCY": "perangkat daerah", "UNIT": "unit",
    "SKP_NOT_APPROVED": "SKP belum disetujui", "NO_LOG_7_DAYS": "tanpa catatan kerja 7 hari",
    "NO_LOG_30_DAYS": "tanpa catatan kerja 30 hari", "NO_FEEDBACK": "tanpa umpan balik",
    "agency": "perangkat daerah", "unit": "unit", "mutation": "mutasi", "subscription": "langganan",
    "PENSIUN": "Pensiun", "BERHENTI": "Berhenti", "MENINGGAL": "Meninggal dunia",
    "PINDAH_INSTANSI": "Pindah ke instansi lain", "NONAKTIF": "Nonaktif sementara",
}
# what a refusal (FORBIDDEN) says one may not do: its params' `action`, after "Anda tidak berwenang"
ACTIONS: dict[str, str] = {
    "read_spec_errors": "melihat kesalahan spesifikasi indikator; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "set_password": "mengatur kata sandi orang lain; ubah kata sandi Anda sendiri melalui menu ganti kata sandi",
    "assign_role": "memberikan peran ini",
    "reset_password_of": "mengatur kata sandi pegawai ini",
    "change_password_here": "mengubah kata sandi dari sesi ini; masuk dengan NIP dan kata sandi terlebih dahulu",
    "sign_in_as_role": "masuk dengan peran ini",
    "admin_only": "melakukan tindakan ini; hanya untuk Admin BKPSDM",
    "read_audit_trail": "melihat jejak audit; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "create_cycle": "membuat siklus; hanya untuk Admin BKPSDM",
    "set_cycle_status": "mengubah tahap siklus; hanya untuk Admin BKPSDM",
    "write_supervisor_assessment": "menulis penilaian atasan pegawai ini; penilaian atasan ditulis oleh pejabat "
                                   "penilai pada periode itu (atasan langsung pada hari terakhir periode, atau "
                                   "Plt/Plh pada jabatan atasan tersebut)",
    "write_self_assessment": "menulis penilaian diri pegawai lain; penilaian diri ditulis oleh pegawai itu sendiri",
    "stand_in_assessor": "menilai sebagai pengganti; pegawai ini memiliki pejabat penilai untuk periode tersebut",
    "admin_token_without_person": "menilai dengan token Admin yang tidak mewakili seorang pegawai; penilaian "
                                  "memerlukan pejabat penilai yang bertanggung jawab",
    "assess_self": "menilai diri sendiri sebagai atasan",
    "read_assessment_context": "melihat konteks penilaian pegawai ini; hanya atasan, admin perangkat daerah dan "
                               "Admin BKPSDM",
    "file_objection": "mengajukan keberatan atas penilaian orang lain; keberatan diajukan oleh pegawai yang dinilai",
    "add_statement": "menambahkan pernyataan pada keberatan ini; hanya pegawai, pejabat penilai dan atasan pejabat "
                     "penilai yang memutuskan",
    "decide_objection": "memutuskan keberatan ini; keberatan diputuskan oleh atasan pejabat penilai",
    "read_objection_counts": "melihat rekap keberatan; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "set_org_predikat": "menetapkan predikat kinerja organisasi perangkat daerah; hanya untuk Admin BKPSDM",
    "set_unit_predikat": "menetapkan predikat kinerja organisasi unit; hanya untuk admin perangkat daerah dan Admin "
                         "BKPSDM",
    "set_own_unit_predikat": "menetapkan predikat kinerja organisasi unit tempat Anda bekerja; predikat ditetapkan "
                             "oleh tingkat di atasnya",
    "finalize_rating": "memfinalisasi penilaian ini; penilaian difinalisasi oleh pejabat penilai pada periode itu "
                       "atau Admin BKPSDM",
    "reopen_rating": "membuka kembali penilaian yang sudah difinalisasi; hanya untuk Admin BKPSDM",
    "check_indicator_spec": "memeriksa spesifikasi indikator; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "draft_other_agency": "menyusun indikator perangkat daerah lain",
    "read_indicator_drafts": "melihat draf indikator; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "approve_draft": "menyetujui draf indikator; hanya untuk Admin BKPSDM",
    "reject_draft": "menolak draf indikator; hanya untuk Admin BKPSDM",
    "retire_indicator": "memensiunkan indikator ini; hanya untuk Admin BKPSDM dan admin perangkat daerah pemiliknya",
    "export_specs": "mengekspor spesifikasi indikator; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "create_agency": "membuat perangkat daerah; hanya untuk Admin BKPSDM",
    "add_unit": "menambahkan unit pada perangkat daerah ini",
    "edit_agency": "mengubah perangkat daerah; hanya untuk Admin BKPSDM",
    "edit_unit": "mengubah unit pada perangkat daerah ini",
    "read_assignments": "melihat jabatan dan penugasan Plt/Plh; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "change_people": "mengubah data pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "change_people_of_agency": "mengubah data pegawai perangkat daerah ini",
    "import_people": "mengimpor data pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "export_people": "mengekspor data pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "import_targets": "mengimpor target SKP; hanya untuk Admin BKPSDM, admin perangkat daerah dan atasan yang "
                      "memiliki bawahan",
    "export_targets": "mengekspor target SKP; hanya untuk Admin BKPSDM, admin perangkat daerah dan atasan yang "
                      "memiliki bawahan",
    "retire_person": "mencatat pegawai berhenti atau nonaktif; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "reinstate_person": "mengaktifkan kembali pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "write_person": "mengubah data pegawai ini",
    "create_post": "membuat jabatan; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "create_post_of_agency": "membuat jabatan pada perangkat daerah ini",
    "set_credit_coefficient": "mengubah koefisien angka kredit jabatan; hanya untuk Admin BKPSDM dan admin "
                              "perangkat daerah",
    "transfer_people": "memindahkan pegawai; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "move_into_agency": "memindahkan pegawai ke perangkat daerah ini",
    "appoint_acting": "menunjuk Plt/Plh; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "write_post": "mengubah jabatan ini",
    "end_acting": "mengakhiri penugasan Plt/Plh; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "change_supervisor_in_evaluation": "mengubah atasan pegawai yang sudah dinilai dalam siklus tahap Evaluasi; "
                                       "hanya Admin BKPSDM",
    "change_supervisor": "mengubah atasan langsung pegawai ini",
    "read_reports": "melihat laporan; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "change_skp_status": "mengubah status SKP ini",
    "draft_skp": "menyusun SKP ini; SKP disusun oleh pegawai, atasan langsungnya atau Admin BKPSDM",
    "record_measurement": "mencatat realisasi target ini; realisasi dicatat oleh pegawai, atasannya, admin "
                          "perangkat daerah atau Admin BKPSDM",
    "give_feedback": "memberikan umpan balik kepada pegawai ini",
    "answer_feedback": "menanggapi umpan balik ini; hanya untuk pegawai yang menerima umpan balik",
    "set_target": "menetapkan target pegawai ini; target ditetapkan oleh Admin BKPSDM, admin perangkat daerah atau "
                  "atasan pegawai",
    "set_unit_target": "menetapkan target unit; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "write_work_log": "menulis catatan kerja pegawai ini; catatan kerja ditulis oleh pegawai itu sendiri atau Admin "
                      "BKPSDM",
    "set_population": "menetapkan jumlah penerima layanan; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "read_population": "melihat jumlah penerima layanan; hanya untuk Admin BKPSDM dan admin perangkat daerah",
    "read_person": "melihat data pegawai ini",
    "write_development_plan": "menyusun rencana pengembangan kompetensi ini; rencana disusun oleh pegawai, atasan "
                              "langsungnya atau Admin BKPSDM",
    "agree_development_plan": "menyetujui rencana pengembangan kompetensi ini; rencana disetujui oleh pegawai dan "
                              "pejabat penilainya",
    "complete_development_action": "menyelesaikan tindakan pengembangan ini; tindakan diselesaikan oleh pegawai "
                                   "pemilik rencana",
    "confirm_development_action": "mengonfirmasi tindakan pengembangan ini; konfirmasi diberikan oleh pejabat "
                                  "penilai pegawai",
    "read_this": "melihat data ini",
}

# -- the catalog ----------------------------------------------------------------------------------------------

Pair = tuple[str, str]  # (English, Indonesian)


@dataclass(frozen=True)
class Entry:
    code: str
    generic: Pair  # names no parameter
    variants: tuple[Pair, ...]  # each names parameters; the Indonesian names exactly the English's


def _e(code: str, generic: Pair, *variants: Pair) -> Entry:
    return Entry(code, generic, variants)


_ENTRIES: tuple[Entry, ...] = (
    # -- input ------------------------------------------------------------------------------------------------
    _e("REQUIRED", ("a value is required", "Isian ini wajib diisi."),
       ("{field} must not be empty", "{field} wajib diisi.")),
    _e("TOO_LONG", ("the value is too long", "Isian terlalu panjang."),
       ("{field} is too long", "{field} terlalu panjang."),
       ("{field} is too long; at most {limit}", "{field} terlalu panjang; paling banyak {limit} karakter."),
       ("{field} is {length} characters; at most {limit}",
        "{field} berisi {length} karakter; paling banyak {limit} karakter."),
       ("one decree covers at most {days} days", "Satu surat keputusan Plt/Plh paling lama {days} hari; catat masa "
                                                 "yang lebih panjang sebagai surat keputusan baru.")),
    _e("TOO_MANY", ("too many items", "Jumlah isian melebihi batas."),
       ("{field}: too many", "Jumlah {field} melebihi batas."),
       ("{field}: at most {limit}", "Jumlah {field} paling banyak {limit}."),
       ("{field} has {count} items; at most {limit}", "{field} berisi {count} butir; paling banyak {limit}.")),
    _e("TOO_DEEP", ("the document nests too deep", "Kueri bersarang terlalu dalam.")),
    _e("INVALID_TEXT", ("the text contains a NUL character", "Teks memuat karakter NUL yang tidak diizinkan."),
       ("{field} contains a NUL character", "{field} memuat karakter NUL yang tidak diizinkan.")),
    _e("INVALID", ("the input is not valid", "Isian tidak valid."),
       ("{field} is not valid", "{field} tidak valid."),
       ("{field} must be one of {allowed}", "{field} harus salah satu dari: {allowed}.")),
    _e("INVALID_VALUE", ("the value is not valid", "Nilai isian tidak valid."),
       ("{field} is not valid", "{field} tidak valid."),
       ("{field} must be one of {allowed}", "{field} harus salah satu dari: {allowed}."),
       ("{field} must be one of {allowed}, got {value}", "{field} harus salah satu dari: {allowed} (diisi {value})."),
       ("{field} has at most {places} decimal places, got {value}",
        "{field} paling banyak {places} angka di belakang koma (diisi {value}).")),
    _e("INVALID_TYPE", ("the value is of the wrong type", "Jenis nilai isian tidak sesuai."),
       ("{field} must be a number, got {given}", "{field} harus berupa angka (diisi {given})."),
       ("{field} must be a whole number, got {value}", "{field} harus berupa bilangan bulat (diisi {value}).")),
    _e("INVALID_INPUT", ("the inputs are not valid", "Data masukan tidak valid."),
       ("{field} is not valid", "{field} tidak valid.")),
    _e("INVALID_CHOICE", ("the value is not one of the choices", "Nilai bukan salah satu pilihan yang tersedia."),
       ("{field} must be one of the choices", "{field} harus salah satu pilihan yang tersedia.")),
    _e("UNKNOWN_VALUE", ("the value is not one of the choices", "Nilai bukan salah satu pilihan yang tersedia."),
       ("{field} must be one of {allowed} or left out", "{field} harus salah satu dari: {allowed}, atau dikosongkan.")),
    _e("OUT_OF_RANGE", ("the value is out of range", "Nilai di luar rentang yang diizinkan."),
       ("{field} must be between {min} and {max}", "{field} harus di antara {min} dan {max}."),
       ("{field} must be between {min} and {max}, got {value}", "{field} harus di antara {min} dan {max} (diisi "
                                                                 "{value})."),
       ("{field} must be at least {min}, got {value}", "{field} paling kecil {min} (diisi {value})."),
       ("{field} must be at most {max}, got {value}", "{field} paling besar {max} (diisi {value})."),
       ("{field} must be more than {above} and at most {max}, got {value}",
        "{field} harus lebih dari {above} dan paling besar {max} (diisi {value}).")),
    _e("INVALID_PERIOD", ("the period is not valid", "Periode tidak valid."),
       ("a period is YYYY, YYYY-Qn or YYYY-MM; got {given}",
        "Periode ditulis YYYY (tahunan), YYYY-Qn (triwulan) atau YYYY-MM (bulan); diisi \u201c{given}\u201d."),
       ("{period} is not a period of cycle {year} ({periods})",
        "{period} bukan periode siklus {year}; periodenya: {periods}."),
       ("{period} is evaluated together with the year: use {annual}",
        "{period} dinilai bersama penilaian tahunan: gunakan periode {annual}."),
       ("{period}: there is no cycle {year}", "Belum ada siklus {year}, sehingga periode {period} tidak dapat "
                                             "digunakan."),
       ("{given} is not a year ({form})", "Periode ditulis sebagai tahun ({form}), karena yang dipakai adalah "
                                          "penilaian tahunan; diisi \u201c{given}\u201d.")),
    _e("INVALID_YEAR", ("the year is not valid", "Tahun tidak valid."),
       ("year must be {min}-{max}, got {value}", "Tahun harus antara {min} dan {max} (diisi {value}).")),
    _e("INVALID_PERIODICITY", ("periodicity must be QUARTERLY or MONTHLY",
                               "Periodisitas harus Triwulanan atau Bulanan.")),
    _e("INVALID_STATUS", ("the status does not allow this", "Status tidak memungkinkan tindakan ini."),
       ("status must be one of {allowed}", "Status harus salah satu dari: {allowed}."),
       ("{what} {key} is {status}", "{what} {key} berstatus {status}; tindakan ini tidak dapat dilakukan pada "
                                    "status tersebut.")),
    _e("INVALID_ROLE", ("the role is not valid", "Peran tidak valid."),
       ("role must be one of {allowed}, got {value}", "Peran harus salah satu dari: {allowed} (diisi {value}).")),
    _e("INVALID_CODE", ("the code is not valid", "Kode tidak valid: gunakan A-Z, 0-9, '-' atau '_' (1-32 karakter), "
                                                 "diawali huruf atau angka."),
       ("{what} code must be 1-32 characters of A-Z, 0-9, '-' or '_'; got {value}",
        "Kode {what} harus 1-32 karakter A-Z, 0-9, '-' atau '_', diawali huruf atau angka (diisi "
        "\u201c{value}\u201d).")),
    _e("INVALID_NIP", ("the NIP is not valid", "NIP tidak valid: NIP terdiri atas 18 angka."),
       ("NIP {value} is not valid", "NIP \u201c{value}\u201d tidak valid: NIP terdiri atas 18 angka.")),
    _e("INVALID_EMPLOYMENT_TYPE", ("employment type must be PNS or PPPK", "Jenis kepegawaian harus PNS atau PPPK.")),
    _e("INVALID_KEY", ("an RHK key is R1, R2, ...", "Kode RHK tidak valid: gunakan R1, R2, dan seterusnya."),
       ("an RHK key is R1, R2, ...; got {value}",
        "Kode RHK tidak valid: gunakan R1, R2, dan seterusnya (diisi \u201c{value}\u201d).")),
    _e("INVALID_KIND", ("the kind is not valid", "Jenis tidak valid."),
       ("kind must be one of {allowed}", "Jenis harus salah satu dari: {allowed}.")),
    _e("NOT_FUNCTIONAL_POST", ("only a functional post has a credit-point coefficient",
                               "Koefisien angka kredit hanya untuk jabatan fungsional."),
       ("{post} is not a functional post (FUNGSIONAL): only one has a credit-point coefficient",
        "{post} bukan jabatan fungsional; koefisien angka kredit hanya untuk jabatan fungsional.")),
    _e("INVALID_PREDIKAT", ("the predikat is not valid", "Predikat tidak valid."),
       ("predikat must be one of {allowed}", "Predikat harus salah satu dari: {allowed}.")),
    _e("INVALID_URL", ("the evidence URL is not valid", "Tautan bukti harus berupa alamat http:// atau https://."),
       ("evidence URL must be an http(s) address of at most {limit} characters",
        "Tautan bukti harus berupa alamat http:// atau https:// dengan paling banyak {limit} karakter.")),
    _e("INVALID_VERSION", ("version starts at 1", "Versi dimulai dari 1; kosongkan versi untuk membuat data baru.")),
    _e("INVALID_RANGE", ("the range is not valid", "Rentang tidak valid: batas akhir tidak boleh sebelum batas awal."),
       ("to ({end}) is before from ({start})", "Tanggal akhir ({end}) tidak boleh sebelum tanggal awal ({start})."),
       ("the year to ({to_year}) is before the year from ({from_year})",
        "Tahun akhir ({to_year}) tidak boleh sebelum tahun awal ({from_year}).")),
    _e("INVALID_TARGET_RANGE", ("the target range is not valid",
                                "Rentang target tidak valid: batas bawah tidak boleh melebihi batas atas (rentang 0 "
                                "sampai 0 ditulis sebagai target 0)."),
       ("the lower bound {lower} is above the upper bound {upper}",
        "Batas bawah {lower} melebihi batas atas {upper}.")),
    _e("INVALID_PARENT", ("the parent is not valid",
                          "RHK atau target atasan yang diintervensi tidak ditemukan pada SKP atasan langsung.")),
    _e("INVALID_AGENCY", ("a draft stays with its agency",
                          "Draf tetap milik perangkat daerah tempat draf itu dimulai; mulai draf baru untuk perangkat "
                          "daerah lain.")),
    _e("DUPLICATE", ("the value appears twice", "Isian yang sama diberikan lebih dari sekali."),
       ("{field} appears twice", "{field} diberikan lebih dari sekali."),
       ("{what} {key} exists already", "{what} {key} sudah ada.")),
    _e("WRONG_COUNT", ("the number of answers is wrong", "Jumlah jawaban tidak sesuai."),
       ("give exactly {count} answers", "Berikan tepat {count} jawaban (U1 sampai U{count}).")),
    _e("SELF_SUPERVISOR", ("nobody supervises themselves", "Pegawai tidak dapat menjadi atasan langsung dirinya "
                                                           "sendiri.")),
    _e("SUPERVISOR_LOOP", ("the supervisor chain loops", "Rantai atasan berputar kembali ke pegawai ini; pilih atasan "
                                                         "lain."),
       ("{supervisor} is below {nip} in the supervisor tree",
        "Pegawai NIP {supervisor} berada di bawah NIP {nip} dalam susunan atasan; pilih atasan lain.")),
    _e("UNIT_LOOP", ("a unit cannot lie below itself", "Unit tidak dapat berada di bawah dirinya sendiri; pilih unit "
                                                      "induk lain."),
       ("unit {parent} is {unit} itself or below it: a unit cannot be its own parent",
        "Unit {parent} adalah unit {unit} sendiri atau salah satu sub-unitnya; pilih unit induk lain.")),
    # the people import from a file (services/org/people_import.py): the file, then its rows
    _e("UNSUPPORTED_FILE_TYPE", ("the file must be a .csv or an .xlsx file",
                                 "Berkas harus berupa CSV (.csv) atau buku kerja Excel (.xlsx)."),
       ("{filename} is neither a .csv nor an .xlsx file",
        "Berkas {filename} bukan berkas CSV (.csv) atau buku kerja Excel (.xlsx).")),
    _e("FILE_TOO_LARGE", ("the file is too large", "Berkas terlalu besar; bagi menjadi beberapa berkas."),
       ("the file is larger than {megabytes} MiB", "Berkas lebih besar dari {megabytes} MiB; bagi menjadi beberapa "
                                                   "berkas."),
       ("the workbook unpacks to more than {unzipped} MiB", "Isi buku kerja ini lebih dari {unzipped} MiB setelah "
                                                            "dibuka; bagi menjadi beberapa berkas.")),
    _e("NOT_A_SPREADSHEET", ("the file is not a CSV text or an XLSX workbook",
                             "Berkas bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
       ("{filename} is not a CSV text or an XLSX workbook",
        "Berkas {filename} bukan teks CSV atau buku kerja Excel (.xlsx) yang dapat dibaca."),
       ("{filename} is not UTF-8 text (byte {byte})",
        "Berkas {filename} bukan teks UTF-8 (bita ke-{byte}); simpan ulang sebagai CSV UTF-8.")),
    _e("CSV_MALFORMED", ("the CSV cannot be read", "Berkas CSV tidak dapat dibaca; periksa tanda kutipnya."),
       ("line {line} cannot be read as CSV", "Baris {line} berkas CSV tidak dapat dibaca; periksa tanda kutipnya.")),
    _e("TOO_MANY_ROWS", ("the file has too many rows", "Berkas memuat terlalu banyak baris; bagi menjadi beberapa "
                                                       "berkas."),
       ("more than {limit} rows", "Berkas memuat lebih dari {limit} baris data; bagi menjadi beberapa berkas.")),
    _e("NO_ROWS", ("the file has no rows to import", "Berkas tidak memuat baris data pegawai di bawah baris judul."),
       ("the file has no {what} rows to import", "Berkas tidak memuat baris data {what} di bawah baris judul.")),
    # the SKP targets import (services/skp/targets_import.py)
    _e("DUPLICATE_ROW", ("the same row is given twice", "Target yang sama (NIP, indikator dan rencana hasil kerja) "
                                                        "diberikan lebih dari sekali."),
       ("the same target (NIP, indicator, work result) is on line {line} already",
        "Target yang sama (NIP, indikator dan rencana hasil kerja) sudah ada pada baris {line}.")),
    _e("BAD_HEADER", ("the header row is not valid", "Baris judul (baris pertama) tidak valid."),
       ("missing column(s) {missing}; columns are {expected}",
        "Baris judul tidak memuat kolom {missing}; kolom yang dikenal: {expected}."),
       ("unknown column(s) {unknown}; columns are {expected}",
        "Kolom {unknown} di baris judul tidak dikenal; kolom yang dikenal: {expected}."),
       ("column {duplicate} is given more than once", "Kolom {duplicate} muncul lebih dari sekali di baris judul.")),
    _e("EXTRA_CELLS", ("the row has cells outside the named columns",
                       "Baris ini memuat isian di luar kolom yang bernama di baris judul."),
       ("{count} cell(s) outside the named columns",
        "Baris ini memuat {count} isian di luar kolom yang bernama di baris judul.")),
    _e("NIP_AS_NUMBER", ("the NIP is stored as a number", "NIP tersimpan sebagai angka sehingga digitnya dapat "
                                                          "berubah; format kolom sebagai teks lalu ketik ulang."),
       ("{field} is stored as a number and may have lost digits",
        "{field} tersimpan sebagai angka di Excel sehingga digit terakhirnya dapat berubah; format kolom sebagai "
        "Teks lalu ketik ulang.")),
    _e("DIGEST_MISMATCH", ("the file differs from the previewed one",
                           "Berkas berbeda dari berkas yang dipratinjau; pratinjau ulang sebelum menyimpan.")),
    _e("IMPORT_HAS_ERRORS", ("the file has errors; nothing was written",
                             "Berkas masih memuat kesalahan; tidak ada data yang disimpan."),
       ("{count} row(s) have errors; nothing was written",
        "{count} baris masih memuat kesalahan; tidak ada data yang disimpan. Perbaiki berkas lalu pratinjau ulang.")),
    _e("PASSWORD_UNCHANGED", ("the new password must differ from the current one",
                              "Kata sandi baru harus berbeda dari kata sandi sementara.")),
    _e("WEAK_PASSWORD", ("the password cannot be used",
                         "Kata sandi tidak dapat digunakan: paling sedikit 12 karakter dengan paling sedikit 4 "
                         "karakter berbeda, tanpa spasi di awal atau akhir, dan tidak memuat NIP."),
       ("a password needs at least {min} characters", "Kata sandi paling sedikit {min} karakter.")),
    _e("INVALID_IDEMPOTENCY_KEY", ("the idempotency key is not valid",
                                   "Kunci permintaan tidak valid (8-128 karakter A-Z, a-z, 0-9, '_' dan '-')."),
       ("the {field} argument and the {header} header differ",
        "{field} pada argumen dan pada header {header} berbeda.")),
    _e("IDEMPOTENCY_KEY_REUSED", ("this idempotency key was used for a different input",
                                  "Kunci permintaan ini sudah dipakai untuk isian lain; gunakan kunci baru untuk "
                                  "permintaan baru.")),
    _e("UNKNOWN_INPUT", ("the input is unknown", "Data masukan tidak dikenal."),
       ("{indicator} has no input {name}; inputs are: {inputs}",
        "Indikator {indicator} tidak memiliki data masukan \u201c{name}\u201d; data masukannya: {inputs}.")),
    _e("CHECK_FAILED", ("a check of the inputs failed", "Data masukan tidak lolos pemeriksaan indikator."),
       ("check failed: {check}", "Data masukan tidak lolos pemeriksaan indikator: {check}.")),
    _e("CALCULATION_ERROR", ("the value cannot be calculated",
                             "Nilai tidak dapat dihitung dari data masukan ini; periksa data masukannya."),
       ("{indicator} gave no finite number", "Indikator {indicator} tidak menghasilkan angka yang sah dari data "
                                             "masukan ini; periksa data masukannya.")),
    _e("DAY_IN_FUTURE", ("the day is after today", "Tanggal catatan kerja tidak boleh melewati hari ini."),
       ("{day} is after today ({today})", "Tanggal {day} melewati hari ini ({today}).")),
    _e("DAY_OVER_24_HOURS", ("a day has at most 24 hours of work", "Catatan kerja satu hari paling banyak 24 jam."),
       ("NIP {nip} would have {total} minutes on {day}: at most {limit} a day",
        "Catatan kerja NIP {nip} pada {day} akan menjadi {total} menit; paling banyak {limit} menit sehari.")),
    _e("OUTSIDE_CYCLE", ("the day is in no cycle", "Tanggal catatan kerja berada di luar siklus kinerja."),
       ("{day} is in no cycle: there is no cycle {year}",
        "Tanggal {day} berada di luar siklus kinerja: belum ada siklus {year}.")),
    _e("RANGE_TOO_LONG", ("the range is too long", "Rentang tanggal terlalu panjang."),
       ("a range is at most {limit} days; this one is {days}",
        "Rentang tanggal paling lama {limit} hari; rentang ini {days} hari."),
       ("a range is at most {limit} years; this one is {years}",
        "Rentang paling lama {limit} tahun; rentang ini {years} tahun.")),
    _e("ITEM_MISMATCH", ("the RHK differs from the work-log entry's",
                         "RHK tidak sesuai dengan RHK catatan kerja yang dipilih.")),
    _e("WRONG_CYCLE", ("the work-log entry is of another cycle", "Catatan kerja berasal dari siklus lain.")),
    _e("NO_SKP", ("the person has no SKP in this cycle", "Pegawai belum memiliki SKP pada siklus ini; kosongkan "
                                                        "pilihan RHK.")),
    _e("AGENCY_REQUIRED", ("give the agency of the unit", "Pilih perangkat daerah terlebih dahulu sebelum memilih "
                                                          "unit.")),
    _e("REASON_REQUIRED", ("a reason is required", "Alasan wajib diisi."),
       ("moving cycle {year} back from {status} to {to} needs a reason",
        "Mengembalikan siklus {year} dari tahap {status} ke {to} memerlukan alasan.")),
    _e("REFERENCE_REQUIRED", ("the decree's reference is required",
                              "Nomor surat keputusan wajib diisi untuk keputusan yang dicatat BKPSDM.")),
    _e("OVERRIDE_REASON_REQUIRED", ("say why the rating differs from the suggestion",
                                    "Penilaian hasil kerja berbeda dari saran; isi alasan tidak mengikuti saran."),
       ("the results rating {rating} differs from the suggested {suggested}: say why",
        "Penilaian hasil kerja {rating} berbeda dari saran {suggested}; isi alasan tidak mengikuti saran.")),
    _e("CURVE_JUSTIFICATION_REQUIRED", ("the rating breaks the distribution curve: give a justification",
                                        "Penilaian ini menyimpang dari kurva distribusi; isi alasan penyimpangan "
                                        "kurva."),
       ("{predikat} for {nip} breaks the distribution curve",
        "Predikat {predikat} untuk NIP {nip} menyimpang dari kurva distribusi; isi alasan penyimpangan kurva.")),
    _e("UNCHANGED", ("CHANGED needs a different rating",
                     "Untuk \u201cPenilaian diubah\u201d, pilih penilaian hasil kerja atau perilaku kerja yang berbeda "
                     "dari penilaian semula.")),
    _e("IN_THE_PAST", ("the day is in the past", "Tanggal tidak boleh sebelum hari ini.")),
    _e("IN_THE_FUTURE", ("the day is in the future", "Tanggal tidak boleh melewati hari ini."),
       ("{nip} leaves on {day}, after today ({today})",
        "Tanggal berhenti {day} melewati hari ini ({today}); catat pada hari NIP {nip} berhenti."),
       ("a transfer takes effect today ({today}) or earlier; record one that takes effect on {day} on that day",
        "Mutasi berlaku paling lambat hari ini ({today}); "
                                                              "catat mutasi yang berlaku {day} pada hari itu.")),
    _e("BEFORE_CURRENT", ("the day is before the current assignment",
                          "Tanggal berlaku tidak boleh sebelum penempatan saat ini dimulai."),
       ("{nip} would leave on {day}, before the current assignment began on {since}",
        "Tanggal berhenti {day} sebelum penempatan NIP {nip} saat ini dimulai ({since})."),
       ("{nip}'s current assignment began on {day}", "Penempatan NIP {nip} saat ini dimulai {day}; mutasi berlaku "
                                                     "pada tanggal itu atau sesudahnya.")),
    _e("BEFORE_START", ("the last day is before the first", "Hari terakhir tidak boleh sebelum hari pertama."),
       ("the last day {end} is before the first {start}", "Hari terakhir {end} sebelum hari pertama {start}.")),
    _e("OVERLAPS", ("the assignment overlaps another", "Penugasan Plt/Plh ini bertumpang tindih dengan penugasan "
                                                       "lain pada jabatan yang sama."),
       ("an acting assignment covers {start} to {end} in this post",
        "Penugasan Plt/Plh pada jabatan ini sudah mencakup {start} sampai {end}.")),
    _e("HOLDS_POST", ("nobody acts for themselves", "Pemegang jabatan tidak dapat menjadi Plt/Plh untuk dirinya "
                                                    "sendiri.")),
    _e("POST_HELD", ("the post is held", "Jabatan ini sedang diisi; Plt hanya untuk jabatan kosong (tunjuk Plh bila "
                                         "pemegangnya berhalangan), dan pemegangnya harus dipindahkan terlebih "
                                         "dahulu.")),
    _e("POST_VACANT", ("the post is vacant", "Jabatan ini kosong; Plh menggantikan pemegang jabatan yang berhalangan, "
                                             "untuk jabatan kosong tunjuk Plt.")),
    _e("ALREADY_HEADED", ("the unit has a head post already", "Unit ini sudah memiliki jabatan kepala; satu unit "
                                                              "memiliki satu jabatan kepala.")),
    _e("NOT_A_HEAD_POST", ("the post heads no unit", "Jabatan ini tidak memimpin unit; hanya jabatan kepala unit "
                                                     "yang dapat memiliki Plt/Plh.")),
    _e("WRONG_UNIT", ("the post heads another unit", "Jabatan ini memimpin unit lain; pemegangnya bekerja di unit "
                                                     "tersebut.")),
    _e("NOTHING_CHANGES", ("the transfer changes nothing", "Mutasi ini tidak mengubah apa pun: pegawai sudah berada "
                                                           "di sana.")),
    # leaving the service (services/org/departures.py)
    _e("ALREADY_DEPARTED", ("the person left the service already", "Pegawai ini sudah tidak aktif."),
       ("{nip} left the service on {day} already", "NIP {nip} sudah tidak aktif sejak {day}.")),
    _e("NOT_DEPARTED", ("the person is in service", "Pegawai ini masih aktif; tidak ada yang perlu diaktifkan "
                                                    "kembali."),
       ("{nip} is in service", "NIP {nip} masih aktif; tidak ada yang perlu diaktifkan kembali.")),
    _e("STILL_SUPERVISES", ("the person still supervises people in service",
                            "Pegawai ini masih menjadi atasan langsung pegawai aktif; pindahkan mereka ke atasan lain "
                            "terlebih dahulu."),
       ("{nip} still supervises {count} people in service",
        "NIP {nip} masih menjadi atasan langsung {count} pegawai aktif; pindahkan mereka ke atasan lain (mutasi) "
        "terlebih dahulu.")),
    _e("STILL_ACTING", ("the person acts in a head post", "Pegawai ini masih menjabat Plt/Plh; akhiri penugasan "
                                                          "tersebut terlebih dahulu."),
       ("{nip} acts as {kind} until {day}", "NIP {nip} menjabat {kind} sampai {day}; akhiri penugasan tersebut "
                                            "terlebih dahulu.")),
    _e("SUPERVISOR_DEPARTED", ("the supervisor left the service", "Atasan yang dipilih sudah tidak aktif; pilih "
                                                                  "pegawai yang masih aktif."),
       ("{nip} left the service on {day}", "NIP {nip} sudah tidak aktif sejak {day}; pilih atasan yang masih "
                                           "aktif.")),
    _e("PERSON_DEPARTED", ("the person left the service", "Pegawai ini sudah tidak aktif; aktifkan kembali terlebih "
                                                          "dahulu."),
       ("{nip} left the service on {day}", "NIP {nip} sudah tidak aktif sejak {day}; aktifkan kembali terlebih "
                                           "dahulu.")),
    _e("WRONG_AGENCY", ("the indicator belongs to another agency", "Indikator ini milik perangkat daerah lain."),
       ("indicator {indicator} belongs to another agency", "Indikator {indicator} milik perangkat daerah lain.")),
    # -- state and concurrency --------------------------------------------------------------------------------
    _e("STALE_VERSION", ("it changed since it was read", "Data telah diubah oleh orang lain sejak Anda membukanya; "
                                                         "muat ulang lalu coba lagi."),
       ("it is at version {current}, not {version}",
        "Data sudah berada pada versi {current}, bukan {version}: data telah diubah sejak Anda membukanya; muat "
        "ulang lalu coba lagi.")),
    _e("CONFLICT", ("it changed at the same time", "Data diubah pada saat yang sama oleh permintaan lain; muat ulang "
                                                   "lalu coba lagi."),
       ("it is at version {current}, not {version}",
        "Data sudah berada pada versi {current}, bukan {version}: data telah diubah sejak Anda membukanya; muat "
        "ulang lalu kirim versi {current}."),
       ("it already exists at version {current}",
        "Data ini sudah ada pada versi {current}; muat ulang lalu kirim versi tersebut untuk mengubahnya.")),
    _e("CYCLE_CLOSED", ("the cycle is closed", "Siklus sudah ditutup; data tidak dapat diubah lagi."),
       ("cycle {year} is CLOSED", "Siklus {year} sudah ditutup; data tidak dapat diubah lagi.")),
    _e("CYCLE_STATE", ("the cycle's status does not allow this", "Tahap siklus saat ini tidak mengizinkan perubahan "
                                                                 "ini."),
       ("this can change only while cycle {year} is {allowed}; it is {status}",
        "Perubahan ini hanya dapat dilakukan saat siklus {year} berada pada tahap {allowed}; saat ini tahap "
        "{status}.")),
    _e("INVALID_TRANSITION", ("the cycle cannot move so", "Siklus tidak dapat dipindahkan ke tahap itu."),
       ("cycle {year} is {status} already", "Siklus {year} sudah berada pada tahap {status}."),
       ("cycle {year} moves forward one step at a time: {status} -> {to}",
        "Siklus {year} maju satu tahap setiap kali: dari {status} ke {to}.")),
    _e("FINALIZED", ("the rating is finalized", "Penilaian sudah difinalisasi; penilaian tidak dapat diubah kecuali "
                                                "dibuka kembali oleh Admin BKPSDM."),
       ("the rating of {nip} for {period} is finalized",
        "Penilaian NIP {nip} periode {period} sudah difinalisasi; penilaian tidak dapat diubah kecuali dibuka "
        "kembali oleh Admin BKPSDM.")),
    _e("ALREADY_FINALIZED", ("the rating is finalized already", "Penilaian sudah difinalisasi."),
       ("the rating of {nip} for {period} is finalized already",
        "Penilaian NIP {nip} periode {period} sudah difinalisasi; hanya Admin BKPSDM yang dapat membukanya "
        "kembali.")),
    _e("ASSESSMENT_REQUIRED", ("the supervisor assessment is missing", "Penilaian atasan belum dikirim; kirim "
                                                                       "penilaian atasan terlebih dahulu."),
       ("{nip} has no supervisor assessment for {period}",
        "NIP {nip} belum memiliki penilaian atasan untuk periode {period}; kirim penilaian atasan terlebih dahulu.")),
    _e("OBJECTION_EXISTS", ("an objection exists already", "Keberatan atas penilaian periode ini sudah pernah "
                                                           "diajukan."),
       ("{nip} has already objected to the rating of {period}",
        "NIP {nip} sudah mengajukan keberatan atas penilaian periode {period}.")),
    _e("OBJECTION_OPEN", ("an objection is open", "Masih ada keberatan yang belum diputuskan; putuskan keberatan "
                                                  "itu terlebih dahulu."),
       ("{nip} has an open objection to the rating of {period}",
        "NIP {nip} memiliki keberatan yang belum diputuskan atas penilaian periode {period}; putuskan keberatan "
        "itu terlebih dahulu.")),
    _e("OBJECTION_DECIDED", ("the objection is decided", "Keberatan ini sudah diputuskan; keputusan bersifat final "
                                                         "dan tidak menerima perubahan lagi.")),
    _e("OBJECTION_PERIOD_OVER", ("the time for objections is over",
                                 "Masa pengajuan keberatan sudah lewat: keberatan hanya dapat diajukan dalam jangka "
                                 "waktu tertentu sejak penilaian difinalisasi."),
       ("the rating of {period} was finalized on {finalized}: objections were open for {days} days, until {until}",
        "Masa pengajuan keberatan sudah lewat: penilaian periode {period} difinalisasi {finalized}, dan keberatan "
        "hanya dapat diajukan dalam {days} hari, sampai {until}.")),
    _e("ACTION_COMPLETED", ("the action is completed", "Tindakan ini sudah dilaksanakan: tindakan yang sudah "
                                                       "dilaksanakan tetap tercantum dalam rencana tanpa perubahan."),
       ("the action is {status}", "Tindakan ini berstatus {status}: tindakan yang sudah dilaksanakan tetap "
                                  "tercantum dalam rencana tanpa perubahan.")),
    _e("ACTION_CONFIRMED", ("the action is confirmed", "Tindakan ini sudah dikonfirmasi atasan dan tidak dapat "
                                                       "diubah lagi.")),
    _e("ACTION_NOT_DONE", ("the action is not done", "Tindakan ini belum dilaksanakan: pegawai mencatat "
                                                     "pelaksanaannya terlebih dahulu."),
       ("the action is {status}", "Tindakan ini berstatus {status}: pegawai mencatat pelaksanaannya terlebih "
                                  "dahulu.")),
    _e("ALREADY_AGREED", ("you have agreed already", "Anda sudah menyetujui rencana ini.")),
    _e("PLAN_EMPTY", ("the plan has no action", "Rencana pengembangan belum memiliki tindakan; tambahkan paling "
                                                "sedikit satu tindakan sebelum disetujui.")),
    _e("PLAN_NOT_AGREED", ("the plan is not agreed", "Rencana pengembangan belum disetujui pegawai dan pejabat "
                                                     "penilai; tindakan dicatat setelah rencana disetujui.")),
    _e("DATE_IN_FUTURE", ("the date is after today", "Tanggal tidak boleh melewati hari ini."),
       ("{date} is after today {today}", "Tanggal {date} melewati hari ini ({today}).")),
    _e("DEVELOPMENT_PLAN_REQUIRED", ("an agreed development plan is required",
                                     "Pegawai ini wajib memiliki rencana pengembangan kompetensi yang disetujui "
                                     "sebelum penilaian berikutnya difinalisasi."),
       ("the rating of {period} requires an agreed development plan (cycle {year}) before the rating of {period2}",
        "Penilaian periode {period} mewajibkan rencana pengembangan kompetensi siklus {year} yang disetujui pegawai "
        "dan pejabat penilai sebelum penilaian periode {period2} difinalisasi.")),
    _e("ALREADY_ANSWERED", ("the feedback has been answered", "Umpan balik ini sudah ditanggapi.")),
    _e("ALREADY_DECIDED", ("the draft is approved", "Draf ini sudah disetujui dan menjadi riwayat indikator; mulai "
                                                    "draf baru untuk mengubah indikator.")),
    _e("ALREADY_RETIRED", ("the indicator is retired already", "Indikator ini sudah dipensiunkan."),
       ("{indicator} is already retired", "Indikator {indicator} sudah dipensiunkan.")),
    _e("DUPLICATE_DRAFT", ("another draft drafts this indicator", "Indikator ini sudah memiliki draf lain; buka draf "
                                                                  "tersebut.")),
    _e("TOO_MANY_DRAFTS", ("the agency has too many open drafts", "Perangkat daerah ini sudah mencapai batas draf "
                                                                  "indikator terbuka; ajukan atau buang salah satu "
                                                                  "draf terlebih dahulu."),
       ("{agency} has {limit} open drafts", "Perangkat daerah {agency} sudah memiliki {limit} draf terbuka, batas "
                                            "terbanyak; ajukan atau buang salah satu draf terlebih dahulu.")),
    _e("STALE_BASE", ("the indicator changed since the draft was begun",
                      "Indikator telah berubah sejak draf ini dimulai; perangkat daerah perlu membuka draf kembali dan "
                      "mengajukannya ulang.")),
    _e("NO_CHANGE", ("the draft is the same as the current version", "Draf sama dengan versi indikator yang berlaku "
                                                                     "saat ini.")),
    _e("NOT_AN_EDIT", ("the draft drafts a new indicator", "Draf ini untuk indikator baru sehingga belum memiliki "
                                                           "riwayat; pratinjau dengan contoh data masukan.")),
    _e("CODE_FROM_FILE", ("the indicator is defined in a spec file",
                          "Indikator ini ditetapkan dalam berkas spesifikasi dan tidak dapat diubah dari konsol."),
       ("{indicator} is defined in a spec file", "Indikator {indicator} ditetapkan dalam berkas spesifikasi dan tidak "
                                                 "dapat diubah dari konsol.")),
    _e("INDICATOR_UNAVAILABLE", ("the indicator is not available", "Indikator ini sedang tidak dapat dimuat; "
                                                                   "hubungi admin.")),
    _e("INDICATOR_RETIRED", ("the indicator is retired", "Indikator ini sudah dipensiunkan; realisasinya tidak dapat "
                                                         "dicatat lagi.")),
    _e("SKP_LOCKED", ("the SKP is locked", "SKP sudah disetujui dan dikunci; buka revisi baru untuk mengubahnya.")),
    _e("SKP_NOT_DRAFT", ("the SKP is not a draft", "SKP tidak berstatus draf; hanya draf atau SKP yang "
                                                   "dikembalikan yang dapat diubah atau diajukan.")),
    _e("SKP_NOT_SUBMITTED", ("the SKP is not submitted", "SKP belum diajukan; hanya SKP yang diajukan yang dapat "
                                                         "disetujui atau dikembalikan.")),
    _e("SKP_NOT_APPROVED", ("the SKP is not approved", "SKP belum disetujui; revisi hanya dapat dibuka dari SKP yang "
                                                       "disetujui.")),
    _e("SKP_EMPTY", ("the SKP has no MAIN RHK", "SKP harus memuat paling sedikit satu RHK utama sebelum diajukan.")),
    _e("SKP_INCOMPLETE", ("a MAIN RHK has no indicator", "Setiap RHK utama harus memiliki paling sedikit satu "
                                                         "indikator."),
       ("every MAIN RHK needs an indicator; {keys} has none",
        "Setiap RHK utama harus memiliki paling sedikit satu indikator; {keys} belum memilikinya.")),
    _e("SKP_INDICATOR_MEASURED", ("the indicator has measurements", "Indikator ini sudah memiliki realisasi dan tidak "
                                                                    "dapat dihapus.")),
    # -- access -----------------------------------------------------------------------------------------------
    _e("NOT_FOUND", ("not found", "Data tidak ditemukan atau di luar akses Anda."),
       ("no {what}", "{what} tidak ditemukan."),
       ("no cycle {year}", "Siklus {year} tidak ditemukan."),
       ("no {what} {key}", "{what} {key} tidak ditemukan."),
       ("no person with NIP {nip}", "Pegawai dengan NIP {nip} tidak ditemukan."),
       ("no {what} {key} in agency {agency}", "{what} {key} tidak ditemukan di perangkat daerah {agency}."),
       ("{nip} has no {what} for {period}", "{what} untuk NIP {nip} periode {period} tidak ditemukan."),
       ("{nip} has no {what} in cycle {year}", "{what} untuk NIP {nip} pada siklus {year} tidak ditemukan.")),
    _e("FORBIDDEN", ("not allowed", "Anda tidak berwenang melakukan tindakan ini."),
       ("not allowed: {action}", "Anda tidak berwenang {action}.")),
    _e("UNAUTHENTICATED", ("not signed in", "Anda belum masuk atau sesi Anda sudah berakhir; silakan masuk kembali.")),
    _e("PASSWORD_CHANGE_REQUIRED", ("change the one-time password first",
                                    "Sesi ini masuk dengan kata sandi sekali pakai; ganti kata sandi terlebih "
                                    "dahulu.")),
    _e("ACCOUNT_INACTIVE", ("the person left the service: sign-in is closed",
                            "Pegawai ini sudah tidak aktif; akun tidak dapat digunakan untuk masuk. Hubungi admin "
                            "perangkat daerah atau BKPSDM."),
       ("NIP {nip} left the service on {day}",
        "NIP {nip} sudah tidak aktif sejak {day}; akun tidak dapat digunakan untuk masuk. Hubungi admin perangkat "
        "daerah atau BKPSDM.")),
    _e("INVALID_CREDENTIALS", ("wrong NIP or password", "NIP atau kata sandi salah."),
       ("the {what} is wrong", "{what} salah.")),
    _e("TOO_MANY_ATTEMPTS", ("too many failed sign-ins", "Terlalu banyak percobaan masuk yang gagal; coba lagi "
                                                         "nanti."),
       ("too many failed sign-ins: try again in {seconds}",
        "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam {seconds}.")),
    _e("LOCKED", ("sign-ins are locked for a while", "Percobaan masuk dikunci sementara karena terlalu banyak yang "
                                                     "gagal; coba lagi nanti."),
       ("too many failed sign-ins: locked, try again in {seconds}",
        "Percobaan masuk dikunci sementara karena terlalu banyak yang gagal; coba lagi dalam {seconds}.")),
    _e("RATE_LIMITED", ("too many answers from this address", "Terima kasih atas jawaban Anda. Terlalu banyak "
                                                               "jawaban dari alamat ini; silakan coba lagi nanti."),
       ("at most {limit} answers within {window_seconds}; try again in {seconds}",
        "Terima kasih atas jawaban Anda. Paling banyak {limit} jawaban diterima dari satu alamat dalam "
        "{window_seconds}; silakan coba lagi dalam {seconds}.")),
    # -- reads' arguments -------------------------------------------------------------------------------------
    _e("BAD_ARGUMENT", ("the argument cannot be used", "Argumen tidak dapat digunakan."),
       ("{field} cannot be used", "{field} tidak dapat digunakan."),
       ("{field} must be one of {allowed}", "{field} harus salah satu dari: {allowed}.")),
    _e("PERSISTED_QUERY_NOT_FOUND", ("no trusted document has this id",
                                     "Dokumen kueri tidak dikenal server ini; muat ulang halaman.")),
    _e("TRUSTED_DOCUMENT_REQUIRED", ("this server runs trusted documents only",
                                     "Server ini hanya menjalankan kueri konsol yang terdaftar.")),
    _e("EXPORT_TOO_LARGE", ("the list is too long for one file",
                            "Daftar terlalu panjang untuk satu berkas; persempit dengan saringan lalu unduh kembali."),
       ("the list has more than {limit} rows; narrow it (a period, an agency, dates) and export again",
        "Daftar berisi lebih dari {limit} baris; persempit dengan periode, perangkat daerah atau tanggal, lalu unduh "
        "kembali.")),
    _e("BAD_CURSOR", ("after is not a cursor of this list", "Posisi halaman tidak dikenal; muat ulang daftar dari "
                                                            "awal.")),
    _e("BAD_PAGE_SIZE", ("the page size is out of range", "Jumlah per halaman di luar batas."),
       ("first must be between 1 and {max}", "Jumlah per halaman harus antara 1 dan {max}.")),
    # -- the spec check (checkIndicatorSpec) and spec files -------------------------------------------------------
    _e("YAML_INVALID", ("the YAML does not parse",
                        "Teks YAML tidak dapat dibaca; periksa penulisan dan indentasinya.")),
    _e("YAML_TAG", ("unsupported YAML tag", "Tag YAML tidak didukung.")),
    _e("UNKNOWN_KEY", ("unknown key", "Kunci tidak dikenal."),
       ("unknown key at {field}", "Kunci tidak dikenal: {field}.")),
    _e("MISSING_CALCULATOR_INPUTS", ("the calculator's required inputs are missing",
                                     "Data masukan yang diperlukan kalkulator belum dideklarasikan.")),
    _e("FORMULA_OR_CALCULATOR", ("give exactly one of formula and calculator",
                                 "Isi tepat salah satu: rumus atau kalkulator.")),
    _e("UNKNOWN_CALCULATOR", ("unknown calculator", "Kalkulator tidak dikenal.")),
    _e("NOT_A_MAPPING", ("must be a mapping", "Harus berupa pemetaan kunci dan nilai."),
       ("{field} must be a mapping", "{field} harus berupa pemetaan kunci dan nilai.")),
    _e("NOT_A_LIST", ("must be a list", "Harus berupa daftar."),
       ("{field} must be a list", "{field} harus berupa daftar.")),
    _e("NOT_A_VALUE", ("must be a single value", "Harus berupa satu nilai."),
       ("{field} must be a single value", "{field} harus berupa satu nilai.")),
    _e("NOT_A_NUMBER", ("must be a finite number", "Harus berupa angka."),
       ("{field} must be a finite number", "{field} harus berupa angka.")),
    _e("NOT_A_BOOLEAN", ("must be true or false", "Harus bernilai true atau false."),
       ("{field} must be true or false", "{field} harus bernilai true atau false.")),
    _e("INVALID_NAME", ("input names are letters, digits and '_'",
                        "Nama data masukan hanya boleh memuat huruf kecil, angka dan '_', diawali huruf.")),
    _e("INVALID_TARGET", ("the target is not valid", "Target tidak valid.")),
    _e("INVALID_RATING", ("the rating thresholds are not valid", "Ambang penilaian tidak valid.")),
    _e("INVALID_ACHIEVEMENT", ("the achievement rules are not valid", "Aturan capaian tidak valid.")),
    _e("INVALID_FORMULA", ("the formula is not valid", "Rumus tidak valid.")),
    _e("INVALID_CHECK", ("the check is not valid", "Pemeriksaan tidak valid.")),
    _e("INVALID_SPEC", ("the spec is not valid", "Spesifikasi indikator tidak valid.")),
    _e("CHECK_NEVER_HOLDS", ("the check can never hold", "Pemeriksaan ini tidak pernah terpenuhi oleh data masukan "
                                                         "apa pun.")),
    _e("TOO_MANY_PROBLEMS", ("more problems are not shown", "Masih ada masalah lain yang tidak ditampilkan."),
       ("{count} more problems are not shown", "{count} masalah lain tidak ditampilkan.")),
    _e("NOT_EXTRACTABLE", ("the entry does not load alone", "Entri ini tidak dapat dimuat tersendiri seperti di "
                                                            "berkasnya; tuliskan secara lengkap.")),
    _e("NO_TEXT", ("the version has no stored text", "Versi ini tidak memiliki teks tersimpan.")),
    _e("UNREADABLE", ("the file cannot be read", "Berkas tidak dapat dibaca.")),
    _e("VERSION_DIFFERS", ("the spec loads as another version", "Spesifikasi termuat sebagai versi lain daripada yang "
                                                                "tersimpan (plugin kalkulator mungkin tidak "
                                                                "terpasang).")),
    # -- the HTTP guard, the query limits and the server ------------------------------------------------------
    _e("BAD_REQUEST", ("the request cannot be read", "Permintaan tidak dapat dibaca.")),
    _e("UNSUPPORTED_MEDIA_TYPE", ("POST /graphql takes Content-Type: application/json only",
                                  "Permintaan harus dikirim dengan Content-Type: application/json.")),
    _e("BODY_TOO_LARGE", ("the request body is too large", "Isi permintaan terlalu besar."),
       ("the request body is larger than {limit} bytes", "Isi permintaan lebih dari {limit} bita.")),
    _e("BATCHING_NOT_SUPPORTED", ("batched operations are not supported",
                                  "Beberapa operasi dalam satu permintaan tidak didukung; kirim satu operasi per "
                                  "permintaan.")),
    _e("JSON_TOO_DEEP", ("the request body nests too deep", "Isi permintaan bersarang terlalu dalam."),
       ("the request body nests deeper than {limit} levels",
        "Isi permintaan bersarang lebih dari {limit} tingkat.")),
    _e("NUMBER_TOO_LONG", ("a number in the request body is too long",
                           "Isi permintaan memuat angka yang terlalu panjang atau tidak sah."),
       ("a number of more than {limit} characters", "Isi permintaan memuat angka lebih dari {limit} karakter, di luar "
                                                    "jangkauan, atau NaN/Infinity.")),
    _e("METHOD_NOT_ALLOWED", ("use POST", "Operasi ini harus dikirim dengan metode POST.")),
    _e("TIMEOUT", ("the request took too long", "Permintaan terlalu lama dan dihentikan; perubahan yang belum selesai "
                                                "dibatalkan."),
       ("the request took longer than {seconds}", "Permintaan berjalan lebih dari {seconds} dan dihentikan; "
                                                  "perubahan yang belum selesai dibatalkan.")),
    _e("INTERNAL", ("internal error", "Terjadi kesalahan pada server."),
       ("internal error (request id {requestId})", "Terjadi kesalahan pada server (nomor permintaan {requestId}).")),
    _e("QUERY_TOO_COSTLY", ("the query is too costly", "Kueri terlalu besar; minta halaman yang lebih kecil atau "
                                                       "lebih sedikit daftar bersarang."),
       ("query cost {cost} exceeds the limit of {limit}",
        "Biaya kueri {cost} melebihi batas {limit}; minta halaman yang lebih kecil atau lebih sedikit daftar "
        "bersarang.")),
    _e("LIST_TOO_LONG", ("the list is too long", "Daftar melebihi batas jumlahnya."),
       ("{field} has more than {bound} items", "{field} berisi lebih dari {bound} butir.")),
    _e("GRAPHQL_PARSE_FAILED", ("the document is not GraphQL", "Teks kueri GraphQL tidak dapat dibaca; periksa "
                                                                "penulisannya.")),
    _e("TOO_MANY_TOKENS", ("the document has too many tokens", "Kueri terlalu panjang (terlalu banyak token).")),
    _e("GRAPHQL_VALIDATION_FAILED", ("the document does not fit the schema",
                                     "Kueri tidak sesuai dengan skema GraphQL platform ini.")),
    _e("INTROSPECTION_DISABLED", ("introspection is turned off", "Introspeksi skema dimatikan di server ini.")),
    _e("BAD_VARIABLES", ("a variable cannot be used", "Nilai variabel kueri tidak dapat digunakan.")),
    _e("QUERY_TOO_DEEP", ("the query is nested too deeply", "Kueri bersarang terlalu dalam.")),
    _e("TOO_MANY_ALIASES", ("too many aliases", "Kueri memuat terlalu banyak alias.")),
)

CATALOG: dict[str, Entry] = {e.code: e for e in _ENTRIES}


# -- the texts the services build --------------------------------------------------------------------------------

# (key, English form, Indonesian); a form's `{name}` matches any text, `{name:d}` digits, `{name:n}` a number;
# `{inner}` is itself a text and is translated in turn
_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("SUGGESTION_NONE", "no measurements of {nip} for period {period}: nothing to suggest from",
     "Belum ada realisasi NIP {nip} untuk periode {period}, sehingga belum ada saran."),
    ("SUGGESTION", "{count:d} result(s) in {period}: {above:d} above, {meets:d} meeting, {below:d} below expectation "
                   "(above: most or all above and no main result below; below: most or all below; otherwise meets; "
                   "the majority judged on main results, additional ones only raising)",
     "{count} hasil kerja pada periode {period}: {above} di atas, {meets} sesuai, {below} di bawah ekspektasi (di "
     "atas: sebagian besar atau semua di atas dan tidak ada hasil kerja utama di bawah; di bawah: sebagian besar atau "
     "semua di bawah; selain itu sesuai; mayoritas dinilai dari hasil kerja utama, hasil kerja tambahan hanya dapat "
     "menaikkan)."),
    ("SUGGESTION_KINDS", "{count:d} result(s) in {period} ({main:d} main, {additional:d} additional): {above:d} above, "
                         "{meets:d} meeting, {below:d} below expectation (above: most or all above and no main result "
                         "below; below: most or all below; otherwise meets; the majority judged on main results, "
                         "additional ones only raising)",
     "{count} hasil kerja pada periode {period} ({main} utama, {additional} tambahan): {above} di atas, {meets} "
     "sesuai, {below} di bawah ekspektasi (di atas: sebagian besar atau semua di atas dan tidak ada hasil kerja utama "
     "di bawah; di bawah: sebagian besar atau semua di bawah; selain itu sesuai; mayoritas dinilai dari hasil kerja "
     "utama, hasil kerja tambahan hanya dapat menaikkan)."),
    ("UNIT_HEAD_ORG", "head of unit {agency}/{unit}: the unit's organisation predikat for {period} is {org}, which the "
                      "unit-head rule maps to {rating} (KINERJA_UNIT_HEAD_RATINGS)",
     "Kepala unit {agency}/{unit}: predikat kinerja organisasi unit untuk periode {period} adalah {org}, yang menurut "
     "aturan kepala unit berarti {rating}."),
    ("UNIT_HEAD_NOTHING", "head of unit {agency}/{unit}: no organisation predikat and no measurements of the unit's "
                          "targets for {period}: nothing to suggest from",
     "Kepala unit {agency}/{unit}: belum ada predikat kinerja organisasi dan belum ada realisasi target unit untuk "
     "periode {period}, sehingga belum ada saran."),
    ("UNIT_HEAD_ACHIEVEMENTS", "head of unit {agency}/{unit}: no organisation predikat for {period}; {count:d} "
                               "result(s) of the unit in {period2}: {above:d} above, {meets:d} meeting, {below:d} "
                               "below "
                               "expectation (above: most or all above and none below; below: most or all below; "
                               "otherwise meets)",
     "Kepala unit {agency}/{unit}: belum ada predikat kinerja organisasi untuk periode {period}; {count} hasil kerja "
     "unit pada periode {period2}: {above} di atas, {meets} sesuai, {below} di bawah ekspektasi (di atas: sebagian "
     "besar atau semua di atas dan tidak ada yang di bawah; di bawah: sebagian besar atau semua di bawah; selain itu "
     "sesuai)."),
    ("UNIT_HEAD_PLUGIN", "head of unit {agency}/{unit}: a plugin's answer ({count:d} result(s) of the unit in "
                         "{period}: {above:d} above, {meets:d} meeting, {below:d} below expectation; organisation "
                         "predikat {org})",
     "Kepala unit {agency}/{unit}: jawaban plugin ({count} hasil kerja unit pada periode {period}: {above} di atas, "
     "{meets} sesuai, {below} di bawah ekspektasi; predikat kinerja organisasi {org})."),
    ("CURVE_NOT_CHECKED", "the distribution curve was not checked: {agency} has no organisation predikat for {period} "
                          "(setOrgPredikat)",
     "Kurva distribusi belum diperiksa: perangkat daerah {agency} belum memiliki predikat kinerja organisasi untuk "
     "periode {period}."),
    ("CURVE_UNIT", "unit {agency}/{unit}: {inner}", "Unit {agency}/{unit}: {inner}"),
    ("CURVE_MAX", "{label} {count:d} of {total:d} ({share:n} %) exceeds the {max:n} % maximum for {article} {org} "
                  "{of}: "
                  "at most {limit:d} of {total2:d}",
     "{label} {count} dari {total} ({share} %) melebihi batas paling banyak {max} % untuk {of} berpredikat {org}: "
     "paling banyak {limit} dari {total2}."),
    ("CURVE_MIN_PERCENT", "{label} {count:d} of {total:d} ({share:n} %) falls short of the {min:n} % minimum for "
                          "{article} {org} {of}: at least {limit:d} of {total2:d}{pending}",
     "{label} {count} dari {total} ({share} %) kurang dari batas paling sedikit {min} % untuk {of} berpredikat {org}: "
     "paling sedikit {limit} dari {total2}{pending}."),
    ("CURVE_MORE_THAN", "{label} {count:d} of {total:d} ({share:n} %) falls short of more than {min:n} % for "
                        "{article} {org} {of}: at least {limit:d} of {total2:d}{pending}",
     "{label} {count} dari {total} ({share} %) belum melebihi {min} % untuk {of} berpredikat {org}: paling sedikit "
     "{limit} dari {total2}{pending}."),
    ("CURVE_MIN_COUNT", "{label} {count:d} of {total:d} ({share:n} %) falls short of the minimum of {min:d} for "
                        "{article} {org} {of}: at least {limit:d} of {total2:d}{pending}",
     "{label} {count} dari {total} ({share} %) kurang dari jumlah paling sedikit {min} untuk {of} berpredikat {org}: "
     "paling sedikit {limit} dari {total2}{pending}."),
    # the impact report's caveat (services/reports/impact.py)
    ("IMPACT_CAVEAT", "These figures show an association over time, not proof of cause and effect: the IKM and the "
                      "predikat also move with other things (new staff, changes to the service, who answered the "
                      "survey), and a predikat after a plan is one later rating of the person.",
     "Angka ini menunjukkan keterkaitan dari waktu ke waktu, bukan bukti sebab-akibat: IKM dan predikat juga "
     "dipengaruhi hal lain (pegawai baru, perubahan layanan, siapa yang mengisi survei), dan predikat sesudah rencana "
     "pengembangan hanyalah satu penilaian berikutnya dari pegawai itu."),
)
TEXT_KEYS = tuple(key for key, _, _ in _TEXTS)
_PENDING = re.compile(r"^, and only (?P<n>\d+) not yet rated$")


def _form(english: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)(?::(\w))?\}", english):
        out.append(re.escape(english[pos:m.start()]))
        name, kind = m.group(1), m.group(2)
        if name == "pending":
            out.append(r"(?P<pending>(?:, and only \d+ not yet rated)?)")
        else:
            out.append(f"(?P<{name}>" + (r"\d+" if kind == "d" else r"-?\d+(?:\.\d+)?" if kind == "n" else ".+?") + ")")
        pos = m.end()
    out.append(re.escape(english[pos:]))
    return re.compile("^" + "".join(out) + "$", re.S)


_FORMS = tuple((key, _form(en), re.sub(r"\{(\w+):\w\}", r"{\1}", en), idn) for key, en, idn in _TEXTS)


@functools.lru_cache(maxsize=4096)
def translate(text: str, language: str) -> str:
    """A text the services built (a suggestion reason, a curve warning), fresh or stored, in `language`: by its
    form in TEXTS; a text of no known form as it is."""
    if language != ID or not text:
        return text
    for _key, form, _en, idn in _FORMS:
        m = form.match(text)
        if m is None:
            continue
        values: dict[str, Any] = {}
        for name, value in m.groupdict().items():
            if name == "inner":
                values[name] = translate(value, language)
            elif name == "pending":
                found = _PENDING.match(value)
                values[name] = f", dan baru {found.group('n')} yang belum dinilai" if found else ""
            elif name in ("share", "max", "min"):
                values[name] = value.replace(".", ",")
            else:
                values[name] = value
        return _capitalized(idn.format_map(_Shown(values, LABELS)))
    return text


def text_english(key: str) -> str:
    """The English form of a text key, its parameters as {name} (tests and docs)."""
    return next(en for k, _, en, _ in _FORMS if k == key)


def text_indonesian(key: str) -> str:
    return next(idn for k, _, _, idn in _FORMS if k == key)


# -- rendering ---------------------------------------------------------------------------------------------------

_FORMATTER = string.Formatter()
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")
_QUARTERS = ("I", "II", "III", "IV")
# parameters shown as periods, or as enum values (`field`, `what`, `action` and `of` by their tables)
_PERIODS = {"period", "period2", "periods", "annual", "from_period", "to_period"}
_ALTERNATIVES = {"allowed", "to"}  # a list of these is joined with "atau" (one of them), others with "dan"
_ENUMS = {"status", "allowed", "to", "role", "predikat", "rating", "suggested", "org", "label", "kind", "outcome"}


def fields(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def period_label(period: str) -> str:
    """"Tahunan 2025", "Triwulan III 2025", "Maret 2025"; anything else as it is."""
    if re.fullmatch(r"\d{4}", period):
        return f"Tahunan {period}"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if m:
        return f"Triwulan {_QUARTERS[int(m.group(2)) - 1]} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", period)
    if m:
        return f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return period


def date_label(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def duration_label(seconds: int | float) -> str:
    seconds = max(0, math.ceil(seconds))
    if seconds < 120:
        return f"{seconds} detik"
    if seconds < 7200:
        return f"{math.ceil(seconds / 60)} menit"
    return f"{math.ceil(seconds / 3600)} jam"


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)
    text = f"{value:.6g}"
    return text.replace(".", ",")


def _joined(items: Sequence[str], conjunction: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def shown(name: str, value: Any, labels: Mapping[str, str] = LABELS) -> str:
    """A parameter as the Indonesian text shows it."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        return _joined([shown(name, v, labels) for v in items], "atau" if name in _ALTERNATIVES else "dan")
    if isinstance(value, str) and name in ("field", "what"):
        return labels.get(value, LABELS.get(value, value))
    if isinstance(value, str) and name in ("action", "of"):
        return (ACTIONS if name == "action" else VALUE_LABELS).get(value, value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dt.datetime):
        return date_label(value.date())
    if isinstance(value, dt.date):
        return date_label(value)
    if name == "seconds" or name.endswith("_seconds"):
        return duration_label(value) if isinstance(value, (int, float)) else str(value)
    if isinstance(value, (int, float)):
        return _number(value)
    text = str(value)
    if name in _PERIODS:
        return period_label(text)
    if name in _ENUMS:
        return " + ".join(VALUE_LABELS.get(part, part) for part in text.split(" + "))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date_label(dt.date.fromisoformat(text))
        except ValueError:
            return text
    return text


class _Shown(dict):
    def __init__(self, values: Mapping[str, Any], labels: Mapping[str, str]):
        super().__init__(values)
        self.labels = labels

    def __getitem__(self, name: str) -> str:
        return shown(name, dict.__getitem__(self, name), self.labels)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _field_of(path: Iterable[str]) -> str | None:
    for part in reversed(list(path)):
        if part and not str(part).isdigit():
            return str(part)
    return None


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def choose(code: str, params: Mapping[str, Any] | None, path: Sequence[str] = ()) -> tuple[str, dict[str, Any]]:
    """The Indonesian template for these params (the variant naming the most of them, all given), or the generic
    sentence; with the values it is filled with."""
    entry = CATALOG.get(code)
    values = {k: v for k, v in (params or {}).items() if _given(v)}
    if "field" not in values:
        field = _field_of(path)
        if field is not None:
            values["field"] = field
    if entry is None:
        return "", values
    best: tuple[int, str] | None = None
    for _en, idn in entry.variants:
        names = fields(idn)
        if names <= values.keys() and (best is None or len(names) > best[0]):
            best = (len(names), idn)
    return (best[1] if best else entry.generic[1]), values


def message(code: str, english: str, params: Mapping[str, Any] | None = None, path: Sequence[str] = (),
            language: str = EN, labels: Mapping[str, str] = LABELS) -> str:
    """An error's message in `language`: English is the raise site's own message; Indonesian the code's template
    for the params (see `choose`), the generic sentence when they fill none. An unknown code keeps its English
    (tests/test_messages.py sees to it that none is unknown)."""
    if language != ID or code not in CATALOG:
        return english
    template, values = choose(code, params, path)
    return _capitalized(template.format_map(_Shown(values, labels)))


def json_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Params as JSON: dates as YYYY-MM-DD, sets and tuples as lists, other values as they are."""
    if not params:
        return None

    def plain(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (list, tuple, set, frozenset)):
            return [plain(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)  # JSON has no infinity
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        return str(value)

    return {str(k): plain(v) for k, v in params.items()}
