"""`python -m kg.evaluate GOLD_DIR [ARTICLES_DIR]`: validate gold files."""

from kg.evaluate import main

raise SystemExit(main())
