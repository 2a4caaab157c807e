import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own Yesable data folder and no user packs: nothing a test does reads or
    writes the real user's saves, progress, packs or settings (a test may still set its own)."""
    home = tmp_path_factory.mktemp("yesable-home")
    monkeypatch.setenv("YESABLE_HOME", str(home))
    for var in (
        "YESABLE_PACKS",
        "YESABLE_PLAYER_HOMES",
        "YESABLE_LRS_USER",
        "YESABLE_LRS_PASSWORD",
        "YESABLE_LRS_TOKEN",
        "YESABLE_XAPI_BASE_IRI",
        "YESABLE_XAPI_HOME_PAGE",
    ):
        monkeypatch.delenv(var, raising=False)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
