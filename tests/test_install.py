"""A newcomer installs the tool from a wheel and uses it from the desktop, with no checkout in reach."""

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT, EXAMPLES, ROOT

SHIPPED = ("generator/_data/content/duties/reg2020.yaml", "generator/_data/content/synonyms.yaml",
           "generator/_data/templates/责任书.docx", "generator/_data/docs/guide.md", "generator/_data/mkdocs.yml",
           "generator/site/assets/search-worker.js", "generator/site/assets/vendor/fflate-0.8.3.js",
           "generator/site/overrides/main.html", "generator/site/overrides/partials/zt-short-nav.html",
           "generator/returns/report.html.j2")


def build_wheel(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = out.glob("zerentian-*.whl")
    return wheel


def venv_with_wheel(wheel: Path, venv: Path) -> Path:
    """A fresh venv holding only the wheel; the dependencies are borrowed from the test's own environment
    through a .pth line (it adds that folder, but not the editable-install hook inside it)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    [site_packages] = venv.glob("lib/python*/site-packages")
    (site_packages / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    return venv / "bin" / "zerentian"


@pytest.mark.slow
def test_the_installed_wheel_works_from_any_folder(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert all(name in names for name in SHIPPED), sorted(set(SHIPPED) - names)
    command = venv_with_wheel(wheel, tmp_path / "venv")
    desktop = tmp_path / "桌面"
    desktop.mkdir()
    shutil.copy(EXAMPLES / "青石镇.yaml", desktop / "我的单位.yaml")

    def run(*args: str) -> str:
        proc = subprocess.run([str(command), *args], cwd=desktop, capture_output=True, text=True, timeout=300,
                              env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    where = subprocess.run([str(command.parent / "python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=desktop, capture_output=True, text=True, check=True).stdout
    assert str(tmp_path / "venv") in where and str(ROOT) not in where
    assert "知识库无误" in run("check", "我的单位.yaml")
    run("pack", "我的单位.yaml")
    assert (desktop / "out" / "中共青石镇委员会" / "01-责任清单.docx").is_file()
    run("templates", "--out", "空白文书")
    assert (desktop / "空白文书" / "空白-村" / "01-责任清单.docx").is_file()
    run("new", "新单位.yaml", "--层级", "村")
    sources = desktop / "依据"  # the site from the wheel's theme, pages and assets, on a small knowledge base: seconds
    shutil.copytree(CONTENT / "sources", sources / "sources")
    run("--content", str(sources), "site", "--out", "网站")
    assert (desktop / "网站" / "index.html").is_file() and (desktop / "网站" / "search" / "search_index.js").is_file()
    assert (desktop / "网站" / "assets" / "zerentian" / "checklist-files.js").is_file()  # the builder's Word, Excel
