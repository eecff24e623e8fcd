"""Where the project's folders are: the only module that knows the layout on disk."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CORPUS_DIR = DATA_DIR / "corpus"
RESOURCES_DIR = DATA_DIR / "resources"
LEXICONS_DIR = DATA_DIR / "lexicons"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"
NLTK_DATA_DIR = BUILD_DIR / "nltk_data"
CACHE_DIR = BUILD_DIR / "cache"
