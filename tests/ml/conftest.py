"""The [ml] extra's tests run wherever it is installed; under CI a missing extra is a
failure, not a skip, so that the layer can never go untested unnoticed."""

from __future__ import annotations

import os

import pytest

from flashpoint.nlp.ml import missing


@pytest.fixture(autouse=True, scope="session")
def _ml_extra():
    gone = missing()
    if gone:
        msg = (
            f"the [ml] extra is not installed (missing {', '.join(gone)}): "
            "pip install -e '.[dev,ml]'"
        )
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def classifier():
    from flashpoint.nlp.ml import SubEventClassifier

    return SubEventClassifier.default()
