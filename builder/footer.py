"""Footer: the lines a Chinese government or party site carries at the foot of every page
(site_config.yml `footer:`), each optional and each checked against the format it is issued in.

- 网站标识码: the code a government website is given in the national register of government
  websites (《政府网站发展指引》, 国办发〔2017〕47号): 10 characters, a local site's being the
  6-digit division code of its host and a 4-digit number (3701120001), a State Council
  department's "bm" and 8 digits (bm01000001).
- ICP备案号: the MIIT filing, "鲁ICP备12345678号-1" (province, 4–10 digits, the site's number),
  linked to the MIIT filing page as MIIT asks.
- 公安机关备案号: the public-security filing, "鲁公网安备 37011202000123号": a 14-digit record code
  whose first two digits are the province's, linked to that record's page.
- 党政机关网站标识: the red badge a party or government site shows after its filing (开办审核); the
  picture is the district's to download from its filing and place under content/media/ (it is
  not Gridboard's to ship, and the official snippet loads a script from another host, which the
  site's policy forbids), shown as a local image linking to the identification page.
- 联系我们: a free page, and/or an office address, phone and e-mail.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from .model.base import TEXT_MAX, MediaPath, Phone, Record, Text, fail, is_mobile

# Province abbreviations used in filing numbers → the first two digits of division codes. Some
# provinces are written with either of two (蜀/川, 黔/贵, 滇/云, 陇/甘, 秦/陕).
PROVINCES = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51",
    "贵": "52", "黔": "52", "云": "53", "滇": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62",
    "陇": "62", "青": "63", "宁": "64", "新": "65",
}  # fmt: skip
_ABBR = "[" + "".join(PROVINCES) + "]"
MIIT_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="
BADGE_HOST = "conac.cn"  # 党政机关网站标识 pages: bszs.conac.cn (中央编办)
RASTER = (".jpg", ".jpeg", ".png")  # what WeChat and other link previews show

# full-width digits, letters and hyphens (typed with the Chinese input method on) → half-width
_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x2014: 0x2D, 0x2013: 0x2D}


def _quoted(value: Any, what: str) -> Any:
    """An unquoted code is the digits typed (parse.py keeps 0… as written): taken as its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        raise fail(
            f'{what}没加引号，YAML 把它读成了小数 {value}，位数已经变了：请加英文引号照抄，如 "3701120001"',
            f'YAML read the unquoted {what} as the decimal {value}; quote it as issued, e.g. "3701120001"',
        )
    return value


def _half_width_hint(value: str) -> str:
    half = value.translate(_HALF)
    return f"；其中有全角字符（中文输入法下打的），应写成“{half}”" if half != value else ""


def _site_code(value: str) -> str:
    if re.fullmatch(r"[0-9]{10}", value) and value[:2] in PROVINCES.values():
        return value
    if re.fullmatch(r"bm[0-9]{8}", value):
        return value
    raise fail(
        f"网站标识码“{value}”不对：应为 10 位，地方网站是 6 位行政区划代码加 4 位顺序号（如 3701120001），"
        f"国务院部门网站是 bm 加 8 位数字（如 bm01000001）；请照抄开办审核时发给的标识码{_half_width_hint(value)}",
        "the site id code (网站标识码) must be 10 characters: a 6-digit division code and 4 digits "
        "(3701120001), or bm and 8 digits (bm01000001)",
    )


SiteCode = Annotated[
    str,
    BeforeValidator(lambda v: _quoted(v, "网站标识码")),
    Field(max_length=TEXT_MAX),
    AfterValidator(_site_code),
]

_ICP = re.compile(rf"^{_ABBR}ICP[备证][0-9]{{4,10}}号(-[0-9]{{1,3}})?$")


def _icp(value: str) -> str:
    if _ICP.match(value):
        return value
    raise fail(
        f"ICP备案号“{value}”不对：应写成 省简称 + ICP备 + 数字 + 号，网站序号跟在“-”后，如 鲁ICP备12345678号-1；"
        f"请照抄工业和信息化部备案系统里的备案号{_half_width_hint(value)}",
        "the ICP filing number must read like 鲁ICP备12345678号-1 (province, ICP备, digits, 号, -site number)",
    )


Icp = Annotated[Text, AfterValidator(_icp)]

_POLICE = re.compile(rf"^({_ABBR})公网安备 ?([0-9]{{14}})号$")


def _police(value: str) -> str:
    m = _POLICE.match(value)
    if not m:
        raise fail(
            f"公安机关备案号“{value}”不对：应写成 省简称 + 公网安备 + 14 位数字 + 号，如 鲁公网安备 37011202000123号"
            f"{_half_width_hint(value)}",
            "the public-security filing number must read like 鲁公网安备 37011202000123号 (14 digits)",
        )
    if PROVINCES[m[1]] != m[2][:2]:
        raise fail(
            f"公安机关备案号“{value}”前后不符：“{m[1]}”的备案编号应以 {PROVINCES[m[1]]} 开头，"
            f"这里是 {m[2][:2]}；请核对省简称和 14 位编号",
            f"the record code should start with {PROVINCES[m[1]]} for {m[1]}, not {m[2][:2]}",
        )
    return value


Police = Annotated[Text, AfterValidator(_police)]


def _badge_link(value: str) -> str:
    parts = urllib.parse.urlsplit(value)
    host = (parts.hostname or "").lower()
    if (
        parts.scheme not in ("http", "https")
        or not (host == BADGE_HOST or host.endswith("." + BADGE_HOST))
        or re.search(r"[\s\"'<>\\`{}|^]", value)
    ):
        raise fail(
            f"党政机关网站标识的链接“{value}”不对：应是开办审核后给出的标识页地址，以 https://bszs.conac.cn/ "
            "或 http://bszs.conac.cn/ 开头（在标识的嵌入代码里可以找到），不含空格和引号",
            "the badge link must be the identification page on conac.cn given at the site's filing",
        )
    return value


def _image(value: str) -> str:
    if not value.lower().endswith((*RASTER, ".gif", ".webp", ".svg")):
        raise fail(
            f"“{value}”不是图片：请写 content/ 下的图片路径，如 media/footer/badge.png",
            "not a picture: write a picture's path under content/, e.g. media/footer/badge.png",
        )
    return value


Image = Annotated[MediaPath, AfterValidator(_image)]


def _email(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", value):
        raise fail(
            f"电子邮箱“{value}”不对：应写成 名字@域名，如 dangjian@example.gov.cn",
            "an e-mail address must read like dangjian@example.gov.cn",
        )
    return value


def _office_phone(value: str) -> str:
    if is_mobile(value):
        raise fail(
            f"页脚的联系电话 {value[:3]}****{value[-4:]} 是手机号：每一页都会显示它，请写办公座机；"
            "确需公开手机号的，请写在“联系我们”页面里，并在 content/public_numbers.yml 登记",
            "the footer's phone is a mobile, shown on every page: give an office landline (a mobile that "
            "must be public goes on the contact page, listed in content/public_numbers.yml)",
        )
    return value


class Badge(Record):
    """The 党政机关网站标识: the picture from the site's filing, and the page it links to."""

    image: Image = Field(
        description="标识图片，content/ 下的路径，如 media/footer/dangzheng.png / badge picture"
    )
    link: Annotated[Text, AfterValidator(_badge_link)] = Field(
        description="标识页地址（开办审核后给出），如 https://bszs.conac.cn/sitename?method=show&id=… / link"
    )


class Contact(Record):
    """联系我们: a page, and/or an office's address, phone and e-mail."""

    page: Text = Field(
        "", description="“联系我们”页面：content/pages/ 下的文件名（不带 .md），如 contact / page"
    )
    address: Text = Field("", description="办公地址 / address")
    phone: Annotated[Phone, AfterValidator(_office_phone)] | None = Field(
        None, description='办公电话（座机），加引号，如 "010-12345678" / office phone'
    )
    email: Annotated[Text, AfterValidator(_email)] = Field("", description="电子邮箱 / e-mail")


class Footer(Record):
    """Footer lines of a government or party site; every one optional."""

    sponsor: Text = Field("", description="主办单位，如 中共某某区委组织部 / sponsor")
    organizer: Text = Field("", description="承办单位 / run by")
    site_code: SiteCode | None = Field(None, description='网站标识码，加引号，如 "1101010001" / site id code')
    icp: Icp = Field("", description="ICP备案号，如 鲁ICP备12345678号-1 / ICP filing number")
    police: Police = Field("", description="公安机关备案号，如 京公网安备 11010102000123号 / police filing")
    police_icon: Image = Field(
        "", description="公安备案图标，content/ 下的路径（可不写）/ police filing icon"
    )
    badge: Badge | None = Field(None, description="党政机关网站标识 / party and government site badge")
    contact: Contact | None = Field(None, description="联系我们 / contact")


def police_code(number: str) -> str:
    """The 14-digit record code of a 公安机关备案号 ('' when there is none)."""
    m = _POLICE.match(number)
    return m[2] if m else ""


def media_paths(footer: Footer) -> list[tuple[str, tuple]]:
    """(content path, field key) of every picture the footer shows."""
    found = []
    if footer.police_icon:
        found.append((footer.police_icon, ("footer", "police_icon")))
    if footer.badge:
        found.append((footer.badge.image, ("footer", "badge", "image")))
    return found


def theme_values(footer: Footer) -> dict:
    """What templates/overrides/partials/footer.html shows: plain values (the template escapes
    them) and site paths (its `url` filter makes them relative to each page)."""
    contact = footer.contact
    return {
        "sponsor": footer.sponsor,
        "organizer": footer.organizer,
        "site_code": footer.site_code or "",
        "icp": footer.icp,
        "icp_link": MIIT_URL,
        "police": footer.police,
        "police_link": POLICE_URL + police_code(footer.police) if footer.police else "",
        "police_icon": _site_path(footer.police_icon),
        "badge": _site_path(footer.badge.image) if footer.badge else "",
        "badge_link": footer.badge.link if footer.badge else "",
        "contact_page": f"about/{contact.page}/" if contact and contact.page else "",
        "address": contact.address if contact else "",
        "phone": (contact.phone or "") if contact else "",
        "phone_link": "tel:" + re.sub(r"\D", "", contact.phone) if contact and contact.phone else "",
        "email": contact.email if contact else "",
    }


def _site_path(content_path: str) -> str:
    """'./media/a b.png' → 'media/a%20b.png': a content path as a path in the site."""
    return urllib.parse.quote(content_path.lstrip("/").removeprefix("./")) if content_path else ""


def check_references(config, pages: list, media, problems) -> None:
    """The pictures the footer and the share image name exist and may be published; the
    contact page is a published free page. `pages`: every free page read, drafts included."""
    named = media_paths(config.footer)
    if config.site.share_image:
        named.append((config.site.share_image, ("site", "share_image")))
    for path, key in named:
        media.check(path, config, key)
    contact = config.footer.contact
    if contact and contact.page:
        page = next((p for p in pages if p.slug == contact.page), None)
        if page is None:
            known = "、".join(sorted(p.slug for p in pages)) or "（还没有页面）"
            problems.add(
                *config.at("footer", "contact", "page"),
                f"找不到“联系我们”页面 content/pages/{contact.page}.md：请先写这个页面，或改成已有的页面：{known}",
                f"no free page content/pages/{contact.page}.md for the contact link",
            )
        elif page.meta.draft:
            problems.add(
                *config.at("footer", "contact", "page"),
                f"“联系我们”页面 content/pages/{contact.page}.md 是草稿（draft: true），不会发布：页脚的链接会打不开",
                f"the contact page content/pages/{contact.page}.md is a draft and is not published",
            )
