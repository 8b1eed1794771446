"""pipeline.decoding: bytes → Unicode, legacy Vietnamese encodings, refusals."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from pipeline.decoding import (
    LegacyEncodingEntry,
    check_counterexample,
    check_example,
    decode_bytes,
    decode_legacy,
    encode_legacy,
    is_vietnamese_syllable,
    vietnamese_score,
)
from pipeline.errors import DecodeError, InputError
from pipeline.ruleset import load_rules

LEGACY = Path(__file__).resolve().parents[2] / "shared" / "legacy"

# Our own sentences: sentence starts, an all-caps name, a quotation, toned capitals.
SAMPLE = (
    "Sáng 12/3, Ủy ban nhân dân tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác phòng "
    "chống thiên tai năm 2024. Theo báo cáo, mưa lũ làm hư hỏng 1.250 ngôi nhà, thiệt hại "
    "ước tính khoảng 320 tỷ đồng. Ông NGUYỄN VĂN HÙNG, Giám đốc Sở Nông nghiệp, đề nghị "
    "các huyện chủ động sơ tán dân khỏi vùng nguy hiểm. “Ở đâu có nguy cơ sạt lở, ở đó "
    "phải có phương án ứng phó,” ông nói. Ấp Tân Thành và xã Hải Lăng được khen thưởng "
    "vì làm tốt công tác cứu hộ.\n\nẢnh: Tỉnh ủy Quảng Trị – Ủy viên Ban Thường vụ Tỉnh "
    "ủy dự hội nghị."
)

TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese files hold it: NFD, letters keep their shape (ê ơ ă)."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and ch not in TONES and out:
            # recompose a shape mark with its letter, keeping the tone after it
            base = out.pop()
            letter, tone = base[0], base[1:]
            out.append(unicodedata.normalize("NFC", letter + ch) + tone)
        elif ch in TONES and out:
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


def char_errors(got: str, want: str) -> int:
    return sum(a != b for a, b in zip(got, want)) + abs(len(got) - len(want))


# --- shared legacy samples -----------------------------------------------------


def _legacy(name: str) -> bytes:
    if not LEGACY.is_dir():
        pytest.skip(f"{LEGACY} is absent")
    return (LEGACY / name).read_bytes()


def test_shared_unicode_sample_is_utf8() -> None:
    raw = _legacy("own-uppercase.utf8.txt")
    got = decode_bytes(raw)
    assert got.encoding == "utf-8"
    assert got.text == raw.decode("utf-8")


def test_shared_vni_sample_decodes_exactly() -> None:
    want = _legacy("own-uppercase.utf8.txt").decode("utf-8")
    got = decode_bytes(_legacy("own-uppercase.vni.txt"))
    assert got.encoding == "vni"
    assert got.text == want


def test_shared_tcvn3_sample_decodes_with_case_restored() -> None:
    want = _legacy("own-uppercase.utf8.txt").decode("utf-8")
    got = decode_bytes(_legacy("own-uppercase.tcvn3.txt"))
    assert got.encoding == "tcvn3"
    # Letters are all right; TCVN3 keeps no case for toned capitals, so the case comes
    # from context. One capital has no cue: "…đồng bào; Ý kiến…" (after a semicolon).
    assert got.text.lower() == want.lower()
    assert char_errors(got.text, want) <= 1
    for restored in ("THÔNG BÁO KHẨN: Ủy ban", "ỨNG PHÓ", "ĐẶNG VĂN HẢI, Phó Chủ tịch", "“Ở đâu",
                     "Ấp Ông Quế", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN ĐẠ TẺH", "ỦNG HỘ đồng bào"):
        assert restored in got.text


@pytest.mark.parametrize(("name", "legacy"), [("own-uppercase.tcvn3.txt", "tcvn3"), ("own-uppercase.vni.txt", "vni")])
def test_shared_legacy_sample_saved_as_utf8(name: str, legacy: str) -> None:
    """A legacy-font text saved as Unicode: the legacy bytes appear as Windows-1252 letters."""
    want = _legacy("own-uppercase.utf8.txt").decode("utf-8")
    as_unicode = _legacy(name).decode("cp1252").encode("utf-8")
    got = decode_bytes(as_unicode)
    assert got.encoding == f"utf-8+{legacy}"
    assert char_errors(got.text, want) <= 1


# --- self-made samples ------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "windows-1258"])
def test_own_sample_round_trips(encoding: str) -> None:
    got = decode_bytes(encode_legacy(SAMPLE, encoding))
    assert got.encoding == encoding
    assert got.text == SAMPLE


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_own_sample_typed_in_legacy_font_saved_as_unicode(encoding: str) -> None:
    typed = encode_legacy(SAMPLE, encoding).decode("cp1252")
    assert typed != SAMPLE
    for codec, label in (("utf-8", "utf-8"), ("utf-16", "utf-16-le")):
        got = decode_bytes(typed.encode(codec))
        assert got.encoding == f"{label}+{encoding}"
        assert got.text == SAMPLE


def test_double_encoded_utf8_is_repaired() -> None:
    # UTF-8 bytes read as Windows-1252 (its holes as C1 controls), saved as UTF-8 again
    mojibake = "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
        for b in SAMPLE.encode("utf-8")
    )
    got = decode_bytes(mojibake.encode("utf-8"))
    assert (got.encoding, got.text) == ("utf-8+utf-8", SAMPLE)


def test_windows_1258_decomposed_bytes() -> None:
    raw = cp1258_bytes(SAMPLE)
    assert raw == encode_legacy(SAMPLE, "windows-1258")
    assert any(b in raw for b in (0xCC, 0xEC, 0xD2, 0xDE, 0xF2))  # combining tone marks present
    got = decode_bytes(raw)
    assert got.encoding == "windows-1258"
    assert got.text == SAMPLE
    assert unicodedata.is_normalized("NFC", got.text)


def test_short_legacy_texts() -> None:
    for text in ("Chính phủ", "Việt Nam", "Đà Nẵng mưa to", "Ông ĐẶNG VĂN HẢI"):
        for encoding in ("tcvn3", "vni", "windows-1258"):
            got = decode_bytes(encode_legacy(text, encoding))
            assert (got.encoding, got.text) == (encoding, text)


# --- Unicode codecs ---------------------------------------------------------------


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8")).encoding == "utf-8"
    assert decode_bytes(SAMPLE.encode("utf-8")).text == SAMPLE
    got = decode_bytes(SAMPLE.encode("utf-8-sig"))
    assert (got.encoding, got.text) == ("utf-8-sig", SAMPLE)


def test_utf8_is_kept_as_is() -> None:
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert decode_bytes(nfd.encode()).text == nfd  # normalising is to_canonical's job
    french = "Le président a déclaré que l'économie était à l'abri."
    assert decode_bytes(french.encode()).text == french
    assert decode_bytes(b"plain ASCII text").encoding == "utf-8"


@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_with_bom(codec: str, label: str) -> None:
    bom = "\ufeff".encode(codec)
    got = decode_bytes(bom + SAMPLE.encode(codec))
    assert (got.encoding, got.text) == (label, SAMPLE)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    got = decode_bytes(SAMPLE.encode(codec))
    assert (got.encoding, got.text) == (codec, SAMPLE)


def test_utf32_with_bom() -> None:
    got = decode_bytes(SAMPLE.encode("utf-32"))
    assert got.text == SAMPLE and got.encoding.startswith("utf-32")


# --- refusals -----------------------------------------------------------------------


def test_random_bytes_are_binary() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(random.Random(7).randbytes(4096), path="x.bin")
    assert err.value.code == "binary"
    assert "x.bin" in str(err.value)


def test_png_header_is_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    with pytest.raises(InputError) as err:
        decode_bytes(png)
    assert err.value.code == "binary"


def test_control_characters_are_binary() -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(bytes(range(1, 9)) * 20 + b"some text")
    assert err.value.code == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", "\ufeff".encode("utf-8-sig"), "  \n".encode("utf-16")])
def test_empty(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data)
    assert err.value.code == "empty"
    assert not isinstance(err.value, DecodeError)


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_french_and_german_8bit_text_is_not_vietnamese(codec: str) -> None:
    text = (
        "Le président de la République a déclaré mercredi que l'économie française était à "
        "l'abri. Die Bürger müssen sich über höhere Preise für Öl und Gas ärgern. Ça va très "
        "bien, où êtes-vous? Übermäßig große Straßen führen zur Rückkehr."
    )
    with pytest.raises(DecodeError) as err:
        decode_bytes(text.encode(codec), path="fr.txt")
    assert err.value.code == "decode_error"
    for tried in ("windows-1258", "tcvn3", "vni"):
        assert tried in str(err.value)


def test_invalid_bytes_after_utf8_bom() -> None:
    with pytest.raises(DecodeError):
        decode_bytes(b"\xef\xbb\xbfabc \xff\xfe def")


# --- the tables ----------------------------------------------------------------------


def _entries() -> dict[str, LegacyEncodingEntry]:
    return {e.id: e for e in load_rules("legacy_encodings", LegacyEncodingEntry)}


def test_rule_file_examples_and_counterexamples() -> None:
    for entry in _entries().values():
        assert entry.examples, entry.id
        for example in entry.examples:
            assert check_example(entry, example)
        for text in entry.counterexamples:
            assert check_counterexample(entry, text)


def test_tcvn3_every_table_entry_round_trips() -> None:
    table = _entries()["tcvn3"].table
    assert len(table) == 74
    for key, letter in table.items():
        byte = bytes([int(key, 16)])
        assert encode_legacy(letter, "tcvn3") == byte
        # after a lower-case letter, so that no case restoration applies
        assert decode_legacy(b"m" + byte, "tcvn3") == "m" + letter, key
        if letter.islower() and letter.upper() not in table.values():
            # a toned capital is stored as its lower-case byte and comes back in caps
            # inside an all-caps word
            assert encode_legacy(letter.upper(), "tcvn3") == byte
            assert decode_legacy(b"MM" + byte + b"M", "tcvn3") == "MM" + letter.upper() + "M"


def test_vni_every_table_entry_round_trips() -> None:
    table = _entries()["vni"].table
    assert len(table) == 134  # every Vietnamese letter with a diacritic, both cases
    for key, letter in table.items():
        raw = key.encode("cp1252")
        assert encode_legacy(letter, "vni") == raw
        assert decode_legacy(raw, "vni") == letter
        if len(key) == 2:  # a mark of the other case is read the same
            assert decode_legacy((key[0] + key[1].swapcase()).encode("cp1252"), "vni") == letter


def test_windows_1258_every_letter_round_trips() -> None:
    for letter in _entries()["vni"].table.values():
        raw = encode_legacy(letter, "windows-1258")
        assert raw == cp1258_bytes(letter)
        assert decode_legacy(raw, "windows-1258") == letter


# --- TCVN3 case restoration ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ông ĐẶNG VĂN HẢI phát biểu.",  # all-caps words
        "Các tỉnh kêu gọi ỦNG HỘ đồng bào.",  # Hộ → HỘ next to an all-caps word
        "Năm 2020, Bộ GD&ĐT đã ban hành.",  # Bộ stays: GD is an abbreviation, no evidence
        "Bí thư Tỉnh ủy Thanh Hóa dự họp.",  # ủy between names stays lower
        "Chủ tịch Ủy ban nhân dân tỉnh.",  # title compound
        "Ông là Tỉnh ủy viên.",  # … but not glued to a capitalised word
        "Đoàn công tác thăm Ấn Độ và các nước Đông Nam Á.",  # known names
        "Lễ khai mạc diễn ra sáng nay (Ảnh: Minh Đức).",  # a caption label
        "Người dân ở đây. Ở đâu cũng vậy.",  # sentence start
        "THÔNG BÁO: Ủy ban họp.",  # after an all-caps heading and a colon
        "Ông nói: “Ở đó phải di dời dân.”",  # quotation after a colon
    ],
)
def test_tcvn3_case_restoration(text: str) -> None:
    assert decode_legacy(encode_legacy(text, "tcvn3"), "tcvn3") == text


# --- syllables -----------------------------------------------------------------------


def test_syllable_check() -> None:
    for ok in ("nghiêng", "Quốc", "ĐẶNG", "giữa", "khuỷu", "thuở", "ươu", "Ủy", "hoà", "tháp"):
        assert is_vietnamese_syllable(ok), ok
    for bad in ("Ch¸nh", "phuû", "été", "pré", "für", "Straße", "tàp", "aa", "ngk"):
        assert not is_vietnamese_syllable(bad), bad


def test_score() -> None:
    good = vietnamese_score(SAMPLE)
    assert good.plausible and good.bad == 0
    mojibake = vietnamese_score(encode_legacy(SAMPLE, "tcvn3").decode("cp1252"))
    assert not mojibake.plausible
