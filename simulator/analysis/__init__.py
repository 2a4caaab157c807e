"""Trainer tools over the engine: random simulation and the optimal-play solver.

Both play on a compiled transition table (`simulator.analysis.table`); import the submodules
(`simulator.analysis.solve`, `simulator.analysis.simulate`) for the tools themselves.
"""

DEFAULT_MAX_STATES = 2_000_000
"""How many states a search may expand before it gives up (`yesable solve --max-states`)."""
