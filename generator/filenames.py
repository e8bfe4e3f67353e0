"""File and folder names that are safe on Windows, where the packs are opened and printed."""

_FORBIDDEN = str.maketrans({c: "_" for c in '\\/:*?"<>|'} | {chr(i): "_" for i in range(32)})
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


NAME_LIMIT = 80  # characters: room for the output folder inside Windows' 260-character paths


def safe_filename(name: str, limit: int = NAME_LIMIT) -> str:
    """A Windows-safe file or folder name: no \\/:*?"<>|, no trailing dot or space, bounded, never '..',
    never hidden (a leading dot would also let a unit's folder pass for one of our own dot-files)."""
    cleaned = name.translate(_FORBIDDEN).strip().lstrip(". ").rstrip(". ")
    cleaned = cleaned[:limit].rstrip(". ") or "未命名"
    if cleaned.split(".")[0].upper() in _RESERVED or set(cleaned) <= {"."}:
        cleaned = f"_{cleaned}"
    return cleaned


def file_name(stem: str, suffix: str) -> str:
    """A safe file name whose stem is shortened, never its suffix."""
    return safe_filename(stem, NAME_LIMIT - len(suffix)) + suffix
