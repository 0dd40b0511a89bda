"""Calculators with an input contract (plugins' `Calculator`) and without one (bare functions): the contract's own
checks, the `calculators` query, the spec loader's check of a spec against the contract, and measurements computed
by a bare function as before."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import start_api, stop_api
from kinerja.plugins import (
    Calculator,
    CalculatorInput,
    PluginLoadError,
    calculator_infos,
    calculators,
    create_plugin_manager,
)
from kinerja.specs.loader import load_spec_file
from world import NURSE, build_world

ROOT = Path(__file__).resolve().parent.parent


def ratio(inputs):
    return inputs["a"] / inputs["b"] * 100


# -- the contract's own checks ---------------------------------------------------------------------

def test_a_calculator_calls_its_function_and_lists_its_required_inputs():
    calc = Calculator(ratio, inputs=[CalculatorInput("a", "number"), CalculatorInput("b", "integer", required=False)],
                      description="a / b")
    assert calc({"a": 1, "b": 4}) == 25.0
    assert calc.inputs == (CalculatorInput("a", "number"), CalculatorInput("b", "integer", required=False))
    assert calc.required_inputs == ("a",)


@pytest.mark.parametrize("build, error, words", [
    (lambda: CalculatorInput("a", "float"), ValueError, "type must be one of integer, number, got 'float'"),
    (lambda: CalculatorInput("", "number"), TypeError, "non-empty str"),
    (lambda: CalculatorInput("a", "number", min=5, max=4), ValueError, "min 5 is above max 4"),
    (lambda: CalculatorInput("a", "number", min=float("inf")), ValueError, "finite numbers"),
    (lambda: CalculatorInput("a", "number", max=True), ValueError, "finite numbers"),
    (lambda: Calculator("not a function"), TypeError, "must be callable"),
    (lambda: Calculator(ratio, inputs=("a",)), TypeError, "CalculatorInput values"),
    (lambda: Calculator(ratio, inputs=(CalculatorInput("a", "number"), CalculatorInput("a", "integer"))),
     ValueError, "a appear twice"),
    (lambda: Calculator(ratio, inputs=[CalculatorInput(f"i{n}", "number") for n in range(21)]), ValueError,
     "at most 20 inputs, got 21"),
    (lambda: Calculator(ratio, description=3), TypeError, "description must be a str"),
])
def test_a_wrong_contract_is_refused_where_it_is_built(build, error, words):
    with pytest.raises(error, match=words):
        build()


def test_contract_boundaries_are_accepted():
    assert CalculatorInput("a", "number", min=4, max=4).min == 4  # min equal to max
    assert len(Calculator(ratio, inputs=[CalculatorInput(f"i{n}", "number") for n in range(20)]).inputs) == 20


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


BARE_PLUGIN = """\
    from kinerja import hookimpl


    def ratio(inputs):
        return inputs["a"] / inputs["b"] * 100


    @hookimpl
    def kinerja_calculators():
        return {"uji.rasio": ratio}
    """


def test_infos_list_contracts_and_bare_functions_by_name(tmp_path):
    write(tmp_path, "uji.py", BARE_PLUGIN)
    pm = create_plugin_manager([ROOT / "plugins", tmp_path], entry_points=False)
    infos = {c.name: c for c in calculator_infos(pm)}
    assert [c.name for c in calculator_infos(pm)] == ["pendidikan.apm", "uji.rasio"]
    assert (infos["uji.rasio"].plugin, infos["uji.rasio"].has_contract, infos["uji.rasio"].inputs,
            infos["uji.rasio"].description) == ("uji", False, None, None)
    apm = infos["pendidikan.apm"]
    assert apm.has_contract and [i.name for i in apm.inputs] == ["pupils_in_band", "population_age_band"]
    assert isinstance(calculators(pm)["pendidikan.apm"], Calculator)
    assert calculators(pm)["uji.rasio"]({"a": 1, "b": 2}) == 50.0


def test_a_contract_built_wrongly_inside_the_hook_stops_loading_naming_the_plugin(tmp_path):
    path = write(tmp_path, "salah.py", """\
        from kinerja import hookimpl
        from kinerja.plugins import Calculator, CalculatorInput


        @hookimpl
        def kinerja_calculators():
            return {"salah.x": Calculator(abs, inputs=(CalculatorInput("a", "text"),))}
        """)
    pm = create_plugin_manager([tmp_path], entry_points=False)
    with pytest.raises(PluginLoadError, match="'salah'.*kinerja_calculators failed: ValueError: calculator input "
                                              "'a': type must be") as exc:
        calculators(pm)
    assert exc.value.files == (path,)


def test_a_contract_built_wrongly_at_import_stops_loading_naming_the_line(tmp_path):
    path = write(tmp_path, "salah.py", """\
        from kinerja.plugins import Calculator, CalculatorInput

        APM = Calculator(abs, inputs=(CalculatorInput("a", "number", min=2, max=1),))
        """)
    with pytest.raises(PluginLoadError, match=r"salah.py:3: cannot import plugin: ValueError: .*min 2 is above max 1"
                       ) as exc:
        create_plugin_manager([tmp_path], entry_points=False)
    assert exc.value.files == (path,)


@pytest.mark.parametrize("count, refused", [(500, False), (501, True)])
def test_at_most_500_calculators_are_served(tmp_path, count, refused):
    # the bound of the calculators query (graphql/cost.py): more stops start-up rather than failing every query
    write(tmp_path, "banyak.py", f"""\
        from kinerja import hookimpl


        @hookimpl
        def kinerja_calculators():
            return {{f"banyak.c{{n}}": abs for n in range({count})}}
        """)
    pm = create_plugin_manager([tmp_path], entry_points=False)
    if refused:
        with pytest.raises(PluginLoadError, match="the plugins give 501 calculators; at most 500 are served"):
            calculator_infos(pm)
    else:
        assert len(calculator_infos(pm)) == 500


# -- the spec loader against the contract ----------------------------------------------------------

CONTRACT = {
    "uji.kontrak": Calculator(ratio, inputs=(CalculatorInput("a", "number", "A"), CalculatorInput("b", "number", "B"),
                                             CalculatorInput("c", "number", "C", required=False))),
    "uji.rasio": ratio,  # a bare function: no contract, nothing checked
}


def spec(tmp_path: Path, calculator: str, inputs: str) -> Path:
    """A one-indicator spec file; `inputs` holds lines `name: {...}` separated by newlines."""
    body = "".join(f"      {line}\n" for line in inputs.split("\n"))
    path = tmp_path / "uji.yaml"
    path.write_text("agency: {code: UJI, name: Uji}\nindicators:\n  - code: RASIO\n    name: Rasio\n"
                    "    unit: percent\n    direction: higher_is_better\n    level: person\n    periods: [year]\n"
                    f"    inputs:\n{body}    calculator: {calculator}\n    target: 100\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("inputs, missing", [
    ("a: {type: number}", "b"),
    ("x: {type: number}", "a, b"),
    ("b: {type: number}\nc: {type: number}", "a"),
])
def test_a_spec_missing_required_calculator_inputs_does_not_load(tmp_path, inputs, missing):
    agency, errors = load_spec_file(spec(tmp_path, "uji.kontrak", inputs), CONTRACT)
    assert agency is None  # line 10: the inputs mapping itself, under `inputs:`
    assert [(e.line, e.path, e.message) for e in errors] == [
        (10, "indicators.0.inputs", f"missing required calculator inputs of uji.kontrak: {missing}")]


@pytest.mark.parametrize("inputs", [
    "a: {type: number}\nb: {type: number}",  # every required input; the optional one left out
    "b: {type: number}\na: {type: integer}\nc: {type: number}\nd: {type: number}",  # and more
])
def test_a_spec_with_every_required_input_loads(tmp_path, inputs):
    agency, errors = load_spec_file(spec(tmp_path, "uji.kontrak", inputs), CONTRACT)
    assert errors == [] and agency.indicators[0].calculator == "uji.kontrak"


def test_a_bare_function_has_no_contract_to_check(tmp_path):
    agency, errors = load_spec_file(spec(tmp_path, "uji.rasio", "x: {type: number}"), CONTRACT)
    assert errors == [] and agency.indicators[0].calculator == "uji.rasio"


def test_an_input_error_is_reported_once_not_again_as_missing(tmp_path):
    # b's own error is the one to fix; naming b missing as well would send the author the wrong way
    agency, errors = load_spec_file(spec(tmp_path, "uji.kontrak", "a: {type: number}\nb: {type: text}"),
                                    CONTRACT)
    assert agency is None and [e.path for e in errors] == ["indicators.0.inputs.b.type"]


def test_the_shipped_education_spec_meets_the_apm_contract():
    pm = create_plugin_manager([ROOT / "plugins"], entry_points=False)
    agency, errors = load_spec_file(ROOT / "indicator_specs" / "dinas-pendidikan.yaml", calculators(pm))
    assert errors == []
    apm = {i.code: i for i in agency.indicators}["APM"]
    labels = {i.name: i.label for i in apm.inputs}
    contract = calculators(pm)["pendidikan.apm"]
    assert {i.name: i.label for i in contract.inputs} == labels  # the same labels as the spec's


# -- the calculators query and measurements, on the real app ---------------------------------------

CALCULATORS = "{ calculators { name plugin description hasContract inputs { name type label min max required } } }"

DINKES_SPEC = """\
    agency: {code: DINKES, name: Dinas Kesehatan}
    indicators:
      - code: RASIO_UJI
        name: Rasio uji
        unit: percent
        direction: higher_is_better
        level: person
        periods: [quarter]
        inputs:
          a: {type: number, min: 0}
          b: {type: number, min: 1}
        calculator: uji.rasio
        target: 80
    """


async def test_calculators_query_lists_contracts_and_bare_functions(database_url, tmp_path):
    write(tmp_path / "plugins", "uji.py", BARE_PLUGIN)
    api, handles = await start_api(database_url, plugins_dirs=(tmp_path / "plugins",))
    try:
        world = await build_world()
        listed = (await api.gql(CALCULATORS, token=world.teacher))["calculators"]
        assert listed == [
            {"name": "pendidikan.apm", "plugin": "pendidikan",
             "description": "Partisipasi murni: siswa pada jenjang yang berusia sesuai jenjang dibagi penduduk usia "
                            "jenjang, dikali 100.",
             "hasContract": True,
             "inputs": [{"name": "pupils_in_band", "type": "integer",
                         "label": "Jumlah siswa pada jenjang yang berusia sesuai jenjang", "min": 0.0, "max": None,
                         "required": True},
                        {"name": "population_age_band", "type": "integer", "label": "Jumlah penduduk usia jenjang",
                         "min": 1.0, "max": None, "required": True}]},
            {"name": "uji.rasio", "plugin": "uji", "description": None, "hasContract": False, "inputs": []},
        ]
        assert (await api.gql(CALCULATORS, token=world.admin))["calculators"] == listed
        errors = await api.errors(CALCULATORS)
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    finally:
        await stop_api(handles)


async def test_a_bare_function_still_computes_measurements(database_url, tmp_path):
    write(tmp_path / "plugins", "uji.py", BARE_PLUGIN)
    write(tmp_path / "specs", "dinkes.yaml", DINKES_SPEC)
    api, handles = await start_api(database_url, plugins_dirs=(tmp_path / "plugins",), specs_dirs=(tmp_path / "specs",))
    try:
        world = await build_world()
        reload = (await api.gql("mutation { reloadSpecs { indicators errors { path message } } }",
                                token=world.admin))["reloadSpecs"]
        assert not [e for e in reload["errors"] if "RASIO_UJI" in e["message"] or "dinkes" in e["message"]], reload
        await api.gql("mutation { setCycleStatus(year: 2025, status: ACTIVE) { errors { code } } }", token=world.admin)
        t = await api.gql(f"""mutation {{ setTargets(input: [{{cycle: 2025, indicator: "DINKES.RASIO_UJI",
              nip: "{NURSE}", workResult: "Rasio", value: 80}}]) {{ targets {{ id }} errors {{ code message }} }} }}""",
                          token=world.admin)
        assert t["setTargets"]["errors"] == []
        target = t["setTargets"]["targets"][0]["id"]
        q = f"""mutation($i: JSON!) {{ recordMeasurements(input: [{{target: "{target}", period: "2025-Q1", inputs: $i}}])
               {{ measurements {{ value achievement }} errors {{ path code message }} }} }}"""
        done = (await api.gql(q, token=world.nurse, i={"a": 30, "b": 40}))["recordMeasurements"]
        # 30 / 40 * 100 = 75 against a target of 80: 75 / 80 * 100 = 93.75
        assert done["errors"] == [] and done["measurements"][0] == {"value": 75.0, "achievement": 93.75}
    finally:
        await stop_api(handles)
