#!/usr/bin/env bash
# Collect every translatable string into the .ts catalogues (keeping existing translations),
# then compile them to the .qm files the program loads. Run after changing user-visible text.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PY")
mapfile -t SOURCES < <(find app -name '*.py' | sort)
for lang in zh_CN; do
  "$BIN/pyside6-lupdate" -no-obsolete -locations none "${SOURCES[@]}" -ts "resources/i18n/recovery_desk_${lang}.ts"
  "$BIN/pyside6-lrelease" "resources/i18n/recovery_desk_${lang}.ts" -qm "resources/i18n/recovery_desk_${lang}.qm"
  # Qt's own words its shipped catalogue lacks (hand-written; lupdate does not touch it).
  "$BIN/pyside6-lrelease" "resources/i18n/qt_gaps_${lang}.ts" -qm "resources/i18n/qt_gaps_${lang}.qm"
done
# English is the source, but a count needs Qt's plural forms ("%n dealers": "1 dealer", "2 dealers"):
# a catalogue of the counted messages only; a new one gets its English forms from resources/i18n/plurals_en.json.
"$BIN/pyside6-lupdate" -no-obsolete -locations none -pluralonly "${SOURCES[@]}" -ts resources/i18n/recovery_desk_en.ts
"$PY" packaging/ts_fill.py resources/i18n/recovery_desk_en.ts resources/i18n/plurals_en.json
"$BIN/pyside6-lrelease" resources/i18n/recovery_desk_en.ts -qm resources/i18n/recovery_desk_en.qm
