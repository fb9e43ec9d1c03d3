"""Choosing the extraction backend and the optional classifier by configuration."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.nlp import ml
from flashpoint.nlp.backends import RulesBackend, make_backend
from flashpoint.nlp.llm import LLMBackend, LLMConfigError, LLMSettings
from flashpoint.pipeline import PipelineConfig


def test_rules_is_the_default():
    assert isinstance(make_backend(PipelineConfig()), RulesBackend)


def test_llm_backend_from_settings_or_environment(monkeypatch):
    llm = LLMSettings(url="http://127.0.0.1:9/v1/", model="m")
    backend = make_backend(PipelineConfig(backend="llm", llm=llm))
    assert isinstance(backend, LLMBackend) and backend.settings.url == "http://127.0.0.1:9/v1"
    monkeypatch.delenv("FLASHPOINT_LLM_URL", raising=False)
    with pytest.raises(LLMConfigError, match="server URL"):
        make_backend(PipelineConfig(backend="llm"))


def test_unknown_names_are_errors():
    with pytest.raises(ValueError, match="unknown backend"):
        make_backend(PipelineConfig(backend="magic"))
    with pytest.raises(ValueError, match="unknown classifier"):
        make_backend(PipelineConfig(classifier="oracle"))


def test_a_missing_ml_extra_is_named(monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "sentence_transformers" else real(name, *a),
    )
    with pytest.raises(ml.MLUnavailable, match=r"pip install 'flashpoint\[ml\]'"):
        ml.check_available()
    f = tmp_path / "a.txt"
    f.write_text("Gunmen killed two police officers in Kirkuk.", encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--classifier", "embeddings"])
    assert res.exit_code == 2
    assert "sentence_transformers" in res.output


def test_a_configured_llm_backend_goes_to_worker_processes():
    import pickle

    llm = LLMSettings(url="http://127.0.0.1:9/v1", model="m", api_key="k")
    backend = make_backend(PipelineConfig(backend="llm", llm=llm))
    _ = backend.client  # an open connection pool stays behind
    copy = pickle.loads(pickle.dumps(backend))
    assert copy.settings == backend.settings and copy._client is None
