"""Fill empty Dutch and French translations from a mapping file.

    python scripts/translate.py mapping.json

The mapping is {"msgid": ["nl", "fr"]}; a plural entry, keyed by its singular msgid, has
[["nl one", "nl many"], ["fr one", "fr many"]].
Entries that already have a translation are left alone unless --overwrite is given.
"""

import argparse
import json
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
COLUMN = {"nl": 0, "fr": 1}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mapping")
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args()
    mapping = json.loads(Path(args.mapping).read_text())
    missing = set()
    for path in sorted(ROOT.glob("werkplek/*/locale/*/LC_MESSAGES/django.po")):
        language = path.parent.parent.name
        if language not in COLUMN:
            continue
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.translated() and "fuzzy" not in entry.flags and not args.overwrite:
                continue
            value = mapping.get(entry.msgid)
            if value is None:
                missing.add(entry.msgid)
                continue
            value = value[COLUMN[language]]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
    for msgid in sorted(missing):
        print("missing:", msgid)


if __name__ == "__main__":
    main()
