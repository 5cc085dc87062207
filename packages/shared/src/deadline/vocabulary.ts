/**
 * Words of a deadline clause that carry no schedule of their own (verbs and filler around a time expression),
 * and words that make a clause ambiguous even when a date was read next to them.
 * Matching is on normalised text (simplified characters, Arabic digits).
 */

function words(list: string): string[] {
  return list.split(' ').filter((w) => w !== '');
}

/** Verbs and filler: a clause whose leftover text is only these (and punctuation) was fully read. */
const FILLER_WORDS = words(
  '之前 以前 前 完成 制定 制订 召开 组织 开展 要 须 需 应 检查 至少 不少于 ' +
    '以上 分别 集中 研究 解决 深入 基层 调研 进行 实施 落实 建立 健全 完善 修订 ' +
    '编制 出台 印发 上报 报送 提交 形成 启动 演练 培训 学习 宣传 会议 活动 工作 ' +
    '方案 计划 总结 报告 评估 考核 排查 整治 整改 验收 督查 督导 巡查 复查 复核 ' +
    '自查 检测 审核 审查 备案 公示 公布 发布 通报 更新 汇报 调度 分析 推进 督促 ' +
    '指导 全面 全部 基本 初步 确保 力争 到位 见效 并 以及 及 和 与 的 期间 ' +
    '截至 截止到 截止 为止 之内 以内 内 完毕',
);

/**
 * Vague or calendar-dependent words: a clause containing one is flagged even if a date was read beside it.
 * (Lunar festivals move; school terms, flood seasons and "as required" are set by someone else.)
 */
export const AMBIGUOUS_WORDS = words(
  '汛期 汛前 学期 适时 及时 按要求 根据 上级 部署 春节 国庆 元旦 中秋 端午 ' +
    '清明 劳动节 节前 节后 节日 假期 节假日 寒假 暑假 视情 另行 待定 随时 尽快 ' +
    '立即 近期 适当 届时 月初 年初 年中 前后 左右 以后 之后 开学 旺季 冬季 夏季 ' +
    '春季 秋季 雨季 上月 本月 当月 下月',
);

const FILLER_RE = new RegExp([...FILLER_WORDS].sort((a, b) => b.length - a.length).join('|'), 'g');
const PUNCTUATION_RE = /[\s,;:、。.!?"'“”‘’《》「」『』·]/g;

export function containsAmbiguousWord(text: string): boolean {
  return AMBIGUOUS_WORDS.some((w) => text.includes(w));
}

/** True when the text, with filler words and punctuation removed, is empty and holds no ambiguous word. */
export function isFillerOnly(text: string): boolean {
  if (containsAmbiguousWord(text)) return false;
  return text.replace(FILLER_RE, '').replace(PUNCTUATION_RE, '') === '';
}

/** True when the text holds nothing but punctuation and whitespace. */
export function isBlank(text: string): boolean {
  return text.replace(PUNCTUATION_RE, '') === '';
}
