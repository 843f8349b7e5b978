"""The build backend of pyproject.toml: setuptools' own, less one notice.

An editable install of a project whose import names map to other folders (``jingkang`` is
``services/``, ``jingkang_events`` is ``libs/events/``) makes setuptools emit an
``InformationOnly`` warning on every install ("Editable installation … folders in your
working directory with the same name as your package may take precedence"), which recent pip
prints as a warning.  No folder here is named like either package, so the notice says nothing
about this project; it is filtered out and every other warning still shows.
"""

from __future__ import annotations

import warnings
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (every hook as setuptools defines it)
from setuptools.warnings import InformationOnly


def build_editable(wheel_directory: str, config_settings: Any = None,
                   metadata_directory: str | None = None) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InformationOnly)
        return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
