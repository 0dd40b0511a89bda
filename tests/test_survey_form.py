"""The public survey form: surveyForm without a token, and the period answers go to on a given day."""

import datetime as dt

import pytest

from kinerja.models import Cycle
from kinerja.services.survey import ikm
from kinerja.services.survey.form import QUESTIONS, open_period

FORM = """query($a: String!) { surveyForm(agency: $a) { agency agencyName period units { code name }
  questions { code text answers } } }"""
STATUS = "mutation($s: CycleStatus!) { setCycleStatus(year: 2025, status: $s) { errors { code } } }"


async def test_the_form_needs_no_token_and_names_the_agency_its_units_and_the_nine_questions(api, world):
    form = (await api.gql(FORM, a=" disdik "))["surveyForm"]
    assert form["agency"] == "DISDIK" and form["agencyName"] == "Dinas Pendidikan Kota Tanjungpinang"
    assert form["units"] == [{"code": "SDN-001", "name": "SD Negeri 001 Tanjungpinang"},  # by name
                             {"code": "SEKRETARIAT", "name": "Sekretariat"}]
    assert [q["code"] for q in form["questions"]] == [f"U{i}" for i in range(1, ikm.ELEMENTS + 1)]
    assert all(len(q["answers"]) == ikm.MAX_ANSWER for q in form["questions"])
    assert form["questions"][3]["answers"] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]  # U4, cost
    assert form["period"] is None  # cycle 2025 is PLANNING: no answers are taken yet
    assert (await api.gql(STATUS, token=world.admin, s="ACTIVE"))["setCycleStatus"]["errors"] == []
    assert (await api.gql(FORM, a="DISDIK"))["surveyForm"]["period"] == "2025-Q4"  # 2025 is over by now


async def test_an_unknown_agency_has_no_form(api, world):
    assert await api.gql(FORM, a="TIDAKADA") == {"surveyForm": None}
    assert await api.gql(FORM, a="") == {"surveyForm": None}


@pytest.mark.parametrize("today, periodicity, status, expected", [
    (dt.date(2025, 5, 20), "QUARTERLY", "ACTIVE", "2025-Q2"),
    (dt.date(2025, 12, 31), "QUARTERLY", "EVALUATION", "2025-Q4"),
    (dt.date(2025, 1, 1), "MONTHLY", "ACTIVE", "2025-01"),
    (dt.date(2025, 11, 3), "MONTHLY", "ACTIVE", "2025-11"),
    (dt.date(2027, 2, 1), "MONTHLY", "ACTIVE", "2025-12"),    # the latest open cycle's last period
    (dt.date(2024, 6, 1), "QUARTERLY", "ACTIVE", None),       # the cycle has not begun
    (dt.date(2025, 6, 1), "QUARTERLY", "PLANNING", None),     # nor opened
    (dt.date(2025, 6, 1), "QUARTERLY", "CLOSED", None),       # closed: no more answers
])
async def test_the_open_period_on_a_day(api, today, periodicity, status, expected):
    await Cycle.create(year=2025, periodicity=periodicity, status=status)
    assert await open_period(today) == expected


def test_each_question_has_its_answers_worst_first():
    assert len(QUESTIONS) == ikm.ELEMENTS
    assert {len(answers) for _, _, answers in QUESTIONS} == {ikm.MAX_ANSWER - ikm.MIN_ANSWER + 1}
    assert [a[0] for _, _, a in QUESTIONS] == ["Tidak sesuai", "Tidak mudah", "Tidak cepat", "Sangat mahal",
                                               "Tidak sesuai", "Tidak kompeten", "Tidak sopan dan ramah",
                                               "Tidak ada", "Buruk"]


PROFILE = """query($a: String!) { surveyForm(agency: $a) { profile { code field label choices { code label } } } }"""


async def test_the_form_describes_the_optional_respondent_profile(api, world):
    profile = (await api.gql(PROFILE, a="DISDIK"))["surveyForm"]["profile"]
    assert [(q["code"], q["field"], q["label"]) for q in profile] == [
        ("AGE_BAND", "ageBand", "Usia"), ("SEX", "sex", "Jenis kelamin"),
        ("EDUCATION", "education", "Pendidikan terakhir"), ("OCCUPATION", "occupation", "Pekerjaan")]
    choices = {q["code"]: [c["code"] for c in q["choices"]] for q in profile}
    assert choices == {
        "AGE_BAND": ["AGE_UNDER_17", "AGE_17_25", "AGE_26_35", "AGE_36_45", "AGE_46_55", "AGE_OVER_55"],
        "SEX": ["LAKI_LAKI", "PEREMPUAN"],
        "EDUCATION": ["SD", "SMP", "SMA", "D1_D3", "D4_S1", "S2", "S3"],
        "OCCUPATION": ["PNS", "TNI_POLRI", "SWASTA", "WIRAUSAHA", "PELAJAR_MAHASISWA", "LAINNYA"]}
    labels = [c["label"] for q in profile for c in q["choices"]]
    assert "Perempuan" in labels and "26–35 tahun" in labels and "Pelajar/mahasiswa" in labels
    assert not set(labels) & {code for codes in choices.values() for code in codes if "_" in code}  # no raw codes
    # the input's enums take exactly these codes (a form and an API that agree)
    enums = (await api.gql("""{ a: __type(name: "RespondentAgeBand") { enumValues { name description } }
      s: __type(name: "RespondentSex") { enumValues { name } } e: __type(name: "RespondentEducation") {
      enumValues { name } } o: __type(name: "RespondentOccupation") { enumValues { name } } }"""))
    assert [[v["name"] for v in enums[k]["enumValues"]] for k in "aseo"] == list(choices.values())
    assert enums["a"]["enumValues"][0]["description"] == "Di bawah 17 tahun"


def test_the_elements_follow_the_regulation_s_order():
    """PermenPANRB 14/2017: complaint handling is U8 and facilities U9 (many local reports swap them)."""
    assert "pengaduan" in QUESTIONS[7][1] and QUESTIONS[7][0] == "U8"
    assert "sarana dan prasarana" in QUESTIONS[8][1] and QUESTIONS[8][0] == "U9"
    assert [code for code, _, _ in QUESTIONS] == [f"U{i}" for i in range(1, 10)]
