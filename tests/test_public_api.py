"""``from assistant import Assistant, Answer, Citation``: the public names,
without making ``import assistant`` expensive."""

from __future__ import annotations

import subprocess
import sys

from assistant.paths import PROJECT_ROOT


def test_public_names_are_the_real_classes() -> None:
    import assistant
    from assistant import Answer, Assistant, Citation
    from assistant.core import Assistant as CoreAssistant
    from assistant.types import Answer as TypesAnswer
    from assistant.types import Citation as TypesCitation

    assert sorted(assistant.__all__) == ["Answer", "Assistant", "Citation", "__version__"]
    assert (Assistant, Answer, Citation) == (CoreAssistant, TypesAnswer, TypesCitation)


def test_importing_the_package_loads_neither_core_nor_numpy() -> None:
    code = "import sys, assistant; print(sorted(m for m in sys.modules if m in ('assistant.core', 'numpy', 'torch')))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
