"""The plugin system: default plugins (predikat matrix, suggested rating, follow-up), folder plugins,
and the load errors that name the file at fault."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from kinerja.plugins import (
    Achievement,
    Expectation,
    OrgPredikat,
    PersonInfo,
    PluginLoadError,
    Predikat,
    RatingInfo,
    UnitHead,
    calculators,
    create_plugin_manager,
    plugin_infos,
)

ABOVE, MEETS, BELOW = Expectation.DI_ATAS_EKSPEKTASI, Expectation.SESUAI_EKSPEKTASI, Expectation.DI_BAWAH_EKSPEKTASI
BUILTIN_NAMES = ["kinerja.builtin.predikat", "kinerja.builtin.suggested_rating", "kinerja.builtin.unit_head",
                 "kinerja.builtin.recommendations", "kinerja.builtin.development", "kinerja.builtin.defaults"]
PERSON = PersonInfo(nip="198501012010011001", name="Budi", position="Guru", agency="DISDIK", unit="SDN-1")


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def manager(*folders: Path):
    return create_plugin_manager(list(folders), entry_points=False)


def rating(predikat: Predikat) -> RatingInfo:
    return RatingInfo(period="2025", result_rating=MEETS, behavior_rating=MEETS, predikat=predikat)


# -- default plugins -------------------------------------------------------------------------------

@pytest.mark.parametrize("result, behavior, expected", [
    (ABOVE, BELOW, Predikat.KURANG_MISCONDUCT),
    (ABOVE, MEETS, Predikat.BAIK),
    (ABOVE, ABOVE, Predikat.SANGAT_BAIK),
    (MEETS, BELOW, Predikat.KURANG_MISCONDUCT),
    (MEETS, MEETS, Predikat.BAIK),
    (MEETS, ABOVE, Predikat.BAIK),
    (BELOW, BELOW, Predikat.SANGAT_KURANG),
    (BELOW, MEETS, Predikat.BUTUH_PERBAIKAN),
    (BELOW, ABOVE, Predikat.BUTUH_PERBAIKAN),
])
def test_default_predikat_is_the_3x3_matrix(result, behavior, expected):
    pm = manager()
    assert pm.hook.kinerja_predikat(result_rating=result, behavior_rating=behavior) is expected


def a(rating: Expectation, main: bool = True, indicator: str = "X.Y") -> Achievement:
    return Achievement(indicator=indicator, achievement=100.0, rating=rating, main=main)


@pytest.mark.parametrize("achievements, expected", [
    ([a(ABOVE), a(ABOVE), a(ABOVE)], ABOVE),                       # all above
    ([a(ABOVE), a(ABOVE), a(MEETS)], ABOVE),                       # most above, none below
    ([a(ABOVE), a(ABOVE), a(ABOVE), a(BELOW)], MEETS),             # most above, a main result below
    ([a(ABOVE), a(ABOVE), a(ABOVE), a(BELOW, main=False)], ABOVE),  # only an additional result below
    ([a(BELOW), a(BELOW), a(MEETS)], BELOW),                       # most below
    ([a(BELOW), a(BELOW), a(BELOW)], BELOW),                       # all below
    ([a(ABOVE), a(MEETS), a(BELOW)], MEETS),                       # mixed
    ([a(ABOVE), a(BELOW)], MEETS),                                 # half and half: no majority
    ([a(ABOVE), a(MEETS)], MEETS),                                 # half above is not most
    ([a(BELOW), a(MEETS)], MEETS),                                 # half below is not most
    ([a(MEETS)], MEETS),
    ([], None),
])
def test_default_suggested_result_rating(achievements, expected):
    assert manager().hook.kinerja_suggest_result_rating(achievements=achievements, unit_head=None) is expected


def extra(rating: Expectation) -> Achievement:
    return a(rating, main=False)


@pytest.mark.parametrize("achievements, expected", [
    # the majority is judged on the MAIN results
    ([a(ABOVE), a(ABOVE), a(MEETS), extra(MEETS), extra(MEETS), extra(BELOW)], ABOVE),  # additional never lower
    ([a(BELOW), a(BELOW), a(MEETS), extra(ABOVE), extra(ABOVE), extra(ABOVE)], BELOW),  # nor rescue most MAIN below
    ([a(BELOW), a(MEETS), extra(ABOVE), extra(ABOVE), extra(ABOVE)], MEETS),   # a MAIN below: never above
    ([a(MEETS), extra(BELOW), extra(BELOW), extra(BELOW)], MEETS),             # additional below: nothing lower
    # additional results only raise: with no MAIN below, most of all results above is above
    ([a(ABOVE), a(MEETS), extra(ABOVE)], ABOVE),                   # 1 of 2 MAIN above; 2 of 3 in all
    ([a(MEETS), a(MEETS), extra(ABOVE), extra(ABOVE)], MEETS),     # 2 of 4 in all: half is not most
    ([a(MEETS), a(MEETS), extra(ABOVE), extra(ABOVE), extra(ABOVE)], ABOVE),  # 3 of 5
    ([a(ABOVE), extra(MEETS), extra(MEETS), extra(MEETS)], ABOVE),  # all MAIN above: most of all is not needed
    # no MAIN result: nothing to judge the majority on
    ([extra(ABOVE)], None),
    ([extra(ABOVE), extra(BELOW)], None),
])
def test_main_and_additional_results(achievements, expected):
    assert manager().hook.kinerja_suggest_result_rating(achievements=achievements, unit_head=None) is expected


def head(org: OrgPredikat | None, mapped: Expectation | None) -> UnitHead:
    return UnitHead(agency="DISDIK", unit="SDN-001", org_predikat=org, from_org_predikat=mapped)


@pytest.mark.parametrize("achievements, unit_head, expected", [
    # the unit's organisation predikat decides, whatever the unit's achievements say
    ([a(BELOW), a(BELOW)], head(OrgPredikat.ISTIMEWA, ABOVE), ABOVE),
    ([a(ABOVE), a(ABOVE)], head(OrgPredikat.KURANG, BELOW), BELOW),
    ([], head(OrgPredikat.BAIK, MEETS), MEETS),
    # without one, the unit's achievements go through the achievements rule
    ([a(ABOVE), a(ABOVE), a(MEETS)], head(None, None), ABOVE),
    ([a(BELOW), a(MEETS)], head(None, None), MEETS),
    ([], head(None, None), None),
])
def test_default_unit_head_rule(achievements, unit_head, expected):
    assert manager().hook.kinerja_suggest_result_rating(achievements=achievements, unit_head=unit_head) is expected


def test_a_plugin_with_the_old_signature_still_works_and_cannot_overturn_the_unit_head_rule(tmp_path):
    # written before the hook had unit_head: pluggy passes it the achievements only
    write(tmp_path, "old_rule.py", """\
        from kinerja import hookimpl
        from kinerja.plugins import Expectation

        @hookimpl
        def kinerja_suggest_result_rating(achievements):
            return Expectation.DI_ATAS_EKSPEKTASI if achievements else None
    """)
    hook = manager(tmp_path).hook.kinerja_suggest_result_rating
    assert hook(achievements=[a(BELOW)], unit_head=None) is ABOVE  # it answers for everyone else
    assert hook(achievements=[a(BELOW)], unit_head=head(None, None)) is ABOVE  # and judges a unit's achievements
    assert hook(achievements=[], unit_head=None) is None  # its None still defers to the default (no suggestion)
    # a unit with an organisation predikat: the unit-head rule answers first
    assert hook(achievements=[a(ABOVE)], unit_head=head(OrgPredikat.BUTUH_PERBAIKAN, BELOW)) is BELOW


def test_a_plugin_that_names_unit_head_and_is_tryfirst_may_replace_the_mapping(tmp_path):
    write(tmp_path, "heads.py", """\
        from kinerja import hookimpl
        from kinerja.plugins import Expectation, OrgPredikat

        @hookimpl(tryfirst=True)
        def kinerja_suggest_result_rating(achievements, unit_head):
            if unit_head is not None and unit_head.org_predikat is OrgPredikat.BAIK and len(achievements) > 1:
                return Expectation.DI_ATAS_EKSPEKTASI
            return None
    """)
    hook = manager(tmp_path).hook.kinerja_suggest_result_rating
    assert hook(achievements=[a(ABOVE), a(ABOVE)], unit_head=head(OrgPredikat.BAIK, MEETS)) is ABOVE
    assert hook(achievements=[a(ABOVE)], unit_head=head(OrgPredikat.BAIK, MEETS)) is MEETS  # it deferred


@pytest.mark.parametrize("predikat, has_plan", [
    (Predikat.SANGAT_BAIK, False),
    (Predikat.BAIK, False),
    (Predikat.BUTUH_PERBAIKAN, True),
    (Predikat.KURANG_MISCONDUCT, True),
    (Predikat.SANGAT_KURANG, True),
])
def test_default_recommendations_give_a_development_plan_for_butuh_perbaikan_and_worse(predikat, has_plan):
    lists = manager().hook.kinerja_recommendations(person=PERSON, rating=rating(predikat))
    texts = [text for items in lists for text in items]
    assert bool(texts) is has_plan
    assert all(isinstance(t, str) and t.strip() for t in texts)


def test_recommendations_differ_by_predikat():
    pm = manager()
    plans = {p: tuple(t for items in pm.hook.kinerja_recommendations(person=PERSON, rating=rating(p)) for t in items)
             for p in (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG_MISCONDUCT, Predikat.SANGAT_KURANG)}
    assert len(set(plans.values())) == 3
    assert any("perilaku" in t for t in plans[Predikat.KURANG_MISCONDUCT])  # behaviour is what fell short


def test_defaults_answer_every_hook_with_an_empty_value():
    pm = manager()
    assert calculators(pm) == {}
    assert pm.hook.kinerja_spec_paths() == [[]]
    assert pm.hook.kinerja_validate_inputs(indicator=None, inputs={}) == [[]]
    assert pm.hook.kinerja_rating_finalized(person=PERSON, rating=rating(Predikat.BAIK)) == []
    infos = plugin_infos(pm)
    assert [i.name for i in infos] == BUILTIN_NAMES
    assert {h for i in infos for h in i.hooks} == {
        "kinerja_calculators", "kinerja_spec_paths", "kinerja_validate_inputs", "kinerja_suggest_result_rating",
        "kinerja_predikat", "kinerja_recommendations", "kinerja_development_actions", "kinerja_rating_finalized"}


def test_every_default_implementation_is_trylast_but_the_unit_head_rule():
    pm = manager()
    for name in BUILTIN_NAMES:
        for caller in pm.get_hookcallers(pm.get_plugin(name)):
            for impl in caller.get_hookimpls():
                if impl.plugin_name == name:
                    if name == "kinerja.builtin.unit_head":  # plugins written before unit_head cannot overturn it
                        assert impl.tryfirst and not impl.trylast, (name, caller.name)
                    else:
                        assert impl.trylast, (name, caller.name)


# -- agency plugins --------------------------------------------------------------------------------

AGENCY_PREDIKAT = """\
    from kinerja import hookimpl
    from kinerja.plugins import Expectation, Predikat

    @hookimpl
    def kinerja_predikat(result_rating, behavior_rating):
        if result_rating is Expectation.DI_BAWAH_EKSPEKTASI:
            return None  # defer to the default matrix
        return Predikat.SANGAT_BAIK
"""


def test_an_agency_plugin_overrides_the_default_predikat(tmp_path):
    write(tmp_path, "agency.py", AGENCY_PREDIKAT)
    pm = manager(tmp_path)
    assert pm.hook.kinerja_predikat(result_rating=MEETS, behavior_rating=BELOW) is Predikat.SANGAT_BAIK
    # returning None hands the question on to the default
    assert pm.hook.kinerja_predikat(result_rating=BELOW, behavior_rating=BELOW) is Predikat.SANGAT_KURANG


def test_the_default_stays_last_whatever_the_registration_order(tmp_path):
    write(tmp_path, "agency.py", AGENCY_PREDIKAT)
    pm = manager(tmp_path)
    default = pm.unregister(name="kinerja.builtin.predikat")
    pm.register(default, name="kinerja.builtin.predikat")  # registered after the agency plugin
    assert pm.hook.kinerja_predikat(result_rating=MEETS, behavior_rating=BELOW) is Predikat.SANGAT_BAIK


def test_two_managers_do_not_share_plugins(tmp_path):
    write(tmp_path, "agency.py", AGENCY_PREDIKAT)
    with_agency, plain = manager(tmp_path), manager()
    assert with_agency.hook.kinerja_predikat(result_rating=MEETS, behavior_rating=BELOW) is Predikat.SANGAT_BAIK
    assert plain.hook.kinerja_predikat(result_rating=MEETS, behavior_rating=BELOW) is Predikat.KURANG_MISCONDUCT
    assert "agency" in [i.name for i in plugin_infos(with_agency)]
    assert [i.name for i in plugin_infos(plain)] == BUILTIN_NAMES


def test_folder_modules_and_packages_are_loaded_and_listed(tmp_path):
    module = write(tmp_path, "dukcapil.py", """\
        from kinerja import hookimpl

        __version__ = "1.2.0"

        @hookimpl
        def kinerja_calculators():
            return {"dukcapil.ektp": lambda v: v["recorded"] / v["required"] * 100}

        @hookimpl
        def kinerja_validate_inputs(indicator, inputs):
            return ["wajib KTP tidak boleh nol"] if inputs.get("required") == 0 else []
    """)
    package = write(tmp_path, "pendidikan/__init__.py", """\
        from kinerja import hookimpl
        from .formulas import apm

        @hookimpl
        def kinerja_calculators():
            return {"pendidikan.apm": apm}

        @hookimpl
        def kinerja_spec_paths():
            from pathlib import Path
            return [Path(__file__).parent / "specs"]
    """)
    write(tmp_path, "pendidikan/formulas.py", "def apm(v):\n    return v['pupils'] / v['population'] * 100\n")
    write(tmp_path, "_helpers.py", "raise RuntimeError('private modules are not plugins')\n")
    write(tmp_path, "notes.txt", "not a plugin\n")
    (tmp_path / "no_init").mkdir()
    write(tmp_path, "no_init/x.py", "raise RuntimeError('a folder without __init__ is not a plugin')\n")

    pm = manager(tmp_path, tmp_path / "missing")
    infos = {i.name: i for i in plugin_infos(pm)}
    assert list(infos)[:len(BUILTIN_NAMES)] == BUILTIN_NAMES and set(infos) - set(BUILTIN_NAMES) == {"dukcapil", "pendidikan"}
    assert infos["dukcapil"].hooks == ("kinerja_calculators", "kinerja_validate_inputs")
    assert infos["dukcapil"].version == "1.2.0" and infos["dukcapil"].file == module
    assert infos["pendidikan"].hooks == ("kinerja_calculators", "kinerja_spec_paths")
    assert infos["pendidikan"].version is None and infos["pendidikan"].file == package

    calcs = calculators(pm)
    assert sorted(calcs) == ["dukcapil.ektp", "pendidikan.apm"]
    assert calcs["pendidikan.apm"]({"pupils": 45, "population": 50}) == 90.0
    assert pm.hook.kinerja_spec_paths().count([package.parent / "specs"]) == 1
    assert ["wajib KTP tidak boleh nol"] in pm.hook.kinerja_validate_inputs(indicator=None, inputs={"required": 0})
    # imported under unique names, kept in sys.modules
    for name in ("dukcapil", "pendidikan"):
        plugin = pm.get_plugin(name)
        assert plugin.__name__.startswith("kinerja_plugin_") and plugin.__name__.endswith(f"_{name}")
        assert sys.modules[plugin.__name__] is plugin


def test_the_same_plugin_name_in_two_folders_names_both_files(tmp_path):
    for folder in ("a", "b"):
        write(tmp_path / folder, "common.py", "from kinerja import hookimpl\n")
    with pytest.raises(PluginLoadError, match="two plugins are named 'common'") as caught:
        manager(tmp_path / "a", tmp_path / "b")
    assert str(tmp_path / "a" / "common.py") in str(caught.value)
    assert str(tmp_path / "b" / "common.py") in str(caught.value)


# -- load errors name the file ---------------------------------------------------------------------

def test_a_misspelt_hook_names_the_file_and_the_hook(tmp_path):
    path = write(tmp_path, "typo.py", """\
        from kinerja import hookimpl

        @hookimpl
        def kinerja_calculatorz():
            return {}
    """)
    with pytest.raises(PluginLoadError) as caught:
        manager(tmp_path)
    message = str(caught.value)
    assert f"{path}:3" in message
    assert "kinerja_calculatorz" in message and "did you mean 'kinerja_calculators'" in message
    assert caught.value.files == (path,)


def test_an_import_error_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, "broken.py", """\
        from kinerja import hookimpl
        import kinerja_no_such_module
    """)
    with pytest.raises(PluginLoadError) as caught:
        manager(tmp_path)
    assert f"{path}:2" in str(caught.value)
    assert "kinerja_no_such_module" in str(caught.value)
    assert not [n for n in sys.modules if n.startswith("kinerja_plugin_") and n.endswith("_broken")]


def test_a_syntax_error_in_a_package_names_the_file(tmp_path):
    path = write(tmp_path, "pkg/__init__.py", "def oops(:\n")
    with pytest.raises(PluginLoadError, match="SyntaxError") as caught:
        manager(tmp_path)
    assert str(path) in str(caught.value)


def test_wrong_hook_arguments_name_the_file(tmp_path):
    path = write(tmp_path, "args.py", """\
        from kinerja import hookimpl

        @hookimpl
        def kinerja_predikat(result_rating, behaviour_rating):
            return None
    """)
    with pytest.raises(PluginLoadError, match="behaviour_rating") as caught:
        manager(tmp_path)
    assert str(path) in str(caught.value)


def test_an_argument_with_a_default_is_rejected(tmp_path):
    # pluggy never passes an argument that has a default: it would silently stay None
    path = write(tmp_path, "defaults.py", """\
        from kinerja import hookimpl

        @hookimpl
        def kinerja_predikat(result_rating, behavior_rating=None):
            return None
    """)
    with pytest.raises(PluginLoadError, match="behavior_rating") as caught:
        manager(tmp_path)
    assert f"{path}:3" in str(caught.value)


def test_an_async_hook_is_rejected(tmp_path):
    # a coroutine is a non-None result, so a firstresult hook would stop at it
    path = write(tmp_path, "aio.py", """\
        from kinerja import hookimpl

        @hookimpl
        async def kinerja_suggest_result_rating(achievements):
            return None
    """)
    with pytest.raises(PluginLoadError, match="synchronous") as caught:
        manager(tmp_path)
    assert str(path) in str(caught.value)


def test_two_plugins_with_the_same_calculator_name_both_plugins(tmp_path):
    first = write(tmp_path, "first.py", """\
        from kinerja import hookimpl

        @hookimpl
        def kinerja_calculators():
            return {"x": lambda v: 1.0, "only.first": lambda v: 2.0}
    """)
    second = write(tmp_path, "second.py", """\
        from kinerja import hookimpl

        @hookimpl
        def kinerja_calculators():
            return {"x": lambda v: 3.0}
    """)
    pm = manager(tmp_path)
    with pytest.raises(PluginLoadError, match="calculator 'x'") as caught:
        calculators(pm)
    message = str(caught.value)
    assert "'first'" in message and "'second'" in message
    assert str(first) in message and str(second) in message
    assert set(caught.value.files) == {first, second}


def test_entry_points_load_without_error():
    pm = create_plugin_manager()
    assert [i.name for i in plugin_infos(pm)][:len(BUILTIN_NAMES)] == BUILTIN_NAMES
