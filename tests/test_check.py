"""`check` catches every honesty rule and every broken reference.

The database under test is built without constraints (as DuckLake would hold
it), so each rule-breaking row can actually be written; then check must find it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fivebarriers.data import check
from tests.conftest import loose_copy


@pytest.fixture
def con(loose_db: Path, tmp_path: Path):
    connection = duckdb.connect(str(loose_copy(loose_db, tmp_path)))
    yield connection
    connection.close()


def test_clean_database_passes(built_db: Path):
    con = duckdb.connect(str(built_db), read_only=True)
    assert check.run_checks(con) == []
    con.close()


BREAKS = [
    (
        "update outputs set actual = 0 where output_id = 'bodmin-referrals'",
        "outputs",
        "bodmin-referrals",
        "not reported has a figure",
    ),
    (
        "update outputs set actual = null, qualifier = null where output_id = 'es-households-informed'",
        "outputs",
        "es-households-informed",
        "reported without a figure",
    ),
    (
        "update outputs set status = 'pending' where output_id = 'ghh-extra-months'",
        "outputs",
        "ghh-extra-months",
        "status not allowed",
    ),
    (
        "update outputs set kind = 'hoped' where output_id = 'ghh-extra-months'",
        "outputs",
        "ghh-extra-months",
        "kind not allowed",
    ),
    (
        "update outputs set qualifier = null where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "figure without qualifier",
    ),
    (
        "update outputs set qualifier = 'roughly' where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "qualifier not allowed",
    ),
    (
        "update outputs set qualifier = 'over' where output_id = 'bodmin-referrals'",
        "outputs",
        "bodmin-referrals",
        "qualifier without figure",
    ),
    (
        "update outputs set target_high = null where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "half a target",
    ),
    (
        "update outputs set target_low = 150, target_high = 100 where output_id = 'es-homes-improved'",
        "outputs",
        "es-homes-improved",
        "range reversed",
    ),
    (
        "update outputs set period_end = date '2999-01-01' where output_id = 'es-homes-improved'",
        "outputs",
        "es-homes-improved",
        "achieved in the future",
    ),
    (
        "update funding_flows set amount_gbp = 5 where flow_id = 'pfpp-shared-outcomes'",
        "funding_flows",
        "pfpp-shared-outcomes",
        "not reported has a figure",
    ),
    (
        "update funding_flows set amount_gbp = null where flow_id = 'ndc-spend'",
        "funding_flows",
        "ndc-spend",
        "reported without a figure",
    ),
    (
        "update barrier_evidence set value_unit = null where evidence_id = 'ds-six-of-thirteen'",
        "barrier_evidence",
        "ds-six-of-thirteen",
        "figure without unit",
    ),
    (
        "update barrier_evidence set value = 14 where evidence_id = 'ds-six-of-thirteen'",
        "barrier_evidence",
        "ds-six-of-thirteen",
        "value above denominator",
    ),
    (
        "update barrier_evidence set value_qualifier = null where evidence_id = 'ds-six-of-thirteen'",
        "barrier_evidence",
        "ds-six-of-thirteen",
        "figure without qualifier",
    ),
    (
        "update departments set valid_to = date '2000-01-01' where department_id = 'dluhc'",
        "departments",
        "dluhc",
        "dates reversed",
    ),
    ("update places set lat = 123 where place_id = 'bodmin'", "places", "bodmin", "coordinates out of range"),
    (
        "update outputs set source_id = '' where output_id = 'whiston-reach'",
        "outputs",
        "whiston-reach",
        "missing source",
    ),
    (
        "update pilots set locator = ' ' where pilot_id = 'bodmin-skills'",
        "pilots",
        "bodmin-skills",
        "missing locator",
    ),
    (
        "update places set parent_id = 'croxteth' where place_id = 'liverpool'",
        "places",
        "liverpool",
        "hierarchy loop",
    ),
    (
        "insert into barriers select * from barriers where barrier_id = 'culture'",
        "barriers",
        "culture",
        "duplicate key",
    ),
    (
        "update pilots set place_id = 'atlantis' where pilot_id = 'bodmin-skills'",
        "pilots",
        "atlantis",
        "unknown reference",
    ),
    (
        "update outputs set source_id = 'rumour' where output_id = 'whiston-reach'",
        "outputs",
        "rumour",
        "unknown reference",
    ),
    # Issue 12: department roles, sources that disagree, same-measure ratios, locators.
    (
        "update pilot_departments set role = 'sponsor' where pilot_id = 'bodmin-skills'",
        "pilot_departments",
        "bodmin-skills/dwp",
        "role not allowed",
    ),
    (
        "update pilot_departments set role = 'lead' where pilot_id = 'east-sussex-fuel-poverty'",
        "pilot_departments",
        "east-sussex-fuel-poverty",
        "more than one lead",
    ),
    (
        "update outputs set goal_same_measure = true where output_id = 'whiston-reach'",
        "outputs",
        "whiston-reach",
        "same-measure flag without a goal",
    ),
    (
        "update outputs set goal_measure = null where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "different goal not described",
    ),
    (
        "update outputs set goal_measure = 'households' where output_id = 'es-homes-improved'",
        "outputs",
        "es-homes-improved",
        "goal measure on a same-measure goal",
    ),
    # Issue 25: a comparison drawn because the source makes it says so, with
    # the report's judgement and its caveat; and every result says how
    # strong its evidence is.
    (
        "update outputs set source_judgement = null where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "source comparison without its judgement",
    ),
    (
        "update outputs set goal_caveat = ' ' where output_id = 'ghh-people-helped'",
        "outputs",
        "ghh-people-helped",
        "source comparison without its caveat",
    ),
    (
        "update outputs set source_compares_goal = true where output_id = 'whiston-reach'",
        "outputs",
        "whiston-reach",
        "source comparison without a goal",
    ),
    (
        "update outputs set source_judgement = 'passed its goal' where output_id = 'es-homes-improved'",
        "outputs",
        "es-homes-improved",
        "judgement without a source comparison",
    ),
    (
        "update outputs set evidence_strength = null where output_id = 'cwac-savings'",
        "outputs",
        "cwac-savings",
        "no strength of evidence",
    ),
    (
        "update outputs set evidence_strength = 'very strong' where output_id = 'cwac-savings'",
        "outputs",
        "cwac-savings",
        "strength of evidence not allowed",
    ),
    (
        "update outputs set evidence_basis = '' where output_id = 'ndc-projects'",
        "outputs",
        "ndc-projects",
        "strength of evidence without its basis",
    ),
    (
        "update barrier_evidence set disputed_note = null where evidence_id = 'ds-birmingham-leo'",
        "barrier_evidence",
        "ds-birmingham-leo-later",
        "sources disagree without a pair",
    ),
    (
        "update outputs set locator = 'Annex: Structures - Results' where output_id = 'ghh-journey-time'",
        "outputs",
        "ghh-journey-time",
        "locator not in the table of contents",
    ),
    (
        "delete from source_sections where source_id = 'mj-radical-devolution-2014'",
        "sources",
        "mj-radical-devolution-2014",
        "source without a table of contents",
    ),
]


@pytest.mark.parametrize(
    ("statement", "table", "key", "rule"), BREAKS, ids=[b[3] + ":" + b[2] for b in BREAKS]
)
def test_check_catches_each_broken_rule(con, statement, table, key, rule):
    con.execute(statement)
    findings = check.run_checks(con)
    assert any(f.table == table and f.key == key and f.rule == rule for f in findings), findings


def test_check_reports_every_problem(con):
    for statement, *_ in BREAKS[:5]:
        con.execute(statement)
    assert len(check.run_checks(con)) >= 5


def test_check_on_a_file_not_yet_upgraded_says_to_upgrade_with_no_traceback(tmp_path: Path, capsys):
    from fivebarriers.cli.main import main
    from tests.test_upgrade import OLD_RELEASES, unpack

    db = unpack(OLD_RELEASES[0], tmp_path)
    assert main(["check", "--db", str(db)]) != 0
    said = capsys.readouterr()
    assert "run `fivebarriers upgrade`" in said.err
    assert db.name in said.err
    assert "Traceback" not in said.err + said.out and "fact_provenance" not in said.err + said.out
