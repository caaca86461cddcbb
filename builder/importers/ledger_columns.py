"""Ledger columns: which header means which grid field, matched the way offices write headers.

A header is normalised before matching (full-width → half-width, spaces, line breaks, `*`, colons and
a bracketed unit such as “户数（户）” removed), then looked up among the synonyms below, the role
names of site_config.yml (“网格长”, “专职网格员”…, each also with 电话/手机/联系方式 after it) and a
mapping file's own names. A plain “电话” column belongs to the person column just before it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# field key → headers that mean it (after normalisation); the first is the one the template writes
GRID_FIELDS: dict[str, tuple[str, ...]] = {
    "street": ("街道", "街道名称", "所属街道", "街镇", "镇街", "乡镇", "镇", "街道办事处"),
    "community": ("社区", "社区名称", "所属社区", "村", "村居", "社区村", "村社区", "所属社区村"),
    "id": ("网格编号", "网格id", "id", "编号英文"),
    "name": ("网格名称", "网格", "网格名", "网格全称", "所属网格", "网格名字"),
    "code": ("网格代码", "网格编码", "统一编码", "网格统一编码", "网格代码15位", "代码"),
    "kind": ("网格类型", "网格类别", "类型", "网格性质", "网格分类"),
    "covers": ("覆盖范围", "网格范围", "管辖范围", "四至范围", "范围", "四至", "覆盖区域"),
    "buildings": ("楼栋", "包含楼栋", "楼栋号", "楼宇", "楼栋名称", "覆盖楼栋", "楼号"),
    "households": ("户数", "总户数", "住户数", "住户", "户"),
    "population": ("人口", "人数", "人口数", "总人口", "常住人口", "服务人口", "居民人数"),
    "branch_name": ("党支部", "网格党支部", "党组织", "党组织名称", "支部名称", "网格党组织", "党小组"),
    "branch_secretary": ("支部书记", "党支部书记", "网格党支部书记", "书记", "党小组长"),
    "branch_members": ("党员人数", "党员数", "支部党员数"),
    "supervision_phone": ("监督电话", "投诉电话", "监督举报电话"),
    "notes": ("备注", "说明"),
    # one row per team member
    "member_name": ("姓名", "人员姓名", "成员姓名", "网格员姓名"),
    "member_role": ("角色", "职务", "岗位", "身份", "人员类型", "人员类别", "网格职务"),
    "member_phone": ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "member_party": ("是否党员", "政治面貌", "党员", "党员否"),
    "member_duty": ("分工", "职责", "负责区域", "工作分工", "包保楼栋", "负责楼栋"),
    "ignore": ("序号", "编号序号", "排序"),
}

# columns a ledger may hold that must never reach a public site: left out, with a warning
PRIVATE: tuple[str, ...] = (
    "身份证",
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "出生日期",
    "出生年月",
    "年龄",
    "家庭住址",
    "住址",
    "现住址",
    "户籍地址",
    "民族",
    "学历",
    "工作单位",
    "银行卡号",
)

# more ways to name a role than site_config's label (used only when the role id is configured)
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "grid_leader": ("网格长", "网格负责人", "网格长姓名"),
    "grid_worker": ("专职网格员", "网格员", "专职网格管理员", "网格管理员", "专职网格员姓名"),
    "party_instructor": ("党建指导员", "网格党建指导员", "指导员", "下沉党员干部"),
    "part_time_worker": ("兼职网格员",),
    "building_leader": ("楼长", "楼栋长", "楼栋长姓名"),
    "unit_leader": ("单元长",),
    "volunteer": ("志愿者", "网格志愿者"),
}
_PHONE_WORDS = ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式")
_UNIT = re.compile(r"\((?:户|人|个|名|栋|幢|号|位|选填|必填|可选|姓名|单位[:：]?[^)]*)\)$")
_IGNORED_MAPPING = {"ignore", "忽略", "不导入", "跳过"}


@dataclass(frozen=True)
class Column:
    """What one header means: a grid or member field, a role's name or phone, or nothing."""

    key: str  # a GRID_FIELDS key, "role", "role_phone", "private", "ignore" or "unknown"
    role: str = ""


def normalise(header: str) -> str:
    """“ 户数（户）*” → “户数”: the form headers are compared in."""
    text = unicodedata.normalize("NFKC", header or "")
    text = re.sub(r"[\s*:：]+", "", text).lower()
    text = _UNIT.sub("", text)
    return text


class Columns:
    """The header vocabulary of one site: built-in synonyms, its roles, an optional mapping file."""

    def __init__(self, roles: dict[str, str], mapping: dict[str, str] | None = None):
        self.roles = roles
        self.words: dict[str, Column] = {}
        for key, names in GRID_FIELDS.items():
            for name in names:
                self.words[normalise(name)] = Column(key)
        for word in PRIVATE:
            self.words[normalise(word)] = Column("private")
        for role, label in roles.items():
            names = {label, role, *ROLE_SYNONYMS.get(role, ())}
            for name in names:
                self.words[normalise(name)] = Column("role", role)
                for suffix in _PHONE_WORDS:
                    self.words[normalise(name + suffix)] = Column("role_phone", role)
                    self.words[normalise(name.removesuffix("姓名") + suffix)] = Column("role_phone", role)
        self.mapping: dict[str, Column] = {}
        for header, target in (mapping or {}).items():
            self.mapping[normalise(header)] = self.target(target)

    def target(self, target: str) -> Column:
        """A mapping file's right-hand side: a header name we know, a field key, or 忽略/ignore."""
        if normalise(target) in _IGNORED_MAPPING:
            return Column("ignore")
        if target in GRID_FIELDS:
            return Column(target)
        if target.startswith(("role:", "role_phone:")):
            key, role = target.split(":", 1)
            return Column(key, role) if role in self.roles else Column("unknown")
        return self.words.get(normalise(target), Column("unknown"))

    def match(self, header: str) -> Column:
        """What a header means; Column("unknown") when nothing matches."""
        norm = normalise(header)
        if not norm:
            return Column("ignore")
        # as written; without a trailing bracket (“社区(村)” → 社区); without the brackets (社区村)
        for form in (norm, re.sub(r"\([^)]*\)$", "", norm), re.sub(r"[()]", "", norm)):
            if form in self.mapping:
                return self.mapping[form]
            if form in self.words:
                return self.words[form]
        return Column("unknown")

    def known_names(self) -> list[str]:
        """Header names to suggest when a column is not recognised."""
        names = [names[0] for key, names in GRID_FIELDS.items() if key != "ignore"]
        return names + list(self.roles.values())


def assign_phones(columns: list[Column]) -> list[Column]:
    """A plain 电话 column right after a role's name column is that role's phone."""
    out = list(columns)
    for i, col in enumerate(out):
        if col.key == "member_phone" and i and out[i - 1].key == "role":
            out[i] = Column("role_phone", out[i - 1].role)
    return out
