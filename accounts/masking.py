"""Masking of personal data for public display (个人信息保护法: show as little as needed)."""


def mask_name(name: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*, Alice -> A***e."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def shown_name(display_name: str, real_name: str) -> str:
    """The name public pages show for a person: their display name, unless it is their
    real name; otherwise the masked real name. Empty when there is neither."""
    display_name = (display_name or "").strip()
    if display_name and display_name != (real_name or "").strip():
        return display_name
    return mask_name(real_name)


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; keeps a leading +86 prefix readable."""
    phone = (phone or "").strip()
    digits = phone[-11:] if len(phone) >= 11 else phone
    prefix = phone[: len(phone) - len(digits)]
    if len(digits) < 7:
        return "*" * len(digits)
    return prefix + digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(email: str) -> str:
    """zhang.san@example.com -> z***@example.com."""
    local, _, domain = (email or "").partition("@")
    if not domain:
        return mask_name(email)
    return (local[:1] + "***@" + domain) if local else "***@" + domain
