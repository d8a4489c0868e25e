"""``python -m demo`` (``make demo``): run the demo."""

from demo import main

main()
