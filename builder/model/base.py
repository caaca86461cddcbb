"""The one schema mechanism: strict pydantic models and the field types of content (errors: model/validate.py)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
)
from pydantic_core import PydanticCustomError

from .. import markdown_limits
from ..load import SourceDoc, field_path
from ..problems import Mark
from .read_notes import notice


def fail(zh: str, en: str) -> PydanticCustomError:
    """An error whose message is already written for the author."""
    return PydanticCustomError("gridboard", "{zh}", {"zh": zh, "en": en})


class Record(BaseModel):
    """Base of every content record: unknown keys are errors; it remembers where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)
    _doc: SourceDoc | None = PrivateAttr(default=None)
    _key: tuple = PrivateAttr(default=())

    def at(self, *key: str | int) -> tuple[str, Mark | None, str]:
        """(file, mark, field path) of one of this record's fields, for a Problem."""
        full = self._key + tuple(key)
        if self._doc is None:
            return ("", None, field_path(full))
        return (self._doc.path, self._doc.mark(*full), field_path(full))

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Give each new record its unset place in one step.

        pydantic's own model_post_init looks up and copies every private default per instance:
        a third of all validation time with tens of thousands of records. Ours sets the same
        values; a model_post_init of our own, or a private default_factory, keeps pydantic's way.
        """
        super().__pydantic_init_subclass__(**kwargs)
        private = cls.__private_attributes__.values()
        own_hook = getattr(cls.model_post_init, "__name__", "") != "init_private_attributes"
        if own_hook or any(attr.default_factory is not None for attr in private):
            return
        unplaced = {name: attr.default for name, attr in cls.__private_attributes__.items()}

        def model_post_init(self: BaseModel, context: Any, /) -> None:
            object.__setattr__(self, "__pydantic_private__", dict(unplaced))

        cls.model_post_init = model_post_init

    @property
    def source_doc(self) -> SourceDoc | None:
        """The parsed file this record was read from (None for one made in code)."""
        return self._doc

    @property
    def src_path(self) -> str:
        """The file this record was read from, relative to the site folder."""
        return self._doc.path if self._doc else ""


# ---- bounds: what any value of content may be (docs/errors.md C13, E1) -------------------

FIRST_YEAR, LAST_YEAR = 1949, 2100  # every date: party organisations founded from 1949 on
SLUG_MAX = 100  # an id becomes a folder name in the site
TEXT_MAX = 200  # a title, name, address, path: one line
PARAGRAPH_MAX = 2_000  # a summary, who may apply, what a grid covers
MONEY_MAX = Decimal(10) ** 12  # 1 万亿 (in the table's unit), either sign
MONEY_PLACES = 2  # decimal places: pages show amounts to the 分 (pages.py money filter)

# ---- field types shared by every kind -------------------------------------------------


class Published:
    """How the public meets a string field, carried by its type (Annotated metadata), so the
    stages that read published text find every such field from the models (model/fields.py):

    - TEXT: shown as typed (escaped) — titles, names, addresses, summaries;
    - MARKDOWN: rendered as Markdown, then cleaned (sanitize.py) — bodies, intros, profiles;
    - MEDIA: a path under content/media/, published as a file name and a link;
    - TYPED: a phone, code or date-like value its own type checks; not scanned as free text;
    - PRIVATE: the office's own (a wish's note): never published, so not scanned either.
    """

    def __init__(self, form: str):
        self.form = form

    def __repr__(self) -> str:
        return f"Published({self.form!r})"


TEXT, MARKDOWN, MEDIA, TYPED, PRIVATE = (
    Published(f) for f in ("text", "markdown", "media", "typed", "private")
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# full-width ASCII (U+FF01–FF5E) and the ideographic space → their half-width forms
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        half = value.translate(_HALF_WIDTH)
        meant = half.strip().lower()
        if half != value and _SLUG.match(meant):  # typed with the Chinese input method on
            raise fail(
                f"编号“{value}”用了全角字符（中文输入法下打的字母、数字或符号），应写成“{meant}”",
                f"id '{value}' has full-width characters (typed in Chinese input mode); write it as '{meant}'",
            )
        hint = ""
        if re.search(r"[^\x00-\x7f]", value):
            hint = "（不能用汉字或全角字符）"
        raise fail(
            f"编号“{value}”不合格{hint}：只能用小写英文字母、数字、短横线和下划线，如 grid-01",
            f"id '{value}' must use lowercase ASCII letters, digits, '-' and '_', e.g. grid-01",
        )
    return value


Slug = Annotated[
    str,
    AfterValidator(_slug),
    Field(max_length=SLUG_MAX, description="编号：小写字母、数字、短横线 / ASCII slug"),
]

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_FIXED = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,5})?$|^(400|800)-?\d{3}-?\d{4}$|^1\d{4}$")


def _phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # parse.py keeps 0531… as written, so an int is the digits typed (13812345678, 4008123123,
        # 12345): exact, and taken as its text; anything else is no phone number (said below)
        value = str(value)
    elif isinstance(value, float):
        raise fail(*_phone_as_decimal(value))
    if not isinstance(value, str):
        raise fail("电话号码应为文字，并加引号", "a phone number must be quoted text")
    compact = value.replace(" ", "")
    if not (_MOBILE.match(compact) or _FIXED.match(compact)):
        raise fail(
            f'电话号码“{value}”格式不对：手机写 11 位，如 "13800000000"；座机写区号-号码，如 "010-12345678"',
            f"'{value}' is not a phone number: 11-digit mobile or area-code-number landline",
        )
    return compact


def _phone_as_decimal(value: float) -> tuple[str, str]:
    """0531.88888888 unquoted: YAML read a decimal number, the area code's 0 (and any final 0) lost."""
    whole, _, rest = repr(value).partition(".")
    meant = f"0{whole}-{rest}"
    example = meant if whole.isdigit() and rest.isdigit() and _FIXED.match(meant) else "010-12345678"
    return (
        f"电话号码没加引号，YAML 把它读成了小数 {value}：区号开头的 0 已经丢了（末尾的 0 也会丢）。"
        f'请加英文引号，区号和号码之间用短横线，如 "{example}"，并核对号码',
        f"YAML read the unquoted phone number as the decimal {value}: the leading 0 (and any "
        f'trailing 0) is lost; quote it with a hyphen, e.g. "{example}", and check the digits',
    )


Phone = Annotated[str, BeforeValidator(_phone), Field(description="电话，加引号 / phone, quoted"), TYPED]


def is_mobile(phone: str) -> bool:
    """True for an 11-digit mainland mobile number (which must be masked without consent)."""
    return bool(_MOBILE.match(phone))


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        word = "yes/no/on/off/true/false"
        raise fail(
            f"这里应为文字，但 YAML 把它读成了是/否（{word} 之类的词），请加引号",
            "text expected, but YAML read a yes/no word as a boolean; quote it",
        )
    if isinstance(value, (int, float)):
        raise fail(
            f'这里应为文字，请加引号，如 "{value}"',
            "text expected; put quotes around numbers meant as text",
        )
    if isinstance(value, (dt.date, dt.datetime)):
        raise fail(
            f'这里应为文字，但 YAML 把它读成了日期，请加引号，如 "{value}"',
            "text expected, but YAML read a date; quote it",
        )
    return value


Text = Annotated[str, BeforeValidator(_text), Field(max_length=TEXT_MAX), TEXT]
Paragraph = Annotated[str, BeforeValidator(_text), Field(max_length=PARAGRAPH_MAX), TEXT]
MediaPath = Annotated[str, BeforeValidator(_text), Field(max_length=TEXT_MAX), MEDIA]
Private = Annotated[str, BeforeValidator(_text), Field(max_length=PARAGRAPH_MAX), PRIVATE]


def _markdown(value: str) -> str:
    found = markdown_limits.problem(value)
    if found:
        line, zh, en = found
        where = f"这段文字的第 {line + 1} 行：" if line else ""
        raise fail(where + zh, en)
    return value


Markdown = Annotated[
    str,
    BeforeValidator(_text),
    Field(max_length=markdown_limits.MAX_CHARS),
    AfterValidator(_markdown),
    MARKDOWN,
]


def _year_in_range(value: dt.date, zh: str, written: Any) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise fail(
            f"{zh}“{written}”超出范围：年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，请核对年份",
            f"'{written}' is out of range: the year must be {FIRST_YEAR} to {LAST_YEAR}",
        )
    return value


# a day as staff type it (Excel, Word): 2020-06-30, 2020-6-30, 2020/6/30, 2020.6.30, 2020年6月30日
DAY = r"(\d{4})\s*([-/.年])\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_DAY = re.compile(rf"^{DAY}$")


def read_day(text: str) -> tuple[dt.date | None, bool]:
    """(the day `text` names or None, whether it is written otherwise than YYYY-MM-DD)."""
    m = _DAY.match(text.strip())
    if not m:
        return None, False
    try:
        return dt.date(int(m[1]), int(m[3]), int(m[4])), m[2] != "-" or bool(re.search(r"\s", m[0]))
    except ValueError:
        return None, False


def read_as_note(written: str, day: dt.date | dt.datetime, shown: str) -> tuple[str, str]:
    """The note for a date accepted in another form: how it was read, and how to write it."""
    return (
        f"日期“{written}”读作 {shown}（{day.year} 年 {day.month} 月 {day.day} 日）。"
        f"请按 YYYY-MM-DD 写成 {shown}，这条提醒就不再出现",
        f"the date '{written}' is read as {shown}; write it as {shown} (YYYY-MM-DD)",
    )


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _year_in_range(value.date(), "日期", value)
    if isinstance(value, dt.date):
        return _year_in_range(value, "日期", value)
    if isinstance(value, str):
        day, other_form = read_day(value)
        if day is not None:
            _year_in_range(day, "日期", value)
            if other_form:
                notice(value, *read_as_note(value.strip(), day, day.isoformat()))
            return day
    raise fail(
        f"日期“{value}”不对：请写成 YYYY-MM-DD，如 2025-03-01，并确认这一天存在",
        f"bad date '{value}': write YYYY-MM-DD, e.g. 2025-03-01, and a day that exists",
    )


Date = Annotated[
    dt.date, BeforeValidator(_date), Field(description=f"日期，{FIRST_YEAR}—{LAST_YEAR} 年 / date")
]


def digits(n: int, what: str) -> object:
    """A code of exactly `n` digits (quoted, or a number: the same digits)."""

    def check(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # the digits typed: parse.py keeps a code with a leading 0 as text
        if not isinstance(value, str) or not re.fullmatch(rf"\d{{{n}}}", value):
            raise fail(f"{what}应为 {n} 位数字，现在是“{value}”", f"the code must be {n} digits")
        return value

    return Annotated[str, BeforeValidator(check), TYPED]


_MOMENT = re.compile(rf"^{DAY}(?:\s*T|\s+|(?<=日))(\d{{1,2}}):(\d{{2}})(:\d{{2}})?$")


def _datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _year_in_range(value.replace(tzinfo=None, second=0, microsecond=0), "发布时间", value)
    if isinstance(value, str) and (m := _MOMENT.match(value.strip())):
        day, other_form = read_day(m[0][: m.start(5)].rstrip(" T"))
        if day is not None and int(m[5]) < 24 and int(m[6]) < 60:
            moment = dt.datetime.combine(day, dt.time(int(m[5]), int(m[6])))
            _year_in_range(moment, "发布时间", value)
            if other_form:
                shown = moment.strftime("%Y-%m-%d %H:%M")
                notice(value, *read_as_note(value.strip(), moment, shown))
            return moment
    raise fail(
        f'发布时间“{value}”不对：请写成 "YYYY-MM-DD HH:MM"，如 "2025-03-01 09:00"（加引号）',
        f'bad date-time \'{value}\': write "YYYY-MM-DD HH:MM", e.g. "2025-03-01 09:00"',
    )


DateTime = Annotated[
    dt.datetime,
    BeforeValidator(_datetime),
    Field(description=f"日期和时间，{FIRST_YEAR}—{LAST_YEAR} 年 / date and time"),
]


def _year(value: int) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise fail(
            f"年份{_shown(value)[0]}超出范围：应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间",
            f"the year {_shown(value)[1]} is out of range: {FIRST_YEAR} to {LAST_YEAR}",
        )
    return value


Year = Annotated[int, AfterValidator(_year)]


def _money(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if value.copy_abs() > MONEY_MAX or (isinstance(exponent, int) and exponent < -MONEY_PLACES):
        zh, en = _shown(value)
        raise fail(
            f"金额{zh}不对：应在正负 1 万亿（{MONEY_MAX:,}）以内，最多 {MONEY_PLACES} 位小数",
            f"the amount {en} must be within ±{MONEY_MAX:,}, with at most {MONEY_PLACES} decimal places",
        )
    return value


Amount = Annotated[Decimal, AfterValidator(_money)]


def _shown(value: Any) -> tuple[str, str]:
    """A value as a message quotes it (中文, English): in full when short, by its size when long."""
    text = str(value)
    if len(text) <= 24:
        return f"“{text}”", f"'{text}'"
    return f"（一个 {len(text)} 位的数）", f"({len(text)} digits)"


def __getattr__(name: str) -> Any:
    """`validate` and `attach` live in model/validate.py (which imports this module); still importable from here."""
    if name in ("validate", "attach"):
        from . import validate

        return getattr(validate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
