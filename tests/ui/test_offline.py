"""The command line keeps every run offline: HF_HUB_OFFLINE is set before huggingface_hub is imported."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_the_cli_module_is_offline_before_anything_imports_huggingface_hub() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "GRADIO_ANALYTICS_ENABLED")}
    probe = (
        "import ui.cli, huggingface_hub.constants as c, os; "
        "print(c.HF_HUB_OFFLINE, os.environ['GRADIO_ANALYTICS_ENABLED'])"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
