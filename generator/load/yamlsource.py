"""Strict YAML reading: every value keeps its line and column, duplicate keys are errors.

PyYAML resolves plain scalars with YAML 1.1 rules, so a bare `no` becomes False and `1:30`
becomes 90. We keep those types and let the strict models reject them in text fields,
and remember the raw text so the message can say what to quote.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..limits import YAML_DEPTH
from ..problems import Place, Problem, ProblemsFound, clipped, display_path, os_reason

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path_ = tuple[str | int, ...]


class Spot(NamedTuple):  # a tuple: one is made for every value of the knowledge base
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


def _spot(event: yaml.Event) -> Spot:
    raw = event.value if isinstance(event, yaml.ScalarEvent) and not event.style else None
    return Spot(event.start_mark.line + 1, event.start_mark.column + 1, raw)


# What YAML allows in a file (the YAML 1.1 printable set): an escape such as "\x07" may not bring in more.
# Documents, workbooks and calendars all break on the rest (XML cannot hold U+0007, nor a lone surrogate).
UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def unprintable_message(char: str) -> str:
    return f"有不可见的控制字符（U+{ord(char):04X}）：请删除它（常见于从其他软件复制来的文字）"


class _Builder:
    """Values from the parser's events, one at a time: nesting, aliases and tags are checked
    before anything is built, so no input can make the reader recurse deeply or expand."""

    def __init__(self, doc: YamlDocument, loader: yaml.SafeLoader):
        self.doc = doc
        self.loader = loader
        self.problems: list[Problem] = []

    def document(self) -> Any:
        self.loader.get_event()  # the stream's start
        if self.loader.check_event(yaml.StreamEndEvent):
            raise ProblemsFound([Problem(self.doc.name, 1, 1, "文件是空的：请按格式填写内容")])
        self.loader.get_event()  # the document's start
        data = self.value((), 1)
        self.loader.get_event()  # the document's end
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise ProblemsFound([self._problem(self.loader.peek_event(),
                                               "文件中出现了第二个“---”：一个文件只写一份，删掉“---”及其后的内容或另存为一个文件")])
        return data

    def value(self, loc: Path_, depth: int) -> Any:
        event = self.loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            raise ProblemsFound([self._problem(event, "不支持用“*”引用别处的内容：请把内容直接写出来；"
                                                      "若“*”是文字的一部分，请给整段文字加引号")])
        self.doc.values[loc] = _spot(event)
        tagged = self._tag_problem(event)
        if isinstance(event, yaml.ScalarEvent):
            return None if tagged else self._scalar(event)
        if depth > YAML_DEPTH:
            raise ProblemsFound([self._problem(event, f"嵌套超过 {YAML_DEPTH} 层：请检查缩进和括号是否成对")])
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not self.loader.check_event(yaml.SequenceEndEvent):
                items.append(self.value((*loc, len(items)), depth + 1))
            self.loader.get_event()
            return items
        return self._mapping(loc, depth)

    def _mapping(self, loc: Path_, depth: int) -> dict:
        result: dict = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            if not self.loader.check_event(yaml.ScalarEvent):
                self.problems.append(self._problem(self.loader.peek_event(), "键必须是文字：请检查这一行的写法"))
                self.value(("?",), depth + 1)
                self.value(("?",), depth + 1)
                continue
            key_event = self.loader.get_event()
            key, spot = str(key_event.value), _spot(key_event)
            self._tag_problem(key_event)
            self._text_problem(key, spot)
            if key in result:
                first = self.doc.keys[(*loc, key)]
                self.problems.append(Problem(self.doc.name, spot.line, spot.col,
                                             f"重复的键“{clipped(key)}”（第 {first.line} 行已有）：删掉其中一个或合并两处内容"))
                self.value(("?",), depth + 1)
                continue
            self.doc.keys[(*loc, key)] = spot
            result[key] = self.value((*loc, key), depth + 1)
        self.loader.get_event()
        return result

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            if event.style:  # quoted or block text is text as written; only "…" escapes can bring in a control character
                if event.style == '"':
                    self._text_problem(event.value, _spot(event))
                return event.value
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _STR:
                return event.value  # the whole file was checked for unprintable characters
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            self.problems.append(self._problem(event, _bad_value(tag, event.value)))
            return None
        if isinstance(value, str):
            self._text_problem(value, _spot(event))
        return value

    def _tag_problem(self, event: yaml.NodeEvent) -> bool:
        tag = getattr(event, "tag", None)
        if tag in (None, "!") or tag in _CORE_TAGS:
            return False
        self.problems.append(self._problem(event, f"不支持“{clipped(tag)}”这种以“!”开头的写法：请去掉它；"
                                                  "若“!”是文字的一部分，请给整段文字加引号"))
        return True

    def _text_problem(self, text: str, spot: Spot) -> None:
        found = UNPRINTABLE.search(text)
        if found:
            self.problems.append(Problem(self.doc.name, spot.line, spot.col, unprintable_message(found.group())))

    def _problem(self, event: yaml.Event, message: str) -> Problem:
        spot = _spot(event)
        return Problem(self.doc.name, spot.line, spot.col, message)


def _bad_value(tag: str, value: str) -> str:
    if tag.endswith(":int") or tag.endswith(":float"):
        return f"数字“{clipped(value)}”太长，不是有效的值：请改正，或加引号作为文字"
    if tag.endswith(":timestamp"):
        return f"“{clipped(value)}”不是有效的日期（如 2 月 30 日）：请改正，或加引号作为文字"
    return f"“{clipped(value)}”不是有效的值：请改正，或加引号作为文字"


def read_yaml(path: Path, max_bytes: int) -> YamlDocument:
    """Parse one YAML file of at most `max_bytes`; raise ProblemsFound for syntax errors, duplicate keys,
    aliases, deep nesting and unprintable characters."""
    doc = YamlDocument(path=path, data=None)
    text = _read_text(path, doc.name, max_bytes)
    unprintable = UNPRINTABLE.search(text)
    if unprintable:
        line, col = _line_col(text, unprintable.start())
        raise ProblemsFound([Problem(doc.name, line, col, unprintable_message(unprintable.group()))])
    loader = Loader(text)
    builder = _Builder(doc, loader)
    try:
        doc.data = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark if _at_context(exc) else exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProblemsFound([Problem(doc.name, line, col, f"YAML 格式错误：{_yaml_reason(exc)}")]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise ProblemsFound(builder.problems)
    return doc


def _read_text(path: Path, name: str, max_bytes: int) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ProblemsFound([Problem(name, 1, 1, f"无法读取文件：{os_reason(exc, name)}")]) from None
    if len(raw) > max_bytes:
        raise ProblemsFound([Problem(name, 1, 1, f"文件超过 {max_bytes // 1024} KB，远大于正常的大小："
                                                 "请确认选对了文件，或把内容拆成几个文件")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProblemsFound([Problem(name, 1, 1, "文件不是 UTF-8 编码：请在记事本或 WPS 中“另存为”UTF-8 编码")]) from None


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# libyaml's reasons (English) by a phrase they contain; the first match wins.
_YAML_REASONS = (
    ("mapping values are not allowed", "这里不能再出现冒号；若冒号是文字的一部分，请给整段文字加引号"),
    ("could not find expected ':'", "缺少冒号“:”（注意用英文半角冒号，冒号后加空格）"),
    ("tab character", "不能用 Tab 缩进，请改用空格"),
    ("'\\t' that cannot start", "不能用 Tab 缩进，请改用空格"),
    ("cannot start any token", "这个符号（如 @ 或 `）不能放在值的开头：请给整段文字加引号"),
    ("expected ',' or ']'", "方括号列表没有闭合：检查“]”和逗号（用英文半角）"),
    ("expected ',' or '}'", "花括号没有闭合：检查“}”和逗号（用英文半角）"),
    ("expected key", "缩进不一致或缺少“- ”：同一层的键要对齐"),
    ("expected '-' indicator", "列表项缩进不一致：每一项都以“- ”开头并对齐"),
    ("unexpected end of stream", "引号没有成对闭合"),
    ("unexpected document indicator", "引号没有成对闭合（引号里的文字中有一行以“---”或“...”开头）"),
    ("unknown escape character", "双引号里的反斜杠“\\”后面不是有效的写法：请改用单引号，或把“\\”写成“\\\\”"),
    ("hexdecimal number", "双引号里的“\\x”或“\\u”写法不对：请改用单引号，或去掉反斜杠"),
    ("unicode character escape", "双引号里的“\\u”写法不对：请改用单引号，或去掉反斜杠"),
    ("alphabetic or numeric character", "“&”或“*”后面应是名称：若它是文字的一部分，请给整段文字加引号"),
    ("tag", "不支持以“!”开头的写法：请去掉它；若“!”是文字的一部分，请给整段文字加引号"),
    ("are not allowed in this context", "“- ”或“? ”出现在不该出现的位置：请检查缩进"),
    ("indentation indicator equal to 0", "“|”或“>”后面的数字不能是 0"),
    ("comment or line break", "这一行结束的地方还有多余的文字：请检查引号、“|”或“>”后面的内容"),
    ("directive", "文件中不能有以“%”开头的行：请删除它，或给整段文字加引号"),
    ("incompatible yaml document", "文件中不能有以“%”开头的行：请删除它，或给整段文字加引号"),
    ("document start", "文件开头的写法不对：应是“键: 值”的形式"),
    ("node content", "这里缺少内容，或有多余的符号：请检查缩进、冒号和引号"),
)


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    for english, chinese in _YAML_REASONS:
        if english.lower() in problem:
            return chinese
    return "这里的写法不符合格式：请检查缩进、冒号和引号"


def _at_context(exc: yaml.MarkedYAMLError) -> bool:
    """An unclosed quote is found at the end of the file; where it opened is the place to look."""
    return bool(exc.context_mark and exc.context and "quoted scalar" in exc.context
                and "end of stream" in (exc.problem or ""))
