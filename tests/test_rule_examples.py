"""Every example and counterexample in pipeline/rules/*.yaml (Duckling's corpus tests)."""

import pytest

from pipeline.rulecheck import iter_cases, rule_files, run_case
from pipeline.ruleset import read_rule_yaml

CASES = list(iter_cases())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_examples(case):
    run_case(case)


@pytest.mark.parametrize("name", rule_files())
def test_rule_files_validate(name):
    import importlib

    from pipeline.rulecheck import entry_model
    from pipeline.ruleset import load_rules

    data = read_rule_yaml(name)
    module = importlib.import_module(data["checked_by"])
    entries = load_rules(name, entry_model(module, name))
    assert entries, f"{name}.yaml has no entries"


def test_rule_files_have_examples():
    """Every file carries at least one example that runs."""
    files_with_examples = {c.file for c in CASES}
    assert set(rule_files()) <= files_with_examples
