/**
 * Judging what is left of a clause once its time expressions are taken out. A clause is accepted by what is left
 * over, not by a list of known words: the action around a date (报送…, 报…备案, 完成…, 组织…) and its object carry
 * no schedule. The leftover is refused when it still carries time or doubt: unconsumed numbers, time characters,
 * ambiguous words, brackets; it is accepted with a review flag ("graded") when it holds words that might matter
 * (原则上, 争取, a condition before the dates).
 * Matching is on normalised text (simplified characters, Arabic digits).
 */

function words(list: string): string[] {
  return list.split(' ').filter((w) => w !== '');
}

/**
 * Vague or calendar-dependent words: a clause containing one is flagged even if a date was read beside it.
 * (Lunar festivals move; school terms, flood seasons and "as required" are set by someone else.)
 */
export const AMBIGUOUS_WORDS = words(
  '汛期 汛前 学期 适时 及时 按要求 根据 此后 春节 国庆 元旦 中秋 端午 ' +
    '清明 劳动节 节前 节后 节日 假期 节假日 寒假 暑假 视情 另行 待定 随时 尽快 ' +
    '立即 近期 适当 届时 月初 年初 年中 前后 左右 以后 之后 开学 旺季 冬季 夏季 ' +
    '春季 秋季 雨季 上月 下月 上年 上一年 次月 隔月 两会 会前 会后 ' +
    '通知 另定 确定 另有 具体时间 临近 第一时间 要求 安排 需要 必要时 情况而定',
);

/**
 * Words holding a time character that are not time: objects of the action (年度总结, 月报), set phrases.
 * They are removed before the time-character test.
 */
const SAFE_COMPOUNDS = words(
  '半年和 半年及 半年工作 半年总结 年度 年报 年检 年审 年限 年龄 青年 老年 少年 月报 月度 季报 季度报 周报 旬报 日报 日常 ' +
    '时间节点 时间表 时间 同时 按时 准时 实时 时限 时效 临时 期间 工期 节点 环节 节能 细节 节约 ' +
    '天然气 天燃气 编号 文号 周边 周密 安全生产月 安全月 宣传月 摸底 底数 底线 兜底 彻底 到底 末端 ' +
    '销号 号召 信号 型号 最晚 最迟 期限内 初步 中心 中央 集中 其中 中介 中小',
);

/** Characters that name or qualify time: left over, they mean part of the date was not read. */
const TIME_CHARS = /[每年月日号周旬季天时期节宵晨晚早初底末春夏秋冬]|星期|礼拜|小时|分钟|半/;

/** Words that make a read date uncertain: keep the dates, ask for a confirmation. */
const DOUBT_WORDS = words('原则上 争取 预计 暂定 初定 拟 或 建议 视 可 酌情 分阶段 分批 逐步 滚动');

/** Markers of a condition (who the rule applies to) written before the dates of a top-level clause. */
const CONDITION_MARKERS =
  /企业|行业|领域|涉及|对于|其中|重点|高危|场所|单位|学校|医院|乡镇|街道|园区|区域|地区|项目|工程|设施|人员/;

/** A leftover starting like this right after a date changes the date (6月中, 5月起, 6月底后, 3月左右). */
const DATE_MODIFIER = /^(?:初(?!步)|中(?![心央介小])|起|后|以后|之后|开始|以来|左右|前后|上下|之间|及以后)/;

const PUNCTUATION_RE = /[\s,;:、。.!?"'“”‘’《》「」『』·_—-]/g;
const SAFE_RE = new RegExp([...SAFE_COMPOUNDS].sort((a, b) => b.length - a.length).join('|'), 'g');

export function containsAmbiguousWord(text: string): boolean {
  return AMBIGUOUS_WORDS.some((w) => text.includes(w));
}

export type LeftoverVerdict = 'ok' | 'doubt' | 'reject';

export interface LeftoverPlace {
  /** The leftover comes right after a date token. */
  afterDate: boolean;
  /** The leftover comes before every token of a top-level clause (where a condition would stand). */
  leading: boolean;
  /** The clause has a recurring token (a condition before it narrows who must do it). */
  beforeRecurring: boolean;
  /** The clause's recurring periods: 每月25日前报送当月…, the month named is the duty's own month. */
  recurringKinds: readonly string[];
}

const OWN_PERIOD_WORDS: Record<string, RegExp> = {
  monthly: /本月度?|当月度?|下月度?/g,
  quarterly: /本季度?|当季度?/g,
  weekly: /本周|当周/g,
  halfyearly: /本半年度?|当半年度?/g,
};

/** The verdict on one leftover piece (normalised, numerals converted). */
export function judgeLeftover(text: string, place: LeftoverPlace): LeftoverVerdict {
  if (/[0-9%％‰()（）]/.test(text)) return 'reject';
  let withoutSafe = text;
  for (const kind of place.recurringKinds) {
    const own = OWN_PERIOD_WORDS[kind];
    if (own) withoutSafe = withoutSafe.replace(own, '');
  }
  if (containsAmbiguousWord(withoutSafe)) return 'reject';
  if (place.afterDate && DATE_MODIFIER.test(text.replace(PUNCTUATION_RE, ''))) return 'reject';
  withoutSafe = withoutSafe.replace(SAFE_RE, '');
  if (TIME_CHARS.test(withoutSafe)) return 'reject';
  if (DOUBT_WORDS.some((w) => withoutSafe.includes(w))) return 'doubt';
  if (place.leading && place.beforeRecurring && CONDITION_MARKERS.test(withoutSafe)) return 'doubt';
  if (withoutSafe.replace(PUNCTUATION_RE, '').length > 30) return 'doubt';
  return 'ok';
}

/** The worse of two verdicts. */
export function worse(a: LeftoverVerdict, b: LeftoverVerdict): LeftoverVerdict {
  if (a === 'reject' || b === 'reject') return 'reject';
  return a === 'doubt' || b === 'doubt' ? 'doubt' : 'ok';
}

/** True when the text, punctuation removed, is empty or only prepositions and filler verbs around a date. */
export function isBlank(text: string): boolean {
  return text.replace(PUNCTUATION_RE, '') === '';
}

const PREPOSITIONS =
  /^(?:须在|应在|需在|要在|务必在|务必于|必须在|必须于|应于|须于|需于|在|于|截至|截止到|截止|到|至|自|从|按照|按)/;

/** A text that is only a preposition (在, 应于, 截至): not a condition. */
export function stripPreposition(text: string): string {
  return text.replace(PUNCTUATION_RE, '').replace(PREPOSITIONS, '');
}

/** A parenthesised condition must name who it applies to (高危行业领域, 涉及…的企业). */
export function looksLikeCondition(text: string): boolean {
  return CONDITION_MARKERS.test(text);
}

/** Mask numerals inside words that are not numbers (统一, 进一步, 一律), before numeral conversion; same length. */
const NUMERAL_WORDS = words(
  '统一 进一步 一律 一并 一起 一体 一线 一岗双责 一企一策 一案双罚 一般 万一 唯一 一致 逐一 一把手 一张图 ' +
    '一张网 一网 一件事 一站式 一对一 同一 单一 一体化 三同时 双重预防 一票否决 一次性 ' +
    '第一轮 第二轮 第三轮 第一阶段 第二阶段 第三阶段 第四阶段 一单两库 两客一危 三管三必须 双随机 一公开 第一责任人 五落实',
);
const NUMERAL_WORDS_RE = new RegExp([...NUMERAL_WORDS].sort((a, b) => b.length - a.length).join('|'), 'g');

export function maskNumeralWords(text: string): string {
  return text.replace(NUMERAL_WORDS_RE, (w) => w.replace(/[零〇一二两三四五六七八九十百]/g, '_'));
}

/** Verbs and filler: a clause with no time expression that is only these (and punctuation) says nothing. */
const FILLER_WORDS = words(
  '之前 以前 前 完成 制定 制订 召开 组织 开展 要 须 需 应 检查 至少 不少于 ' +
    '以上 分别 集中 研究 解决 深入 基层 调研 进行 实施 落实 建立 健全 完善 修订 ' +
    '编制 出台 印发 上报 报送 提交 形成 启动 演练 培训 学习 宣传 会议 活动 工作 ' +
    '方案 计划 总结 报告 评估 考核 排查 整治 整改 验收 督查 督导 巡查 复查 复核 ' +
    '自查 检测 审核 审查 备案 公示 公布 发布 通报 更新 汇报 调度 分析 推进 督促 ' +
    '指导 全面 全部 基本 初步 确保 力争 到位 见效 并 以及 及 和 与 的 期间 ' +
    '截至 截止到 截止 为止 之内 以内 内 完毕',
);
const FILLER_RE = new RegExp([...FILLER_WORDS].sort((a, b) => b.length - a.length).join('|'), 'g');

/** An action with its object and recipient: it starts with a reporting or doing verb. */
const ACTION_START =
  /^(?:并|及时)?(?:报送|上报|报至|报|提交|反馈|完成|组织|开展|形成|印发|制定|召开|建立|落实|推进|实施|汇总|整改|验收|启动|编制|出台|修订|发布|公布|公示|培训|演练|宣传|评估|考核|排查|复查|抽查|检查|督导|督查|部署|总结|备案|上传|录入|报告)/;

/** True for a clause without dates that is only filler words, or (at top level) an action phrase. */
export function isActionOnly(text: string, topLevel: boolean): boolean {
  const bare = text.replace(PUNCTUATION_RE, '');
  if (bare.replace(FILLER_RE, '') === '') return true;
  return topLevel || ACTION_START.test(bare);
}
