"""The pack format and its loader: YAML files in, validated models and located problems out.

- `models`, `vocabulary`: the format itself (pydantic models, closed word lists).
- `loader`: `load_pack(path)` and `load_library()`; `loaded`: what they return.
- `yamlnodes` (YAML to plain data with positions), `validation` (pydantic errors to problems),
  `references` (cross-references and duplicate ids), `templates` (template syntax, for `check`).
- `problems`: `Problem` (`file:line:col: error[code]: message`) and every problem code.
- `locations`: where bundled and user packs live; `resolve`: a scenario by `pack/scenario` or id.

Nothing here imports the engine or the UI; importing this package imports nothing heavy.
"""
