"""Lets the reuse tests import their shared sample texts (``reuse_texts``) under importlib import mode."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
