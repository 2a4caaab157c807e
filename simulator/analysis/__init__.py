"""Trainer tools over the engine: random simulation and the optimal-play solver.

Both play on a compiled transition table (`simulator.analysis.table`); import the submodules
(`simulator.analysis.solve`, `simulator.analysis.simulate`) for the tools themselves.
"""

DEFAULT_MAX_STATES = 500_000
"""How many states a search may expand before it gives up (`yesable solve --max-states`).

A state costs the search about 1 KB (release_scope: 27,234 states, 23 MB, about a second), so
the default bounds a search to roughly half a gigabyte and twenty seconds."""
