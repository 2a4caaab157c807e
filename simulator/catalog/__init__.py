"""The headless catalog: packs, scenarios, problems, best scores and saves, with no UI.

`Catalog` is what the app, `yesable list` and `yesable serve` ask for what there is to play: it
loads packs (the whole library, or one scenario's pack alone through a current index), keeps the
home index and the compiled scenarios in the cache (through simulator.storage), and opens the
player's saves and progress database. Below the TUI: no Textual here.
"""
