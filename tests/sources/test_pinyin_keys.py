"""Pinyin keys (``sources/keys.py``): readings, initials, dedup, what is dropped."""

from __future__ import annotations

import pytest

from hightech_cli.sources import keys as pinyin_keys

name_keys = pinyin_keys.name_keys


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("小优智能", "xiaoyouzhineng", "xyzn"),
        ("长木谷", "changmugu", "cmg"),  # phrase reading overridden: cháng, not zhǎng
        ("阿斯利康", "asilikang", "aslk"),
        ("汉唐生物", "hantangshengwu", "htsw"),
        ("重庆", "chongqing", "cq"),  # phrase-aware: chóng, not zhòng
        ("e企炬链", "eqijulian", "eqjl"),
        ("“e企炬链”", "eqijulian", "eqjl"),  # quotes dropped
        ("Ｅ企炬链", "eqijulian", "eqjl"),  # full-width letter folded
        ("承诺开工一件事", "chengnuokaigongyijianshi", "cnkgyjs"),
        ("高新贷", "gaoxindai", "gxd"),
        ("郭俊兴", "guojunxing", "gjx"),
        ("邵婕", "shaojie", "sj"),
        ("徐凯", "xukai", "xk"),
        ("海尔生物", "haiershengwu", "hesw"),
        ("高测股份", "gaocegufen", "gcgf"),
        ("3D皮肤 检测仪", "3dpifujianceyi", "3dpfjcy"),  # ASCII kept whole, space dropped
        ("青岛康复医疗器械CDMO平台", "qingdaokangfuyiliaoqixiecdmopingtai", "qdkfylqxcdmopt"),
        ("绿色", "lvse", "ls"),  # ü written v, as Style.NORMAL does
    ],
)
def test_readings(name: str, full: str, initials: str) -> None:
    assert name_keys([name]) == {"pinyin": [full], "initials": [initials]}


def test_override_applies_inside_a_longer_name() -> None:
    keys = name_keys(["长木谷医用人工智能与手术机器人高端医疗装备产业基地"])
    assert keys["pinyin"][0].startswith("changmuguyiyong")
    assert keys["initials"][0].startswith("cmgyy")


def test_name_and_full_legal_name_in_order() -> None:
    keys = name_keys(["小优智能", "青岛小优智能科技有限公司"])
    assert keys == {
        "pinyin": ["xiaoyouzhineng", "qingdaoxiaoyouzhinengkejiyouxiangongsi"],
        "initials": ["xyzn", "qdxyznkjyxgs"],
    }


def test_deduplicated_order_kept() -> None:
    keys = name_keys(["汉唐生物", "“汉唐生物”", "汉唐 生物", "海尔生物", "汉唐生物"])
    assert keys == {"pinyin": ["hantangshengwu", "haiershengwu"], "initials": ["htsw", "hesw"]}


@pytest.mark.parametrize("names", [[], ["AstraZeneca"], ["Haier Biomedical", "CDMO"], ["“”，。"]])
def test_names_without_han_give_no_keys(names: list[str]) -> None:
    assert name_keys(names) == {"pinyin": [], "initials": []}


def test_keys_are_plain_lowercase_ascii() -> None:
    names = ["小优智能", "e企炬链", "“十五五”规划", "C反应蛋白检测试剂盒", "中国康湾"]
    keys = name_keys(names)
    for key in keys["pinyin"] + keys["initials"]:
        assert key.isascii()
        assert key.isalnum()
        assert key == key.lower()
    assert "shiwuwuguihua" in keys["pinyin"]
    assert "cfanyingdanbaijianceshijihe" in keys["pinyin"]


def test_no_heteronym_blow_up() -> None:
    # 长 and 行 each have two readings; one name still gives exactly one key.
    keys = name_keys(["行长长行"])
    assert len(keys["pinyin"]) == 1
    assert len(keys["initials"]) == 1
