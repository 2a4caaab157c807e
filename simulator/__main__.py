import sys

from simulator.cli.main import main

if __name__ == "__main__":  # not when a spawned child process imports it (analysis.regrets)
    sys.exit(main())
