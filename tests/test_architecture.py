"""The folder tree is the pipeline: load → compile → render (documents, site, returns) → write → commands.

No module imports from a later stage, and the three renderers do not reach into each other.
"""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Shared modules hold vocabulary and formats that every stage may use; they import nothing of the project's.
SHARED = {"problems", "vocabulary", "wording", "fonts", "sheets", "archive", "filenames", "resources", "limits"}
STAGES = {"load": 1, "compile": 2, "render": 3, "site": 3, "returns": 3, "write": 4, "pdf": 4,
          "batch": 5, "pack": 5, "convert": 5, "cli": 5, "__main__": 5}


def stage_of(module: str) -> tuple[str, int]:
    top = module.split(".")[0]
    if top in SHARED or top == "__init__":
        return top, 0
    return top, STAGES[top]


def project_imports(path: Path) -> set[str]:
    """Every module of the package this file imports, anywhere in it (imports inside functions too)."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    package = parts[:-1]  # a module's package, and an __init__'s own
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if node.module else [[*target, alias.name] for alias in node.names]
            elif node.module and node.module.split(".")[0] == "generator":
                names = [node.module.split(".")[1:]]
            else:
                continue
            found |= {".".join(name) for name in names if name}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".", 1)[1] for a in node.names if a.name.startswith("generator.")}
    return found


def test_no_module_imports_from_a_later_stage_or_a_sibling_renderer():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own, rank = stage_of(here)
        for target in project_imports(path):
            other, other_rank = stage_of(target)
            if other_rank > rank or (other_rank == rank == 3 and other != own) or (rank == 0 and own != other):
                wrong.append(f"{here} ({own}, stage {rank}) imports {target} ({other}, stage {other_rank})")
    assert not wrong, "\n".join(wrong)
