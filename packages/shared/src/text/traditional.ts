/**
 * Traditional → simplified, one character for one character (so positions in a string stay valid), for the
 * characters that occur in task lists: headers, department names and deadline phrases. Shared by the importer and
 * the deadline parser.
 */
// Pairs: traditional, simplified.
const TRADITIONAL_PAIRS =
  '個个內内報报後后週周調调範范會会開开發发組组織织檢检長长堅坚續续進进態态項项劃划實实現现時时間间終终準准達达應应業业辦办與与為为當当並并於于際际將将門门導导處处產产責责負负隱隐務务規规設设備备聯联機机' +
  '關关傳传練练訓训學学節节慶庆歷历曆历點点幾几兩两萬万億亿禮礼號号從从則则議议級级歸归檔档單单據据專专題题總总結结區区轉转這这種种類类體体場场啟启動动盡尽紀纪錄录圍围層层審审評评價价舉举預预計计畫画標标' +
  '訂订頒颁佈布執执難难決决訪访盤盘邊边們们對对認认頭头狀状況况須须屆届違违罰罚營营運运輪轮氣气溫温風风險险災灾夠够斷断擴扩彙汇匯汇過过還还選选適适隨随觀观優优鐘钟僅仅衛卫參参領领屬属協协員员說说講讲聽听' +
  '讀读寫写書书條条綜综試试驗验證证請请讓让給给錯错階阶遠远確确閉闭環环滿满餘余齊齐強强貫贯徹彻臨临網网絡络雙双衆众眾众歲岁礎础廳厅縣县鄉乡鎮镇傷伤電电礦矿廠厂貨货車车陸陆島岛灣湾臺台別别嚴严緊紧採采礙碍' +
  '維维護护構构樣样術术視视頻频資资數数線线熱热積积極极創创興兴廣广質质償偿製制編编牽牵論论經经濟济監监黨党羣群財财揮挥統统習习幹干';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2)
    map.set(TRADITIONAL_PAIRS.charAt(i), TRADITIONAL_PAIRS.charAt(i + 1));
  return map;
})();

export function toSimplified(value: string): string {
  let out = '';
  for (const ch of value) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}
