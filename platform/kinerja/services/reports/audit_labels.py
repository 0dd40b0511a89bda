"""The audit trail's words in Indonesian, for its export (services/reports/lists.py, the XLSX): each action, each
kind of record and each actor as the "Jejak Audit" page says them (web/static/js/pages/audit.js ACTION_LABEL,
ENTITY_LABEL, actorLabel). tests/test_list_exports.py fails when these differ from the page's; the page's tables
are checked against the actions the services write by tests/test_audit_filters.py.
"""

from __future__ import annotations

from typing import Mapping

AUDIT_ACTION: Mapping[str, str] = {
    "acting.appoint": "Plt/Plh ditunjuk",
    "acting.end": "Penugasan Plt/Plh diakhiri",
    "agency.create": "Perangkat daerah ditambahkan",
    "agency.update": "Perangkat daerah diubah",
    "assessment.create": "Penilaian dibuat",
    "assessment.update": "Penilaian diubah",
    "assessment.archive": "Penilaian diarsipkan (akhir tahun)",
    "assessment.fold": "Penilaian dipindahkan ke periode tahunan",
    "credential.change": "Kata sandi diganti oleh pemiliknya",
    "credential.set": "Kata sandi diatur ulang",
    "cycle.create": "Siklus dibuat",
    "cycle.status": "Status siklus diubah",
    "indicator.create": "Indikator ditambahkan",
    "indicator.update": "Indikator diubah",
    "indicator.retire": "Indikator dipensiunkan",
    "indicator_draft.save": "Draf indikator disimpan",
    "indicator_draft.submit": "Draf indikator diajukan",
    "indicator_draft.approve": "Draf indikator disetujui",
    "indicator_draft.reject": "Draf indikator ditolak",
    "indicator_draft.discard": "Draf indikator dibuang",
    "measurement.create": "Capaian diisi",
    "measurement.replace": "Capaian diubah",
    "objection.file": "Keberatan diajukan",
    "objection.statement": "Pernyataan atas keberatan dicatat",
    "objection.decide": "Keberatan diputuskan",
    "org_rating.set": "Predikat organisasi ditetapkan",
    "org_rating.archive": "Predikat organisasi diarsipkan (akhir tahun)",
    "org_rating.fold": "Predikat organisasi dipindahkan ke periode tahunan",
    "performance_feedback.give": "Umpan balik kinerja diberikan",
    "performance_feedback.answer": "Umpan balik kinerja ditanggapi",
    "person.create": "Pegawai ditambahkan",
    "person.update": "Data pegawai diubah",
    "person.transfer": "Pegawai dipindahkan",
    "person.depart": "Pegawai dicatat keluar (pensiun/nonaktif)",
    "person.reinstate": "Pegawai diaktifkan kembali",
    "people.import": "Data pegawai diimpor",
    "targets.import": "Target SKP diimpor",
    "post.create": "Jabatan ditambahkan",
    "post.coefficient": "Koefisien angka kredit jabatan diubah",
    "rating.finalize": "Penilaian difinalisasi",
    "rating.reopen": "Penilaian dibuka kembali",
    "rating.change": "Predikat diubah atas keputusan keberatan",
    "rating.archive": "Predikat diarsipkan (akhir tahun)",
    "rating.fold": "Predikat dipindahkan ke periode tahunan",
    "development_plan.propose": "Rencana pengembangan diusulkan dari penilaian",
    "development_plan.save": "Rencana pengembangan disimpan",
    "development_plan.agree": "Rencana pengembangan disetujui",
    "development_plan.release": "Rencana pengembangan tidak lagi diwajibkan (penilaian dibuka kembali)",
    "development_action.complete": "Pelaksanaan tindakan pengembangan dicatat",
    "development_action.confirm": "Tindakan pengembangan dikonfirmasi",
    "document.issue": "Dokumen resmi diterbitkan",
    "service_population.set": "Populasi layanan ditetapkan",
    "session.login": "Masuk ke Kinerja",
    "session.logout": "Keluar dari Kinerja",
    "skp.create": "SKP dibuat",
    "skp.save": "SKP disimpan",
    "skp.submit": "SKP diajukan",
    "skp.approve": "SKP disetujui",
    "skp.return": "SKP dikembalikan",
    "skp.revise": "Revisi SKP dibuka",
    "skp.new_post": "SKP baru karena pindah jabatan",
    "skp.migrate": "SKP dibuat dari target lama",
    "survey.submit": "Jawaban survei diterima",
    "target.create": "Target ditambahkan",
    "target.update": "Target diubah",
    "target.delete": "Target dihapus",
    "token.create": "Token API dibuat",
    "unit.create": "Unit kerja ditambahkan",
    "unit.update": "Unit kerja diubah",
    "unit_org_rating.set": "Predikat unit ditetapkan",
    "work_log.create": "Catatan kerja ditambahkan",
}
AUDIT_ENTITY: Mapping[str, str] = {
    "agency": "Perangkat daerah",
    "unit": "Unit kerja",
    "person": "Pegawai",
    "people_import": "Impor data pegawai",
    "targets_import": "Impor target SKP",
    "post": "Jabatan",
    "issued_document": "Dokumen resmi",
    "acting_assignment": "Plt/Plh",
    "cycle": "Siklus",
    "indicator": "Indikator",
    "indicator_draft": "Draf indikator",
    "target": "Target",
    "measurement": "Capaian",
    "skp": "SKP",
    "work_log": "Catatan kerja",
    "performance_feedback": "Umpan balik kinerja",
    "assessment": "Penilaian",
    "rating": "Predikat kinerja",
    "objection": "Keberatan",
    "development_plan": "Rencana pengembangan",
    "development_action": "Tindakan pengembangan",
    "org_rating": "Predikat organisasi",
    "unit_org_rating": "Predikat unit",
    "service_population": "Populasi layanan",
    "survey_response": "Jawaban survei",
    "api_token": "Token API",
}

FIXED_ACTORS: Mapping[str, str] = {
    "system": "Sistem", "public": "Publik (survei)", "demo": "Data demo", "migration": "Migrasi data",
}
HIDDEN_ACTORS: Mapping[str, str] = {
    "nip": "Pegawai di luar akses Anda", "token": "Token API di luar akses Anda", "cli": "Operator (baris perintah)",
}


def action_label(action: str) -> str:
    """An action's label; one without a label says only that it is another change."""
    return AUDIT_ACTION.get(action, "Perubahan lain")


def entity_label(entity: str) -> str:
    return AUDIT_ENTITY.get(entity, "Data lain")


def actor_label(actor: str) -> str:
    """Who did it, as the page says it: "NIP …", "Token API #…", a hidden identity as such."""
    kind, colon, rest = actor.partition(":")
    if not colon:
        return FIXED_ACTORS.get(actor, "Proses lain")
    if rest == "hidden":
        return HIDDEN_ACTORS.get(kind, "Di luar akses Anda")
    if kind == "nip":
        return f"NIP {rest}"
    if kind == "token":
        return f"Token API #{rest}"
    if kind == "cli":
        return f"Operator (baris perintah): {rest}"
    return "Pelaku lain"
