"""Write a synthetic county's profiles: 1 county committee, 25 townships, 300 villages (fictional names)."""

import itertools
import sys
from pathlib import Path

import yaml

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["建国", "丽华", "志强", "海燕", "晓东", "春梅", "立新", "秀英", "国庆", "文静", "长青", "玉兰"]


def names():
    for given, surname in itertools.product(GIVEN, SURNAMES):
        yield surname + given


def leader(name: str, title: str, duty: str, **extra) -> dict:
    return {"姓名": name, "职务": title, "责任": duty, **extra}


def write_county(folder: Path, townships: int = 25, villages: int = 300) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    people = itertools.cycle(names())
    paths = []

    def save(filename: str, profile: dict) -> None:
        path = folder / filename
        path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)

    town_names = [f"中共试点{i:02d}镇委员会" for i in range(1, townships + 1)]
    save("县委.yaml", {
        "单位": "中共试点县委", "层级": "县级", "上级": "中共试点市委", "年度": 2026,
        "班子成员": [leader(next(people), "县委书记", "第一责任人"),
                  leader(next(people), "县委副书记、县长", "一岗双责", 分管=["财政", "工程建设"]),
                  leader(next(people), "县委常委、组织部部长", "一岗双责", 分管=["组织"]),
                  leader(next(people), "县委常委、县纪委书记", "监督责任")],
        "下属单位": [{"单位": t, "层级": "乡镇", "负责人": next(people), "职务": "党委书记"} for t in town_names],
    })
    per_town = villages // townships
    for t, town in enumerate(town_names):
        village_names = [f"试点{t + 1:02d}镇{v + 1:02d}村党支部" for v in range(per_town)]
        save(f"乡镇{t + 1:02d}.yaml", {
            "单位": town, "层级": "乡镇", "上级": "中共试点县委", "年度": 2026,
            "班子成员": [leader(next(people), "党委书记", "第一责任人"),
                      leader(next(people), "党委副书记、镇长", "一岗双责", 分管=["财政", "工程建设"]),
                      leader(next(people), "党委委员、副镇长", "一岗双责", 分管=["民政", "征地拆迁"]),
                      leader(next(people), "党委委员、纪委书记", "监督责任")],
            "下属单位": [{"单位": v, "层级": "村", "负责人": next(people), "职务": "党支部书记"} for v in village_names],
        })
        for v, village in enumerate(village_names):
            save(f"村{t + 1:02d}-{v + 1:02d}.yaml", {
                "单位": village, "层级": "村", "上级": town, "年度": 2026,
                "班子成员": [leader(next(people), "党支部书记", "第一责任人"),
                          leader(next(people), "党支部委员", "一岗双责", 分管=["低保", "三资"]),
                          leader(next(people), "纪检委员", "监督责任")],
            })
    return paths


if __name__ == "__main__":
    print(len(write_county(Path(sys.argv[1]))), "profiles")
