"""Work types of repair orders: the standard four recognised in English or Chinese, anything else kept as written."""

from __future__ import annotations

from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules import identifiers

MAINTENANCE, REPAIR, WARRANTY, BODYWORK = "maintenance", "repair", "warranty", "bodywork"
STANDARD = (MAINTENANCE, REPAIR, WARRANTY, BODYWORK)
# How a standard type is shown (context "Vocab"); an unrecognised one is shown as written.
TITLES = {
    MAINTENANCE: QT_TRANSLATE_NOOP("Vocab", "maintenance"),
    REPAIR: QT_TRANSLATE_NOOP("Vocab", "repair"),
    WARRANTY: QT_TRANSLATE_NOOP("Vocab", "warranty"),
    BODYWORK: QT_TRANSLATE_NOOP("Vocab", "bodywork"),
}
# What dealers' management systems write for each (compared case-folded, without spaces).
_SYNONYMS = {
    MAINTENANCE: ("maintenance", "service", "保养", "常规保养", "定期保养", "首保", "小保养", "大保养"),
    REPAIR: ("repair", "general repair", "维修", "一般维修", "机修", "机电维修"),
    WARRANTY: ("warranty", "保修", "索赔", "三包", "质保"),
    BODYWORK: ("bodywork", "body and paint", "body & paint", "钣喷", "钣金", "喷漆", "钣金喷漆", "事故车"),
}
_BY_WORD = {w.replace(" ", "").casefold(): key for key, words in _SYNONYMS.items() for w in words}


def work_type(raw: str | None) -> str:
    """The work type as stored: one of STANDARD when recognised, else the text as written (in its one
    form: NFKC, zero-width characters dropped, trimmed; a direction override stays for the field's rule
    to refuse); empty when none was given."""
    text = identifiers.name(raw)
    return _BY_WORD.get(text.replace(" ", "").casefold(), text)
