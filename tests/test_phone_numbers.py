"""Unquoted phone numbers (issue 19): what YAML really does with each, and what the author is told.

parse.py keeps a number that starts with 0 as the text written (plain PyYAML reads 053112345670
as the octal 5790878648 and 05318888888 as text). So an unquoted whole number is exactly the
digits typed, and is taken as its text; a decimal (0531.88888888) has lost its 0 and is refused
with that reason and the quoted fix."""

from __future__ import annotations

import pytest
import yaml
from conftest import build_site, make_site, soup
from pydantic import TypeAdapter, ValidationError
from test_trust import output_holds

from builder.footer import SiteCode
from builder.model.base import Phone, digits
from builder.parse import parse_yaml
from builder.problems import Problems

PHONE = TypeAdapter(Phone)


def read(text: str):
    """The value of `v:` as the site's loader reads it."""
    return parse_yaml(f"v: {text}\n", "x.yml", Problems()).data["v"]


@pytest.mark.parametrize(
    "written, value",
    [
        ("13812345678", "13812345678"),  # mobile: an int, exact
        ("4008123123", "4008123123"),  # 400 service number
        ("12345", "12345"),  # 5-digit public service number
        ("88888888", "88888888"),  # local number without area code
        ("05318888888", "05318888888"),  # 8 is no octal digit: text for any YAML reader
        ("053112345670", "053112345670"),  # octal-looking: kept as written by our loader
        ("0531-88888888", "0531-88888888"),
    ],
)
def test_unquoted_numbers_that_are_exact_are_taken(written, value):
    assert PHONE.validate_python(read(written)) == value


def test_what_plain_yaml_would_have_done_is_not_what_we_do():
    assert yaml.safe_load("v: 053112345670")["v"] == 0o53112345670  # silently another number
    assert read("053112345670") == "053112345670"


@pytest.mark.parametrize(
    "written, shown, example",
    [
        ("0531.88888888", "531.88888888", "0531-88888888"),
        ("010.12345678", "10.12345678", "010-12345678"),
        ("0531.88880000", "531.8888", None),  # trailing 0s lost too: no guess, a general example
    ],
)
def test_a_decimal_is_refused_with_the_true_reason(written, shown, example):
    with pytest.raises(ValidationError) as err:
        PHONE.validate_python(read(written))
    zh = err.value.errors()[0]["ctx"]["zh"]
    assert f"YAML 把它读成了小数 {shown}：区号开头的 0 已经丢了" in zh
    if example:
        assert f'请加英文引号，区号和号码之间用短横线，如 "{example}"' in zh
    else:
        assert '"0531-8888"' not in zh and "请加英文引号，区号和号码之间用短横线" in zh
    assert "丢掉开头的 0" not in zh


def test_a_number_that_is_no_phone_number_is_told_so():
    with pytest.raises(ValidationError) as err:
        PHONE.validate_python(read("5318888888"))
    zh = err.value.errors()[0]["ctx"]["zh"]
    assert zh.startswith("电话号码“5318888888”格式不对")


def test_codes_written_as_numbers_are_their_digits():
    assert TypeAdapter(digits(12, "社区代码")).validate_python(read("370199001001")) == "370199001001"
    assert TypeAdapter(digits(6, "区划代码")).validate_python(read("012345")) == "012345"
    assert TypeAdapter(SiteCode).validate_python(read("3701990001")) == "3701990001"
    with pytest.raises(ValidationError):
        TypeAdapter(digits(12, "社区代码")).validate_python(read("37019900100"))


def test_an_unquoted_mobile_number_is_masked_like_a_quoted_one(tmp_path):
    site = make_site(tmp_path)
    grids = site / "content/grids/donghu.yml"
    grids.write_text(grids.read_text("utf-8").replace('phone: "13800002222"', "phone: 13800002222"), "utf-8")
    out, report = build_site(site)
    assert report.problems.errors == []
    assert output_holds(out, "13800002222") == []  # no consent: masked on every page
    assert "138****2222" in soup(out / "grids/ly-01/index.html").get_text()
