from __future__ import annotations

import pytest

from dangjian_desktop.domain.text import normalize_digits_only, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  张三  ", "张三"),
        ("张\t\n 三", "张 三"),
        ("１９９０年１月", "1990年1月"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("（必填）", "(必填)"),
        ("１３８－１２３４－５６７８", "138-1234-5678"),
        ("张\u3000三", "张 三"),
        ("\u3000\u3000李四\u3000", "李四"),
        ("王\u00a0五", "王 五"),
        ("王\u202f五", "王 五"),
        ("赵\u200b六\ufeff", "赵六"),
        ("\ufeff姓名", "姓名"),
        ("a\u200cb\u200dc\u2060d", "abcd"),
        (123, "123"),
        (1990.1, "1990.1"),
    ],
)
def test_normalize_text(raw: object, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_leaves_chinese_alone() -> None:
    # NFKC would turn these into other characters; they must stay as typed.
    text = "豈\u2f00①㎡。、“”《》【】「」"
    assert normalize_text(text) == text


def test_normalize_text_converts_fullwidth_punctuation() -> None:
    # The full-width forms block (U+FF01..U+FF5E) includes the Chinese comma, colon and brackets.
    assert normalize_text("张三，李四：（党员）！") == "张三,李四:(党员)!"
    assert (
        normalize_text("＃＄％＆＊＋，－．／：；＜＝＞？＠［］＾＿｀｛｜｝～") == "#$%&*+,-./:;<=>?@[]^_`{|}~"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("１３８－１２３４－５６７８", "13812345678"),
        ("0531\u20141234\u20135678", "053112345678"),
        (" 3701 0119 0102 0399 73 ", "370101190102039973"),
        ("11010519491231002x", "11010519491231002x"),
        ("\u3000370101\u3000190102039973", "370101190102039973"),
    ],
)
def test_normalize_digits_only(raw: object, expected: str) -> None:
    assert normalize_digits_only(raw) == expected
