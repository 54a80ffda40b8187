/** Deterministic pseudo-random numbers (mulberry32) so every seed run yields the same people. */
import "server-only";
export type Rng = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
};

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤".split(
    "",
  );
const GIVEN_M = [
  "浩然",
  "子轩",
  "宇航",
  "俊杰",
  "梓豪",
  "志强",
  "嘉诚",
  "文博",
  "振宇",
  "家乐",
  "明轩",
  "天佑",
  "建华",
  "晨阳",
  "泽宇",
  "思源",
  "博文",
  "一鸣",
  "锦程",
  "伟",
];
const GIVEN_F = [
  "欣怡",
  "梓涵",
  "雨桐",
  "诗涵",
  "可馨",
  "思琪",
  "婉婷",
  "佳怡",
  "晓雯",
  "雅琪",
  "紫萱",
  "梦瑶",
  "嘉欣",
  "若曦",
  "静怡",
  "慧敏",
  "丽娟",
  "芳",
  "颖",
  "悦",
];
const ADULT_M = ["建国", "国强", "志明", "海军", "永红", "建军", "德华", "卫东", "春生", "金龙"];
const ADULT_F = ["秀英", "桂兰", "玉梅", "丽华", "春燕", "小红", "美玲", "淑珍", "凤英", "艳"];

export function childName(random: Rng, gender: "MALE" | "FEMALE", surname?: string): string {
  return (surname ?? random.pick(SURNAMES)) + random.pick(gender === "MALE" ? GIVEN_M : GIVEN_F);
}
export function adultName(random: Rng, gender: "MALE" | "FEMALE", surname?: string): string {
  return (surname ?? random.pick(SURNAMES)) + random.pick(gender === "MALE" ? ADULT_M : ADULT_F);
}
export function mobile(random: Rng): string {
  return `1${random.pick(["35", "36", "37", "38", "39", "50", "58", "86", "88"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`;
}
