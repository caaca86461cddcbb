"""The one place that decides what of a person may be published."""

from __future__ import annotations

from .config import SiteConfig
from .model.base import is_mobile
from .model.org import Person


def mask_phone(phone: str) -> str:
    """138****1234: the mainland way of showing a mobile number without consent."""
    return phone[:3] + "****" + phone[-4:]


def shown_phone(person: Person, config: SiteConfig) -> str | None:
    """The phone as it may be published: office lines as they are, mobiles masked without consent."""
    phone = person.phone
    if not phone:
        return None
    if is_mobile(phone) and config.privacy.mask_phones and not person.allows("phone"):
        return mask_phone(phone)
    return phone


def shown_photo(person: Person, config: SiteConfig) -> str | None:
    """The photo path if it may be published, else None (a neutral placeholder is shown)."""
    if not person.photo:
        return None
    if config.privacy.require_consent and not person.allows("photo"):
        return None
    return person.photo


def shown_office_phone(phone: str | None, src_path: str, allowed: set[tuple[str, str]]) -> str | None:
    """An office's phone as published: landlines as they are; a mobile masked unless it is listed,
    for the file it is in, in content/public_numbers.yml."""
    if not phone or not is_mobile(phone) or (src_path, phone) in allowed:
        return phone
    return mask_phone(phone)
