"""Validate a YAML document against a model and turn pydantic errors into Chinese problems."""

import difflib
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..problems import Problem, clipped
from .yamlsource import YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {bool: "布尔值", int: "整数", float: "数字", str: "文字", list: "列表", dict: "键值表",
               type(None): "空值", date: "日期", datetime: "日期时间"}


def validate(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        misspelt = {_misspelling(model, err) for err in found if err["type"] == "extra_forbidden"}
        problems = [_problem(doc, model, err) for err in found
                    if not (err["type"] == "missing" and _clean(err["loc"]) in misspelt)]
        return None, sorted(set(problems))


KEY_CUTOFF = 0.3  # keys are two or three Chinese characters: one wrong character is still a match


def _clean(loc) -> tuple:
    return tuple(part for part in loc if not _is_union_tag(part))


def _misspelling(model: type[BaseModel], err: dict) -> tuple | None:
    """The field an unknown key most likely meant: its 'missing' error would only repeat the hint."""
    loc = _clean(err["loc"])
    close = closest(str(loc[-1]), _fields_at(model, loc[:-1]), KEY_CUTOFF)
    return (*loc[:-1], close) if close else None


def closest(value: str, candidates, cutoff: float = 0.6) -> str | None:
    """The candidate a mistyped value most likely meant, if any is close enough."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None



def _problem(doc: YamlDocument, model: type[BaseModel], err: dict) -> Problem:
    loc = _clean(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        return doc.problem(loc, _unknown_key(model, loc), key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], f"缺少必填项“{loc[-1]}”：请在这一项下补上“{loc[-1]}: …”")
    return doc.problem(loc, _message(doc, loc, err), key=kind == "too_long")


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the member type to the location for `X | None` fields ("str", "constrained-str")
    return isinstance(part, str) and (part in {"str", "int", "float", "bool", "date", "list"} or "[" in part
                                         or part.startswith(("constrained-", "function-")))


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    allowed = _fields_at(model, loc[:-1])
    close = closest(key, allowed, KEY_CUTOFF)
    hint = f"是不是“{close}”？" if close else ""
    listing = f"可用的键：{'、'.join(allowed)}" if allowed else "删掉它"
    return f"未知的键“{clipped(key)}”：{hint}{listing}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at `loc`, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if value == "":
        return "空白"
    name = _TYPE_NAMES.get(type(value), "其他类型")
    if isinstance(value, dict | list) or value is None:
        return name if value is not None else "空值（冒号后没有填写内容）"
    if isinstance(value, bool):
        return f"{name} {'true' if value else 'false'}"
    return f"{name} {clipped(value)}"


def _message(doc: YamlDocument, loc: tuple, err: dict) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    raw = doc.spot(loc).raw
    if kind in {"string_type", "str_type"}:
        if raw is not None and not isinstance(value, dict | list):
            return (f"这里应为文字，但 YAML 把 {clipped(raw)} 读成了{_describe(value)}："
                    f"请加引号写成 \"{clipped(raw)}\"")
        return f"这里应为文字，实际是{_describe(value)}"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"“{clipped(value)}”不是允许的取值：只能是 {allowed}"
    if kind == "string_pattern_mismatch":
        return f"“{clipped(value)}”格式不对：{_pattern_hint(loc)}"
    if kind == "string_too_short":
        return "不能为空：请填写内容"
    if kind == "string_too_long":
        return f"太长了（{len(value)} 个字）：最多 {ctx['max_length']} 个字，请精简"
    if kind == "too_short":
        return f"至少要有 {ctx.get('min_length', 1)} 项"
    if kind == "too_long":
        label = next((p for p in reversed(loc) if isinstance(p, str)), "这里")
        return f"“{label}”最多 {ctx['max_length']} 项，这里有 {ctx['actual_length']} 项：请确认是否重复或填错"
    if kind in {"list_type", "tuple_type"}:
        return f"这里应为列表（每项以“- ”开头，或写成 [甲, 乙]），实际是{_describe(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"这里应为键值表（“键: 值”），实际是{_describe(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"这里应为整数，实际是{_describe(value)}"
    if kind in {"float_type", "float_parsing"}:
        return f"这里应为数字，实际是{_describe(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"这里应为 true 或 false，实际是{_describe(value)}"
    if kind.startswith("date"):
        return f"这里应为日期，写成 2026-02-15 这样，实际是{_describe(value)}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = next(iter(ctx.values()), "")
        word = {"greater_than_equal": "不能小于", "greater_than": "必须大于",
                "less_than_equal": "不能大于", "less_than": "必须小于"}[kind]
        return f"{clipped(value)} {word} {bound}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _pattern_hint(loc: tuple) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    hints = {
        "id": "id 只能用小写英文字母、数字和单个连字符，如 s003p4-county-col-01",
        "sources": "引用写成“来源id/章节id”，如 reg2020/第八条",
        "dates": "日期写成“月-日”，如 06-30",
    }
    return hints.get(last, "请按说明的格式填写")
