"""``python -m declarediff``: the same as the ``declarediff`` command."""

from declarediff.cli import main

if __name__ == "__main__":
    main()
