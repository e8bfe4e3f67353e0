"""Strict YAML reading: every value keeps its line and column, duplicate keys are errors.

PyYAML resolves plain scalars with YAML 1.1 rules, so a bare `no` becomes False and `1:30`
becomes 90. We keep those types and let the strict models reject them in text fields,
and remember the raw text so the message can say what to quote.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Place, Problem, ProblemsFound, display_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Spot:
    line: int
    col: int
    raw: str | None = None  # the scalar as written, for plain scalars only


@dataclass
class YamlDocument:
    path: Path
    data: Any
    values: dict[Path_, Spot] = field(default_factory=dict)
    keys: dict[Path_, Spot] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    @property
    def place(self) -> Place:
        return Place(self.name)

    def spot(self, loc: Path_, *, key: bool = False) -> Spot:
        """The closest known position for a location: the key itself, else its value, else a parent."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            if not loc:
                return Spot(1, 1)
            loc = loc[:-1]

    def problem(self, loc: Path_, message: str, *, key: bool = False, hint: bool = False) -> Problem:
        spot = self.spot(loc, key=key)
        return Problem(self.name, spot.line, spot.col, message, hint)


def _spot(node: yaml.Node) -> Spot:
    raw = node.value if isinstance(node, yaml.ScalarNode) and not node.style else None
    return Spot(node.start_mark.line + 1, node.start_mark.column + 1, raw)


class _Builder:
    def __init__(self, doc: YamlDocument, loader: yaml.SafeLoader):
        self.doc = doc
        self.loader = loader
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.doc.values[loc] = _spot(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node):
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError):
            # PyYAML reads 2026-02-30 as a date and fails; report it like any other bad value
            spot = _spot(node)
            self.problems.append(Problem(self.doc.name, spot.line, spot.col,
                                         f"“{node.value}”不是有效的值（如日期不存在）：请改正，或加引号作为文字"))
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                spot = _spot(key_node)
                self.problems.append(Problem(self.doc.name, spot.line, spot.col, "键必须是文字：请检查这一行的写法"))
                continue
            key = str(key_node.value)
            spot = _spot(key_node)
            if key in result:
                first = self.doc.keys[(*loc, key)]
                self.problems.append(
                    Problem(self.doc.name, spot.line, spot.col,
                            f"重复的键“{key}”（第 {first.line} 行已有）：删掉其中一个或合并两处内容")
                )
                continue
            self.doc.keys[(*loc, key)] = spot
            result[key] = self.build(value_node, (*loc, key))
        return result


def read_yaml(path: Path) -> YamlDocument:
    """Parse one YAML file; raise ProblemsFound for syntax errors and duplicate keys."""
    doc = YamlDocument(path=path, data=None)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ProblemsFound([Problem(doc.name, 1, 1, "文件不是 UTF-8 编码：请在记事本或 WPS 中“另存为”UTF-8 编码")]) from None
    except OSError as exc:
        raise ProblemsFound([Problem(doc.name, 1, 1, f"无法读取文件：{os_reason(exc)}")]) from None
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProblemsFound([Problem(doc.name, 1, 1, "文件是空的：请按格式填写内容")])
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProblemsFound([Problem(doc.name, line, col, f"YAML 格式错误：{_yaml_reason(exc)}")]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise ProblemsFound(builder.problems)
    return doc


_YAML_REASONS = {
    "mapping values are not allowed": "这里不能再出现冒号；若冒号是文字的一部分，请给整段文字加引号",
    "could not find expected ':'": "缺少冒号“:”（注意用英文半角冒号，冒号后加空格）",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found a tab character": "不能用 Tab 缩进，请改用空格",
    "did not find expected ',' or ']'": "方括号列表没有闭合：检查“]”和逗号（用英文半角）",
    "did not find expected ',' or '}'": "花括号没有闭合：检查“}”和逗号（用英文半角）",
    "but found another document": "文件中出现了第二个“---”：一个文件只写一份档案",
    "could not determine a constructor for the tag": "不支持以“!”开头的写法：请去掉“!”或给整段文字加引号",
    "found undefined alias": "引用了未定义的锚点",
    "did not find expected key": "缩进不一致或缺少“- ”：同一层的键要对齐",
    "found unexpected end of stream": "引号没有成对闭合",
    "did not find expected '-' indicator": "列表项缩进不一致：每一项都以“- ”开头并对齐",
}


def os_reason(exc: OSError) -> str:
    """An operating-system error in Chinese (its own text is English)."""
    reasons = {FileNotFoundError: "找不到文件", IsADirectoryError: "这是文件夹，不是文件",
               NotADirectoryError: "路径中有一部分不是文件夹", PermissionError: "没有权限（文件是否被其他程序占用？）",
               FileExistsError: "已存在同名文件"}
    for kind, reason in reasons.items():
        if isinstance(exc, kind):
            return f"{reason}：{exc.filename}" if exc.filename else reason
    return exc.strerror or type(exc).__name__


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, chinese in _YAML_REASONS.items():
        if problem.startswith(english):
            return chinese
    return f"{problem}（请检查缩进、冒号和引号）"
