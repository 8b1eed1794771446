"""``vnx_directives``: references to specific Party and State documents.

Symbols are found by regex on the text (tokenizers split ``10-CT/TW`` into five tokens),
then the type word before them, the date and issuer after them (``ngày 25/10/2017 của
Ban Bí thư``) or the issuing body before them (``Chính phủ vừa ban hành …``) are read
around the match. References without a symbol (``Chỉ thị số 05``, ``Nghị quyết số 04
và 37``, ``Nghị định 23/2020``), named plenum/congress resolutions and laws by title are
found by their own patterns. One record per distinct document, with every mention.

All vocabulary comes from ``rules/document_types.yaml`` and ``rules/issuers.yaml``;
the patterns run on the text as written and spell out their case and tone variants.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import doc_text, set_records
from ..normalize import fold_tones, match_key
from ..records import Directive, Span
from ..ruleset import Example, RuleEntry, load_rules, read_rule_yaml


class DocumentType(RuleEntry):
    names: list[str]
    codes: list[str]
    default_for_code: bool = False
    named: bool = False
    needs_symbol: bool = False


class IssuerEntry(RuleEntry):
    kind: Literal["code", "inner_word", "stop_word", "law_stop_word", "lead_word", "adverb", "org_word", "org_head", "party_unit", "law_first_blocker", "law_context", "signer_office", "admin_word", "law_blocker", "term", "verb", "not_state"]
    surface: list[str]
    name: str | None = None


def rule_entry_model(file: str) -> type[RuleEntry]:
    return {"document_types": DocumentType, "issuers": IssuerEntry}[file]


def _spellings(words: list[str]) -> list[str]:
    """Each word as written and with its tone marks folded (`khoá` and `khóa`)."""
    return [v for w in words for v in (w, fold_tones(w))]


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SEG = r"[\p{Lu}Đ][\p{L}&]*(?:\.[\p{Lu}]+)*\d*"
_DATE = (
    r"(?:ngày\s+)?(?:"
    r"(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d{2})"
    r")"
)


@dataclass
class _Found:
    start: int
    end: int
    doc_type: str
    number: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    year: int | None = None
    code: str | None = None
    issuer: str | None = None
    date: str | None = None
    name: str | None = None
    rule_id: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)


class DirectiveRules:
    """Compiled patterns built from the rule files."""

    def __init__(self) -> None:
        types = load_rules("document_types", DocumentType)
        issuers = load_rules("issuers", IssuerEntry)
        self.types = types
        self.word_to_type: dict[str, str] = {}
        self.code_to_types: dict[str, list[DocumentType]] = {}
        self.canonical_code: dict[str, str] = {}
        for t in types:
            for n in t.names:
                self.word_to_type.setdefault(match_key(n), t.names[0] if t.id != "cong_van" else "Công văn")
            for c in t.codes:
                self.code_to_types.setdefault(c.upper(), []).append(t)
                self.canonical_code.setdefault(c.upper(), t.codes[0])
        self.needs_symbol = {t.names[0] for t in types if t.needs_symbol}
        # Family names, shared with the people extractor's data.
        surnames = read_rule_yaml("surnames").get("entries", [])
        self.surnames = {match_key(w) for e in surnames for w in e.get("surface", [])}
        self.issuer_canonical: dict[str, str] = {}
        self.inner: list[str] = []
        self.stop: list[str] = []
        self.law_stop: list[str] = []
        self.lead: list[str] = []
        self.adverbs: list[str] = []
        self.org_word_list: list[str] = []
        self.org_heads: list[str] = []
        self.party_units: list[str] = []
        self.law_first_blockers: list[str] = []
        self.law_context: list[str] = []
        self.signer_offices: list[str] = []
        self.admin_words: set[str] = set()
        self.law_blockers: list[str] = []
        self.terms: list[str] = []
        self.verbs: list[str] = []
        self.not_state: set[str] = set()
        for e in issuers:
            if e.kind == "code":
                for s in e.surface:
                    self.issuer_canonical[s.upper()] = e.surface[0]
            elif e.kind == "inner_word":
                self.inner += e.surface
            elif e.kind == "stop_word":
                self.stop += e.surface
            elif e.kind == "law_first_blocker":
                self.law_first_blockers += e.surface
            elif e.kind == "law_context":
                self.law_context += e.surface
            elif e.kind == "signer_office":
                self.signer_offices += e.surface
            elif e.kind == "admin_word":
                self.admin_words |= {match_key(w) for w in e.surface}
            elif e.kind == "party_unit":
                self.party_units += e.surface
            elif e.kind == "org_head":
                self.org_heads += e.surface
            elif e.kind == "org_word":
                self.org_word_list += e.surface
            elif e.kind == "law_blocker":
                self.law_blockers += e.surface
            elif e.kind == "adverb":
                self.adverbs += [match_key(a) for a in e.surface]
            elif e.kind == "lead_word":
                self.lead += e.surface
            elif e.kind == "law_stop_word":
                self.law_stop += e.surface
            elif e.kind == "term":
                self.terms += e.surface
            elif e.kind == "verb":
                self.verbs += e.surface
            elif e.kind == "not_state":
                self.not_state |= {s.upper() for s in e.surface}
        type_words = [n for t in types for n in t.names]
        tw = _alt(type_words)
        # Case variants spelled out: a case-insensitive alternation is tried at every
        # position and was most of this component's time.
        tw_cap = _alt([v for w in type_words for v in (w[0].upper() + w[1:], w.upper())])
        tw_low = _alt([v for w in type_words for v in (w, w[0].lower() + w[1:], w.lower())])
        named_tw = _alt([n for t in types if t.named for n in t.names])
        codes = _alt([c for t in types for c in t.codes])
        self.re_party = regex.compile(
            rf"(?<![\w/.-])(?P<num>\d{{1,5}}[a-z]?)\s?-\s?(?P<type>{codes})\s?/\s?(?P<iss>{_SEG}(?:-{_SEG})*)(?![\w/])"
        )
        self.re_state = regex.compile(
            rf"(?<![\w/.-])(?P<num>\d{{1,5}}[a-z]?)\s?/\s?(?:(?P<year>(?:19|20)\d{{2}})(?:\s?/\s?|\s))?"
            rf"(?P<segs>{_SEG}(?:\s?-\s?{_SEG})*)(?![\w/])"
        )
        self.re_typeword_before = regex.compile(
            rf"(?i)(?P<tw>{tw})(?:\s+(?:liên tịch|hành động|phối hợp|liên ngành))?"
            rf"(?-i:(?P<lawname>(?:\s+\p{{Lu}}[\p{{L}}]*(?:\s+\p{{Ll}}+){{0,2}}){{1,4}}))?\s*(?:số\s*:?\s*)?$"
        )
        # Numbered references without a symbol; lists "số 04 và 37", "05, 10".
        num = r"(?P<num>\d{1,5}(?!\d)[a-z]?(?:\.\d{1,3})?)"
        more = r"(?P<more>(?:\s*(?:,|và|;)\s*(?:số\s*)?\d{1,5}[a-z]?(?![\d/.,]\d))*)"
        self.re_unsymbolled = regex.compile(
            rf"(?<!\p{{L}})(?:(?P<tw1>{tw_cap})|(?P<tw2>{tw_low})(?=(?:\s+\p{{Ll}}+){{0,2}}\s+(?i:số)|\s+\d{{1,5}}\s+của\s+\p{{Lu}}))"
            rf"(?:(?:\s+\p{{Ll}}+){{0,2}}(?=\s+số))?\s+(?:(?i:số)\s*:?\s*)?{num}"
            rf"(?:\s*/\s*(?P<year>(?:19|20)\d{{2}})(?![\d/]))?"
            rf"(?!\s?[-/]\s?[\p{{L}}\d])(?!\s*%)(?![\d,.]\d)"
            + more
        )
        units = _alt(self.party_units) if self.party_units else "tỉnh"
        term = r"kh(?:óa|oá)|Kh(?:óa|oá)"
        roman = r"[IVXLC]+"
        nth = rf"lần thứ\s+(?:{roman}|\d{{1,2}}|\w+)"
        self.re_named = regex.compile(
            r"(?P<name>[Nn]ghị quyết\s+(?:"
            # Trung ương 4 (khóa XII) / TW4 / Hội nghị lần thứ 4 Ban Chấp hành Trung ương khóa XII
            rf"(?:(?:Hội nghị\s+)?(?:{nth}\s+)?(?:Ban Chấp hành\s+)?(?:[Tt]rung ương|TW|TƯ|T\.Ư)\s*(?:Đảng\s+)?(?:\d{{1,2}}(?!\d)|{nth})"
            rf"|(?:của\s+)?Hội nghị\s+{nth}\s+(?:Ban Chấp hành\s+)?[Tt]rung ương(?:\s+Đảng)?)"
            rf"(?P<term>\s*,?\s*\(?\s*(?:{term})\s+{roman}(?:\s*,\s*{roman})*\)?)?"
            # Đại hội XIII của Đảng / Đại hội Đảng toàn quốc lần thứ XII / Đại hội XVI Đảng bộ thành phố
            # / Đại hội đại biểu Đảng bộ tỉnh … lần thứ I, nhiệm kỳ 2025 - 2030 / đại hội Đảng bộ xã lần thứ 30
            rf"|[Đđ]ại hội\s+(?:"
            rf"(?:Đảng\s+)?(?:đại biểu\s+)?(?:toàn quốc\s+)?{nth}(?:\s+(?:của\s+)?Đảng(?!\s+bộ)|\s+Đảng bộ\s+(?:{units})(?:\s+\p{{Lu}}\p{{Ll}}*){{0,3}})?"
            rf"|{roman}(?:\s+(?:của\s+)?Đảng(?!\s+bộ)|\s+Đảng bộ\s+(?:{units})(?:\s+\p{{Lu}}\p{{Ll}}*){{0,3}})?"
            rf"|(?:đại biểu\s+)?Đảng bộ\s+(?:{units})(?:\s+\p{{Lu}}\p{{Ll}}*){{0,4}}(?:\s+{nth})?"
            rf")(?:\s*,?\s*nhiệm kỳ\s+\d{{4}}\s*[-–]\s*\d{{4}})?"
            rf"|[Kk]ỳ họp\s+(?:bất thường\s+)?(?:lần\s+)?thứ\s+\d{{1,2}}(?:\s*,?\s*Quốc hội\s+(?:{term})\s+{roman})?"
            r"))"
        )
        # The text is matched as written (not tone-folded): keep each word as the data
        # spells it and in its folded form (`khoá`, `khóa`).
        stop = _alt(_spellings(self.stop))
        law_stop = _alt(_spellings(self.law_stop))
        # Candidate starts for re_unsymbolled, found cheaply: a capitalised type word, or
        # `số <digit>` with a lower-case type word just before it.
        self.re_tw_cap = regex.compile(rf"(?<!\p{{L}})(?:{tw_cap})")
        self.re_so_num = regex.compile(r"(?<!\p{L})(?i:số)\s*:?\s*\d")
        self.re_low_num_cua = regex.compile(rf"(?<!\p{{L}})(?:{tw_low})(?=\s+\d{{1,5}}\s+của\s+\p{{Lu}})")
        self.re_tw_low_before = regex.compile(rf"(?<!\p{{L}})(?:{tw_low})(?:\s+\p{{Ll}}+){{0,2}}\s+$")
        # `Luật Cán bộ, công chức (sửa đổi)`, `Luật Khoa học, công nghệ và đổi mới sáng tạo năm
        # 2025`: a comma or `và` continues a title when the title's end is in sight (a year,
        # `(sửa đổi)`, `có hiệu lực`, `số …`) or only one or two words follow before punctuation.
        law_end = rf"(?:\((?:sửa đổi)|(?:năm\s+)?(?:19|20)\d{{2}}(?!\d)|có hiệu lực|số\s+\d)"
        comma_ok = rf"chống|\p{{Ll}}+(?:\s+\p{{Ll}}+)?\s*(?:[^\s\p{{L}}]|$|(?:{law_stop})(?!\p{{L}}))"
        anchored = (
            rf",\s+(?:(?:\p{{Ll}}+|và)\s+){{0,8}}?\p{{Ll}}+(?=\s+{law_end})"
            rf"|\s+và\s+(?:\p{{Ll}}+\s+){{0,6}}?\p{{Ll}}+(?=\s+{law_end})"
            rf"|\s+và\s+\p{{Ll}}+(?=\s*[;,.:)\n]|$)"
        )
        self.re_law = regex.compile(
            rf"(?<![\p{{L}}])(?P<tw>{named_tw})\s+(?P<body>(?:các\s+)?\p{{Lu}}[\p{{L}}]*(?<!\b\p{{Lu}}{{2,}})"
            rf"(?:{anchored}|(?:\s+|,\s+(?={comma_ok})|-)(?!(?:{law_stop})(?!\p{{L}}))(?:\p{{Ll}}[\p{{L}}]*|\p{{Lu}}[\p{{L}}]*)){{0,14}})"
        )
        self.re_law_year = regex.compile(r"^\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?!\d)")
        self.re_more_years = regex.compile(r"^\s*(?:,|và)\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?![\d/])")
        # A law named in lower case is a reference when a year anchors it (`Luật nhà ở năm 2005`).
        self.re_law_lower = regex.compile(
            rf"(?<![\p{{L}}])(?P<tw>{named_tw})\s+(?P<body>\p{{Ll}}+(?:\s+\p{{Ll}}+){{0,4}}?)\s+(?:năm\s+)?(?:19|20)\d{{2}}(?!\d)"
        )
        # A law titled in lower case after a law context (`theo Điều 63, Luật quản lý nợ công,`).
        self.re_law_lower_ctx = regex.compile(
            rf"(?<![\p{{L}}])(?P<tw>Luật)\s+(?!(?:{_alt(self.law_first_blockers)})(?!\p{{L}}))"
            rf"(?P<body>\p{{Ll}}+(?:\s+(?!(?:{law_stop})(?!\p{{L}}))\p{{Ll}}+){{1,6}})(?=\s*[,.;:)\n]|\s+(?:{law_stop})(?!\p{{L}}))"
        )
        self.signer_re = regex.compile(rf"^(?:{_alt(self.signer_offices)})(?!\p{{L}})") if self.signer_offices else regex.compile(r"(?!)")
        self.law_context_re = regex.compile(rf"(?i)(?:{_alt(self.law_context)})\s*$")
        # An amending law is one reference named in full.
        self.re_law_amending = regex.compile(
            rf"(?<![\p{{L}}])(?P<tw>Luật)\s+(?P<body>sửa đổi,?\s+bổ sung\s+(?:một số điều\s+)?(?:của\s+)?(?:các\s+)?(?:Luật|Bộ luật)\s+\p{{Lu}}\p{{Ll}}*(?:\s+(?:\p{{Lu}}\p{{Ll}}*|\p{{Ll}}+)){{0,5}}?)(?=\s*(?:năm\s+\d{{4}}|\d{{4}}|[,.;:(\n]|\s+(?:quy định|đã|được|có|là|và|của|số)\b))"
        )
        self.org_head_re = regex.compile(rf"^(?:{_alt(self.org_heads)})(?!\p{{L}})") if self.org_heads else None
        self.re_theo = regex.compile(r"(?i)(?:^|[.;:\n]\s*|,\s*)(?:theo|căn cứ|thực hiện|tại)\s+$")
        self.re_date_after = regex.compile(r"^\s*,?\s*(?:\(?\s*(?:ban hành\s+)?" + _DATE + r"\s*\)?)")
        # `ngày 26/1 của Chính phủ`: a date without its year is passed over
        self.re_day_month_after = regex.compile(r"^\s*,?\s*ngày\s+\d{1,2}\s*[/\-.]\s*\d{1,2}(?![/\-.]?\d)")
        self.re_year_after = regex.compile(r"^\s*(?:năm\s+)(?P<y>(?:19|20)\d{2})(?!\d)")
        self.re_date_in_clause = regex.compile(r"(?i)" + _DATE)
        self.lead_re = regex.compile(rf"^(?:{_alt(self.lead)})(?!\p{{L}})")
        self.re_at_before = regex.compile(r"(?<!\p{L})tại\s+$")
        self.re_at_gap = regex.compile(r"^\s+(?:\p{Ll}+\s+){0,2}tại\s+$")
        self.re_passive = regex.compile(r"^\s*,?\s*(?:(?:vừa|đã|mới)\s+)?(?:được|do)\s+")
        self.re_passive_verb = regex.compile(r"^\s+(?:thông qua|ban hành|ký ban hành|ký|phê duyệt)")
        self.re_of = regex.compile(r"^\s*,?\s*(?:của|do)\s+")
        self.stop_re = regex.compile(rf"(?i)^(?:{stop}|và\s+(?:{tw}))(?!\p{{L}})")
        self.org_words = {match_key(w) for w in self.org_word_list}
        self.law_blockers_re = regex.compile(rf"(?i)(?:{_alt(self.law_blockers)})\s+$") if self.law_blockers else None
        self.inner_re = regex.compile(rf"(?i)^(?:{_alt(_spellings(self.inner))})(?!\p{{L}})")
        self.term_re = regex.compile(rf"(?i)\s*,?\s*\(?\s*(?:{_alt(self.terms)})\s+[IVXLC\d\s\-–]+\)?\s*$")
        self.verb_re = regex.compile(rf"(?i)\s+(?:{_alt(self.verbs)})\s+(?:các\s+)?$")


@functools.lru_cache(maxsize=1)
def directive_rules() -> DirectiveRules:
    return DirectiveRules()


_WORD = regex.compile(r"\S+")


_TERM = regex.compile(r"(?i)\(?\s*kh(?:óa|oá)\s+([IVXLC]+)\s*\)?")


def _term(name: str | None) -> str | None:
    m = _TERM.search(name or "")
    return m.group(1).upper() if m else None


_CONGRESS = regex.compile(r"(?i)đại hội\b.*?(?:lần thứ\s+)?\b(?P<n>[IVXLC]+|\d{1,2})\b(?P<rest>.*)$")


def _code_key(code: str) -> str:
    """`4-KH/TW` and `04-KH/TW` are one document: leading zeros are not part of the key."""
    return match_key(regex.sub(r"^0+(?=\d)", "", code))


def _name_key(name: str) -> str:
    """Key of a named document. Congress resolutions are keyed by the congress they name:
    `Nghị quyết Đại hội XII của Đảng` = `Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII
    của Đảng`; a Party organisation's congress keeps its organisation."""
    key = match_key(regex.sub(r"[\s,]+$", "", _TERM.sub("", name)))
    key = regex.sub(r"(?<!\d)0+(?=\d)", "", key)  # Nghị quyết Trung ương 04 = … 4
    m = _CONGRESS.search(key)
    if m:
        org = regex.search(r"đảng bộ\s+(.*)", key)
        where = org.group(1) if org else "toàn quốc"
        where = regex.sub(r"\s*,?\s*nhiệm kỳ.*$|\s*lần thứ.*$", "", where).strip()
        return f"congress {m.group('n').upper()} {where}"
    return key


def _continues(rules: DirectiveRules, after: str) -> bool:
    """Whether a lower-case syllable that follows a capitalised one ends a name's word:
    what comes next must be punctuation, a capitalised word, an inner or a stop word
    (``Bộ Chính trị về``), not another lower-case syllable (``Quảng Trị kết luận``)."""
    rest = after.lstrip(" ")
    if not rest or not rest[0].isalpha():
        return True
    word = match_key(rest.split(" ", 1)[0])
    return rest[0].isupper() or bool(rules.inner_re.match(rest)) or bool(rules.stop_re.match(rest)) or word in rules.adverbs


def _issuer_phrase(rules: DirectiveRules, text: str, pos: int, limit: int = 120) -> tuple[str, int] | None:
    """Read an issuer's name starting at ``pos``: capitalised syllables, the lower-case
    syllable that completes a word (``Bộ Chính trị``), and inner words (``tỉnh``)."""
    window = text[pos : pos + limit]
    i = 0
    end = 0
    lower_run = 0
    words = 0
    prev = ""
    while i < len(window):
        while i < len(window) and window[i] == " ":
            i += 1
        rest = window[i:]
        dash = regex.match(r"[-–]\s+(?=\p{Lu})", rest) if words else None
        if dash:  # Bộ Lao động - Thương binh và Xã hội
            i += dash.end()
            continue
        if not rest or rest[0] in ",;:.()[]\"“”'!?\n–-":
            break
        if rules.stop_re.match(rest) and words:
            break
        m_inner = rules.inner_re.match(rest)
        m = _WORD.match(rest)
        if not m:
            break
        w = m.group(0).rstrip(",;:.)”\"")
        is_cap = w[:1].isupper() or any(part[:1].isupper() for part in w.split("-")) or w.isdigit()
        if words == 0 and not is_cap:
            return None
        if m_inner and not is_cap:
            i += m_inner.end()
            end = i
            words += 1
            lower_run = 0
            continue
        if is_cap:
            lower_run = 0
        else:
            lower_run += 1
            known = match_key(f"{prev} {w}") in rules.org_words
            nxt = _WORD.match(window[i + len(w) :].lstrip(" "))
            pair = nxt is not None and match_key(f"{w} {nxt.group(0).rstrip(',;:.)')}") in rules.org_words
            if pair:  # `Bộ chính trị`: the lower-case pair is one word of the name
                lower_run = 0
            elif lower_run > 1 or not (known or _continues(rules, window[i + len(w) :])):
                break
        prev = w
        i += len(w)
        end = i
        words += 1
        if len(w) < len(m.group(0)) or words >= 14:
            break
    if not words:
        return None
    phrase = window[:end].strip()
    phrase = rules.term_re.sub("", phrase).strip()
    # Trailing inner words that end nothing (`của UBND tỉnh và`) are dropped.
    while True:
        parts = phrase.rsplit(" ", 1)
        if len(parts) == 2 and match_key(parts[1]) in ("và", "các", "khóa"):
            phrase = parts[0]
        else:
            break
    return (phrase, pos + end) if phrase else None


class DirectiveExtractor:
    def __init__(self) -> None:
        self.rules = directive_rules()

    # -- helpers ------------------------------------------------------------

    def _type_before(self, text: str, start: int) -> tuple[str | None, int, str | None]:
        window = text[max(0, start - 90) : start]
        m = self.rules.re_typeword_before.search(window)
        if not m:
            return None, start, None
        word = match_key(m.group("tw"))
        doc_type = self.rules.word_to_type.get(word)
        lawname = m.group("lawname")
        if lawname and doc_type not in ("Luật", "Bộ luật", "Pháp lệnh"):
            return None, start, None
        return doc_type, start - len(window) + m.start(), (m.group("tw") + lawname).strip() if lawname else None

    def _after(self, text: str, end: int, f: _Found) -> int:
        """Read date and issuer after a reference; returns the new end of the context read."""
        rest = text[end : end + 200]
        m = self.rules.re_date_after.match(rest)
        pos = end
        if m:
            self._set_date(m, f)
            pos = end + m.end()
        else:
            my = self.rules.re_year_after.match(rest)
            dm = self.rules.re_day_month_after.match(rest)
            if my and f.year is None:
                f.year = int(my.group("y"))
                pos = end + my.end()
            elif dm:
                pos = end + dm.end()
        mp = self.rules.re_passive.match(text[pos : pos + 120])
        if mp and f.issuer is None:
            got = _issuer_phrase(self.rules, text, pos + mp.end())
            if got and self.rules.re_passive_verb.match(text[got[1] : got[1] + 30]):
                f.issuer = got[0]
        mo_ = self.rules.re_of.match(text[pos : pos + 20])
        if mo_:
            got = _issuer_phrase(self.rules, text, pos + mo_.end())
            if got and f.issuer is None:
                f.issuer = got[0]
        return pos

    def _is_signer(self, phrase: str) -> bool:
        """`Chủ tịch Quốc hội Trần Thanh Mẫn`: an office followed by a person's name."""
        rules = self.rules
        if not rules.signer_re.match(phrase):
            return False
        words = phrase.split()
        for k in (4, 3, 2):
            if len(words) <= k:
                continue
            name, before = words[-k:], words[-k - 1]
            if (
                all(w[:1].isupper() for w in name)
                and match_key(name[0]) in rules.surnames
                and match_key(before.rstrip(".")) not in rules.admin_words
            ):
                return True
        return False

    @staticmethod
    def _set_date(m: regex.Match[str], f: _Found) -> None:
        d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
        try:
            di, mi, yi = int(d), int(mo), int(y)
        except (TypeError, ValueError):
            return
        if 1 <= di <= 31 and 1 <= mi <= 12:
            f.date = f.date or f"{yi:04d}-{mi:02d}-{di:02d}"
            f.year = f.year or yi

    def _issuer_before(self, text: str, start: int, f: _Found) -> None:
        if f.issuer is not None:
            return
        window = text[max(0, start - 120) : start]
        mt = self.rules.re_at_before.search(window)
        if mt:
            # `ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số …`,
            # `được Sở TN-MT báo cáo tại tờ trình số …`
            for mo in regex.finditer(r"(?<!\p{L})(?:của|được)\s+", window[: mt.start()]):
                s = start - len(window) + mo.end()
                got = _issuer_phrase(self.rules, text, s, limit=start - s)
                if got and self.rules.re_at_gap.match(text[got[1] : start]) and not self._is_signer(got[0]):
                    f.issuer = got[0]
                    return
        window = text[max(0, start - 120) : start]
        mv = self.rules.verb_re.search(window)
        if not mv:
            return
        bounds = [m.end() for m in regex.finditer(r"[.;:!?](?=\s)|\n", window[: mv.start()])]
        clause_start = bounds[-1] if bounds else 0
        base = start - len(window)
        verb_at = base + mv.start()
        clause = window[clause_start : mv.start()]
        for m in regex.finditer(r"(?<![\p{L}])\p{Lu}", clause):
            if self.rules.lead_re.match(clause[m.start():]):
                continue
            s = base + clause_start + m.start()
            got = _issuer_phrase(self.rules, text, s, limit=verb_at - s + 1)
            if got and match_key(text[got[1] : verb_at]).split() in ([],) + tuple([a] for a in self.rules.adverbs):
                if self._is_signer(got[0]):
                    return  # a person signing gives no issuer
                f.issuer = got[0]
                md = self.rules.re_date_in_clause.search(clause[: m.start()])
                if md and clause[md.end() : m.start()].strip(" ,") != "":
                    md = None
                if md and f.year is None:
                    self._set_date(md, f)
                return

    def _canonical_code(self, kind: str, num: str, type_code: str | None, iss: str | None, year: str | None) -> str:
        if kind == "party":
            return f"{num}-{type_code}/{iss}"
        if kind == "law":
            return f"{num}/{year}/{iss}"
        parts = [num]
        if year:
            parts.append(year)
        parts.append("-".join(x for x in (type_code, iss) if x))
        return "/".join(parts)

    def _canon_seg(self, seg: str) -> str:
        s = regex.sub(r"\s+", "", seg)
        up = s.upper()
        if up in self.rules.issuer_canonical:
            return self.rules.issuer_canonical[up]
        if up in self.rules.canonical_code:
            return self.rules.canonical_code[up]
        return s

    def _pick_type(self, code: str, word_type: str | None, issuer_code: str | None, party: bool) -> str:
        candidates = self.rules.code_to_types.get(code.upper(), [])
        names = [t.names[0] for t in candidates]
        if word_type and (word_type in names or not names):
            return word_type
        if word_type and code.upper() in ("QĐ", "QD"):
            return word_type if word_type in ("Quyết định", "Quy định") else "Quyết định"
        if code.upper() in ("QĐ", "QD"):
            return "Quy định" if party and issuer_code == "TW" else "Quyết định"
        for t in candidates:
            if t.default_for_code or len(candidates) == 1:
                return t.names[0]
        return word_type or (names[0] if names else "Công văn")

    # -- passes -------------------------------------------------------------

    def find(self, text: str) -> list[_Found]:
        rules = self.rules
        text = text  # the patterns spell out their variants; no text copy is needed
        found: list[_Found] = []
        taken: list[tuple[int, int]] = []

        def overlaps(s: int, e: int) -> bool:
            return any(s < te and ts < e for ts, te in taken)

        for m in rules.re_party.finditer(text):
            type_code = self._canon_seg(m.group("type"))
            iss = "-".join(self._canon_seg(x) for x in regex.split(r"\s?-\s?", m.group("iss")))
            if iss.upper() in rules.not_state:
                taken.append((m.start(), m.end()))
                continue
            word_type, s, _ = self._type_before(text, m.start())
            f = _Found(s, m.end(), self._pick_type(type_code, word_type, iss, True), number=m.group("num"),
                       type_code=type_code, issuer_code=iss, rule_id="party_symbol")
            f.code = self._canonical_code("party", f.number or "", type_code, iss, None)
            self._after(text, m.end(), f)
            self._issuer_before(text, s, f)
            found.append(f)
            taken.append((s, m.end()))
        for m in rules.re_state.finditer(text):
            if overlaps(m.start(), m.end()):
                continue
            segs = [self._canon_seg(x) for x in regex.split(r"\s?-\s?", m.group("segs"))]
            year = m.group("year")
            num = m.group("num")
            if any(s.upper() in rules.not_state for s in segs):
                taken.append((m.start(), m.end()))
                continue
            word_type, s, lawname = self._type_before(text, m.start())
            first = segs[0].upper()
            if regex.fullmatch(r"QH\d{1,2}", first) and year and len(segs) == 1:
                kind, type_code, iss = "law", None, segs[0]
                doc_type = word_type or "Luật"
            elif len(segs) == 2 and first in rules.issuer_canonical and segs[1].upper() in rules.code_to_types:
                # reversed Party symbol `57/TW-NQ` is `57-NQ/TW`
                kind, type_code, iss = "party", self._canon_seg(segs[1]), segs[0]
                doc_type = self._pick_type(type_code, word_type, iss, True)
            elif first in rules.code_to_types and len(segs) >= 2:
                kind, type_code, iss = "state", segs[0], "-".join(segs[1:])
                doc_type = self._pick_type(type_code, word_type, iss, False)
            elif len(segs) == 1 and first in rules.issuer_canonical and word_type:
                kind, type_code, iss = "state", None, segs[0]  # 100/TTg
                doc_type = word_type
            elif len(segs) >= 2 and (word_type in (None, "Công văn")):
                if word_type is None and not regex.search(r"(?i)(?:văn bản|công văn|số)\s*$", text[max(0, m.start() - 20) : m.start()]):
                    continue
                kind, type_code, iss = "state", None, "-".join(segs)
                doc_type = "Công văn"
            elif word_type:
                kind, type_code, iss = "state", None, "-".join(segs)
                doc_type = word_type
            else:
                continue
            f = _Found(s, m.end(), doc_type, number=num, type_code=type_code, issuer_code=iss,
                       year=int(year) if year else None, rule_id=f"{kind}_symbol")
            if lawname and doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
                f.name = regex.sub(r"\s+số$", "", lawname)
            f.code = self._canonical_code(kind, num, type_code, iss, year)
            self._after(text, m.end(), f)
            self._issuer_before(text, s, f)
            found.append(f)
            taken.append((s, m.end()))
        for m in rules.re_named.finditer(text):
            if overlaps(m.start(), m.end()):
                continue
            surface = text[m.start("name") : m.end("name")].strip()
            terms = regex.findall(r"[IVXLC]+", m.group("term") or "")
            if len(terms) > 1:
                # `Nghị quyết Trung ương 4 (Khóa XI, XII)`: one resolution per term
                base = text[m.start("name") : m.start("term")].strip()
                word = regex.search(r"[Kk]h(?:óa|oá)", m.group("term")).group(0)  # type: ignore[union-attr]
                for t in terms:
                    found.append(_Found(m.start(), m.start() + len(surface), "Nghị quyết", name=f"{base} ({word} {t})",
                                        rule_id="named_resolution"))
            else:
                found.append(_Found(m.start(), m.start() + len(surface), "Nghị quyết", name=surface, rule_id="named_resolution"))
            taken.append((m.start(), m.start() + len(surface)))
        for m in self._unsymbolled_matches(text):
            if overlaps(m.start(), m.end()):
                continue
            tw = m.group("tw1") or m.group("tw2")
            doc_type = rules.word_to_type.get(match_key(tw))
            if not doc_type or doc_type in rules.needs_symbol:
                continue
            nums = [(m.start("num"), m.end("num"))]
            more = m.group("more") or ""
            base = m.start("more")
            for mm in regex.finditer(r"\d{1,5}[a-z]?", more):
                nums.append((base + mm.start(), base + mm.end()))
            year = m.group("year")
            group: list[_Found] = []
            for k, (ns, ne) in enumerate(nums):
                s = m.start() if k == 0 else ns
                e = m.end("num") if k == 0 else ne
                if k == 0 and year:
                    e = m.end("year")
                f = _Found(s, e, doc_type, number=text[ns:ne], year=int(year) if (year and k == 0) else None,
                           rule_id="numbered_no_symbol" if k == 0 else "numbered_list")
                group.append(f)
            end = m.end()
            probe = _Found(0, 0, doc_type, year=int(year) if year else None)
            self._after(text, end, probe)
            self._issuer_before(text, m.start(), probe)
            for f in group:
                f.issuer = probe.issuer
                if len(group) == 1:
                    f.year = f.year or probe.year
                    f.date = probe.date
            found.extend(group)
            taken.append((m.start(), m.end()))
        law_matches = sorted(
            [
                *rules.re_law_amending.finditer(text),
                *rules.re_law.finditer(text),
                *rules.re_law_lower.finditer(text),
                *(m for m in rules.re_law_lower_ctx.finditer(text) if rules.law_context_re.search(text[max(0, m.start() - 25) : m.start()])),
            ],
            key=lambda m: (m.start(), -m.end()),
        )
        for m in law_matches:
            if overlaps(m.start(), m.end("body")):
                continue
            if rules.law_blockers_re and rules.law_blockers_re.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # khoa Luật Kinh tế, Trường Đại học Luật
            body = text[m.start("body") : m.end("body")]
            body = regex.sub(r"[\s,]+$", "", body)
            doc_type = rules.word_to_type.get(match_key(m.group("tw")), "Luật")
            e = m.start("body") + len(body)
            name = f"{text[m.start('tw'):m.end('tw')]} {body}"
            f = _Found(m.start(), e, doc_type, name=name, rule_id="law_by_name")
            my = rules.re_law_year.match(text[e : e + 12])
            if my:
                f.year = int(my.group("y"))
            found.append(f)
            taken.append((m.start(), e))
            # `Luật Đất đai năm 1987, 1993, 2001`: one law per year listed
            pos = e + (my.end() if my else 0)
            while my:
                my = rules.re_more_years.match(text[pos : pos + 16])
                if my:
                    found.append(_Found(f.start, f.end, doc_type, name=name, year=int(my.group("y")), rule_id="law_year_list"))
                    pos += my.end()
        for f in found:
            self._issuer_after_theo(text, f)
        return found

    def _issuer_after_theo(self, text: str, f: _Found) -> None:
        """`Theo Quyết định số …, Sở Giao dịch … thông báo`: the body the same sentence
        names right after a reference that opens it with `Theo`/`Căn cứ` applies it."""
        if f.issuer is not None or not f.number or self.rules.org_head_re is None:
            return
        if not self.rules.re_theo.search(text[max(0, f.start - 30) : f.start]):
            return
        rest = text[f.end : f.end + 160]
        m = regex.match(r"^[^,.;:\n]{0,60}?,\s*", rest)
        if not m:
            return
        start = f.end + m.end()
        if not self.rules.org_head_re.match(text[start : start + 30]):
            return
        got = _issuer_phrase(self.rules, text, start)
        if got:
            f.issuer = got[0]

    @staticmethod
    def share_list_issuer(text: str, found: list[_Found]) -> None:
        """In a list of references of one type (``Quyết định số 73/…, số 60/… của UBND tỉnh``)
        the issuer named after the last applies to all of them."""
        for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
            gap = text[a.end : b.start]
            if (
                a.doc_type == b.doc_type
                and len(gap) <= 60
                and regex.search(r",|\bvà\b", gap)
                and not regex.search(r"[.;:!?](?=\s)|\n|\bcủa\b", gap)
            ):
                a.issuer = a.issuer or b.issuer
                if a.year is None and a.date is None and b.date and not regex.search(r"\d", gap):
                    a.year, a.date = b.year, b.date

    def _unsymbolled_matches(self, text: str) -> list[regex.Match[str]]:
        """Non-overlapping matches of ``re_unsymbolled``, tried only at candidate starts."""
        rules = self.rules
        starts = {m.start() for m in rules.re_tw_cap.finditer(text)}
        for m in rules.re_low_num_cua.finditer(text):
            starts.add(m.start())
        for m in rules.re_so_num.finditer(text):
            window = text[max(0, m.start() - 40) : m.start()]
            w = rules.re_tw_low_before.search(window)
            if w:
                starts.add(m.start() - len(window) + w.start())
        out: list[regex.Match[str]] = []
        last_end = -1
        for pos in sorted(starts):
            if pos < last_end:
                continue
            mm = rules.re_unsymbolled.match(text, pos)
            if mm:
                out.append(mm)
                last_end = mm.end()
        return out

    def merge(self, found: list[_Found], text: str = "") -> list[_Found]:
        found.sort(key=lambda f: f.start)
        if text:
            self.share_list_issuer(text, found)
        out: list[_Found] = []
        by_key: dict[Any, _Found] = {}
        coded_by_num: dict[tuple[str, str], _Found] = {}
        for f in found:
            if f.code:
                key: Any = ("code", _code_key(f.code))
            elif f.number:
                key = ("num", f.doc_type, f.number)
            else:
                key = ("name", _name_key(f.name or ""))
            target = by_key.get(key)
            if target is not None and key[0] == "name" and _term(f.name) != _term(target.name):
                # `… 4 (Khóa XI)` and `… 4 (Khóa XII)` are two resolutions; a mention without
                # a term is the one with a term, when only one is named
                if _term(f.name) and _term(target.name):
                    key = (*key, _term(f.name))
                    target = by_key.get(key)
            if target is not None and key[0] == "name" and f.year and target.year and f.year != target.year:
                key = (*key, f.year)  # Luật Đất đai 2013 and Luật Đất đai 2024 are two laws
                target = by_key.get(key)
            name_key = ("name", match_key(f.name)) if f.name else None
            if target is None and name_key and f.code and name_key in by_key:
                target = by_key[name_key]  # `Luật Công đoàn` … `Luật Công đoàn số 50/2024/QH15`
                target.code, target.number, target.issuer_code = f.code, f.number, f.issuer_code
                by_key[key] = target
            elif target is None and name_key and not f.code and not f.number:
                target = by_key.get(("lawname", name_key[1]))
            if target is None and f.number and not f.code:
                target = coded_by_num.get((f.doc_type, f.number))
            if target is None and f.code and f.number:
                # an earlier unsymbolled mention of the same document
                target = by_key.get(("num", f.doc_type, f.number))
                if target is not None:
                    target.code, target.type_code, target.issuer_code = f.code, f.type_code, f.issuer_code
                    target.year = target.year or f.year
                    by_key[key] = target
            if target is None:
                f.mentions = [(f.start, f.end)]
                by_key[key] = f
                if f.code and f.name:
                    by_key[("lawname", match_key(f.name))] = f
                if f.code and f.number:
                    coded_by_num.setdefault((f.doc_type, f.number), f)
                out.append(f)
                continue
            target.mentions.append((f.start, f.end))
            if f.name and target.name and not _term(target.name) and _term(f.name) and not target.code:
                target.name = f.name  # the naming with the term (`… khóa XII`)
            target.issuer = target.issuer or f.issuer
            target.year = target.year or f.year
            target.date = target.date or f.date
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        layout = doc._.vnx.get("layout")
        found = self.find(text)
        if layout is not None:
            bad = layout.spans("header", "byline", "chrome")
            found = [f for f in found if not any(s <= f.start < e for s, e in bad)]
        merged = self.merge(found, text)
        records = [
            Directive(
                doc_type=f.doc_type, number=f.number, type_code=f.type_code, issuer_code=f.issuer_code,
                year=f.year, code=f.code, issuer=f.issuer, date=f.date, name=f.name,
                start=f.start, end=f.end, text=text[f.start : f.end],
                mentions=[Span(start=s, end=e, text=text[s:e]) for s, e in f.mentions], rule_id=f.rule_id,
            )
            for f in merged
        ]
        set_records(doc, "directives", records, "DIRECTIVE")
        doc._.vnx["directive_spans"] = sorted(s for f in merged for s in f.mentions)
        return doc


@Language.factory("vnx_directives", assigns=["doc.spans"])
def make_directive_extractor(nlp: Language, name: str) -> DirectiveExtractor:
    return DirectiveExtractor()


def parse_code(code: str) -> dict[str, Any] | None:
    """Parse a canonical code back into its parts (``number``, ``type_code``, ``issuer_code``, ``year``).

    >>> parse_code("100/2019/NĐ-CP")["year"]
    2019
    """
    ex = DirectiveExtractor()
    # A code without a type code (`100/TTg`) takes its type from a word: give it one.
    for prefix in ("số ", "Công văn số "):
        for f in ex.find(prefix + code):
            if f.code:
                return {"number": f.number, "type_code": f.type_code, "issuer_code": f.issuer_code, "year": f.year, "code": f.code}
    return None


def _directives_of(text: str) -> list[Directive]:
    from ..extraction import extract

    return extract(text).directives


def check_example(entry: RuleEntry, example: Example) -> None:
    recs = _directives_of(example.text)
    for r in recs:
        d = r.model_dump()
        if all(d.get(k) == v for k, v in example.expect.items()):
            return
    raise AssertionError(f"{entry.id}: no directive with {example.expect} in {[r.model_dump(exclude={'mentions'}) for r in recs]}")


def check_counterexample(entry: RuleEntry, text: str) -> None:
    recs = _directives_of(text)
    assert not recs, f"{entry.id}: unexpected directives {[r.text for r in recs]}"
