import { formatDate, isCivilDate } from '@duban/shared/civil-date';
import type { EnterpriseStatus, SupervisorRole } from '@duban/shared/contracts/enterprises';
import { checkCreditCode } from '@duban/shared/credit-code';
import { splitCsv } from '../tasklists/parse/csv-records.ts';
import { detectFormat } from '../tasklists/parse/detect-format.ts';
import { HEADER_SCAN_ROWS, normalizeHeaderCell } from '../tasklists/parse/header-match.ts';
import { TaskListFileError } from '../tasklists/parse/tasklist-file-error.ts';
import { decodeText } from '../tasklists/parse/text-decode.ts';
import { readXlsx } from '../tasklists/parse/xlsx-reader.ts';

/**
 * Registry spreadsheet (.xlsx or .csv, UTF-8 or GBK) → one draft per row, or a problem naming the row. Pure apart
 * from the lookups passed in (catalogue, department matching): no database here. Merged cells are resolved by the
 * xlsx reader (a vertically merged 属地 or department applies to every row it spans).
 */

export type ImportField =
  | 'name'
  | 'creditCode'
  | 'address'
  | 'locality'
  | 'industries'
  | 'tags'
  | 'highRisk'
  | 'standardizationLevel'
  | 'riskClass'
  | 'employees'
  | 'principalName'
  | 'principalPhone'
  | 'controllerName'
  | 'controllerPhone'
  | 'safetyName'
  | 'safetyPhone'
  | 'status'
  | 'openedOn'
  | 'supIndustry'
  | 'supTerritorial'
  | 'supComprehensive'
  | 'note';

/** Header synonyms; a header cell takes the field of the longest synonym it contains. */
export const HEADER_SYNONYMS: [ImportField, string[]][] = [
  ['name', ['企业名称', '单位名称', '企业全称', '生产经营单位名称', '名称']],
  ['creditCode', ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码']],
  ['address', ['地址', '注册地址', '经营地址', '生产经营地址', '详细地址', '企业地址', '所在地址', '生产地址']],
  ['locality', ['属地', '所属街道', '街道', '乡镇', '所在区域', '所属区域', '片区', '园区', '所在地', '所属社区']],
  ['industries', ['行业', '行业类别', '所属行业', '行业分类', '行业领域', '行业类型']],
  ['tags', ['特殊标签', '标签', '专项', '涉及专项', '重点类别', '重点监管类别', '专项类别']],
  ['highRisk', ['高危', '是否高危', '高危行业', '高危企业']],
  ['standardizationLevel', ['标准化', '标准化等级', '标准化级别', '安全生产标准化']],
  ['riskClass', ['风险等级', '风险分级', '风险类别', '风险级别', '安全风险等级']],
  ['employees', ['从业人员', '从业人数', '职工人数', '员工人数', '从业人员数', '人数']],
  ['principalName', ['主要负责人', '法定代表人', '负责人', '法人', '法人代表']],
  [
    'principalPhone',
    [
      '主要负责人电话',
      '主要负责人联系电话',
      '负责人电话',
      '负责人联系电话',
      '法定代表人电话',
      '联系电话',
      '电话',
      '联系方式',
      '主要负责人联系方式',
      '手机',
    ],
  ],
  ['controllerName', ['实际控制人']],
  ['controllerPhone', ['实际控制人电话', '实际控制人联系电话', '实际控制人联系方式']],
  ['safetyName', ['安全管理人员', '安全负责人', '安全员', '安全管理负责人', '分管安全负责人']],
  ['safetyPhone', ['安全管理人员电话', '安全负责人电话', '安全员电话', '安全管理人员联系电话', '安全负责人联系电话']],
  ['status', ['状态', '经营状态', '生产状态', '企业状态', '营业状态', '生产经营状态']],
  ['openedOn', ['成立日期', '开业日期', '投产日期', '成立时间', '注册日期']],
  ['supIndustry', ['行业监管部门', '行业主管部门', '行业监管', '主管部门', '监管部门', '行业监管单位', '行业主管单位']],
  ['supTerritorial', ['属地管理部门', '属地监管部门', '属地管理', '属地监管', '属地管理单位', '属地责任单位']],
  ['supComprehensive', ['综合监管部门', '综合监管', '综合监管单位']],
  ['note', ['备注']],
];

export function matchImportHeader(cell: string): ImportField | null {
  const norm = normalizeHeaderCell(cell);
  if (!norm) return null;
  // Longest synonym wins; between equally long ones, the one ending the label (监管部门 + 属地管理 is 属地管理).
  let best: { field: ImportField; score: number } | null = null;
  for (const [field, synonyms] of HEADER_SYNONYMS) {
    for (const s of synonyms) {
      const score = s.length * 100 + (norm.endsWith(s) ? 50 : 0);
      if (norm.includes(s) && (!best || score > best.score)) best = { field, score };
    }
  }
  return best?.field ?? null;
}

export type HeaderColumns = Partial<Record<ImportField, number>>;

export function matchImportHeaderRow(cells: readonly string[]): HeaderColumns | null {
  const map: HeaderColumns = {};
  cells.forEach((cell, i) => {
    const f = matchImportHeader(cell);
    if (f && map[f] === undefined) map[f] = i;
  });
  return map.name !== undefined && map.creditCode !== undefined ? map : null;
}

export interface GridRow {
  row: number;
  cells: string[];
}

/** The rows of the registry sheet: the first worksheet (or CSV) with a header naming 企业名称 and 统一社会信用代码. */
export async function readRegistryGrid(
  bytes: Uint8Array,
): Promise<{ header: HeaderColumns; headerRow: number; rows: GridRow[]; sheet: string | null }> {
  const format = detectFormat(bytes);
  if (format === 'docx')
    throw new TaskListFileError('企业名录请使用 Excel（.xlsx）或 CSV 文件（a .docx is not a registry sheet）');
  const sheets: { name: string | null; rows: GridRow[] }[] =
    format === 'xlsx'
      ? (await readXlsx(bytes)).map((s) => ({ name: s.name, rows: s.rows }))
      : [{ name: null, rows: csvRows(decodeText(bytes)) }];
  for (const s of sheets) {
    for (const [i, r] of s.rows.slice(0, HEADER_SCAN_ROWS).entries()) {
      const header = matchImportHeaderRow(r.cells);
      if (!header) continue;
      const next = s.rows[i + 1];
      const two = next ? twoRowHeader(r.cells, next.cells, header) : null;
      if (two && next)
        return { header: two, headerRow: next.row, rows: s.rows.filter((x) => x.row > next.row), sheet: s.name };
      return { header, headerRow: r.row, rows: s.rows.filter((x) => x.row > r.row), sheet: s.name };
    }
  }
  throw new TaskListFileError('未找到表头：企业名录须有“企业名称”和“统一社会信用代码”两列（no header row found）');
}

const SUB_HEADER_WORDS = /^(姓名|名字|电话|联系电话|手机|手机号|联系方式|部门|单位|名称)$/;

/**
 * A two-row header as official sheets draw it: 主要负责人 merged over 姓名 | 联系电话, 监管部门 over 行业监管 | 属地管理.
 * When the row under the header names sub-columns (and carries no enterprise), each column's label is its group
 * (the cell itself, or the merged cell to its left) followed by the sub-label; null when it is not such a row.
 */
export function twoRowHeader(
  top: readonly string[],
  sub: readonly string[],
  header: HeaderColumns,
): HeaderColumns | null {
  const norm = (s: string | undefined) => clean(s);
  const nameCol = header.name as number;
  const codeCol = header.creditCode as number;
  const sameOrEmpty = (c: number) => norm(sub[c]) === '' || norm(sub[c]) === norm(top[c]);
  if (!sameOrEmpty(nameCol) || !sameOrEmpty(codeCol)) return null;
  const subs = sub.map((s, c) => (norm(s) === norm(top[c]) ? '' : norm(s)));
  if (!subs.some((s) => s !== '' && (SUB_HEADER_WORDS.test(s) || matchImportHeader(s) !== null))) return null;
  const labels: string[] = [];
  let group = '';
  for (let c = 0; c < Math.max(top.length, sub.length); c++) {
    const own = norm(top[c]);
    if (own !== '') group = own;
    const parent = own !== '' ? own : subs[c] !== '' ? group : '';
    labels.push(parent + (subs[c] ?? ''));
  }
  return matchImportHeaderRow(labels);
}

function csvRows(text: string): GridRow[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  return splitCsv(text, delimiter).map((r) => ({ row: r.row, cells: r.cells }));
}

// ── Cell readers ─────────────────────────────────────────────────────────────────────────────────────────────────

const clean = (s: string | undefined) =>
  (s ?? '')
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function splitList(cell: string): string[] {
  return clean(cell)
    .split(/[、,，;；/|｜\n]+|\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readYesNo(cell: string): boolean | null | undefined {
  const v = clean(cell).toUpperCase();
  if (v === '') return false;
  if (['是', 'Y', 'YES', '1', '√', '✓', '高危', 'TRUE'].includes(v)) return true;
  if (['否', 'N', 'NO', '0', '×', '✗', '非高危', 'FALSE', '无'].includes(v)) return false;
  return undefined;
}

export function readStandardization(cell: string): string | null | undefined {
  const v = clean(cell);
  if (v === '' || /^(无|未|否|未达标|未评定|—|-)/.test(v)) return null;
  for (const level of ['一级', '二级', '三级', '小微'] as const) if (v.includes(level)) return level;
  const digit: Record<string, string> = { '1': '一级', '2': '二级', '3': '三级' };
  return digit[v] ?? undefined;
}

export function readRiskClass(cell: string): string | null | undefined {
  const v = clean(cell);
  if (v === '') return null;
  if (/红|重大/.test(v)) return 'red';
  if (/橙|较大/.test(v)) return 'orange';
  if (/黄|一般/.test(v)) return 'yellow';
  if (/蓝|低/.test(v)) return 'blue';
  return undefined;
}

export function readStatus(cell: string): EnterpriseStatus | undefined {
  const v = clean(cell);
  if (v === '' || (/在营|正常|存续|在业|生产|营业|开业/.test(v) && !/停/.test(v))) return 'operating';
  if (/停产|停业|歇业|停工|停建/.test(v)) return 'suspended';
  if (/关闭|注销|取缔|吊销|关停|撤销/.test(v)) return 'closed';
  return undefined;
}

/** 2024年3月5日, 2024-3-5, 2024/03/05, 2024.3.5, 20240305 or an Excel serial day → 'YYYY-MM-DD'. */
export function readDate(cell: string): string | null | undefined {
  const v = clean(cell);
  if (v === '') return null;
  let m =
    v.match(/^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$/) ?? v.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) {
    const d = formatDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return isCivilDate(d) ? d : undefined;
  }
  m = v.match(/^(\d{5})(?:\.0+)?$/);
  if (m) {
    const serial = Number(m[1]);
    if (serial > 20000 && serial < 80000) {
      const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
  }
  return undefined;
}

export interface CatalogueLookupItem {
  code: string;
  name: string;
  kind: 'industry' | 'tag' | 'risk_class';
}

const INDUSTRY_SYNONYMS: Record<string, string> = {
  危化: 'hazardous_chemicals',
  危化品: 'hazardous_chemicals',
  危险品: 'hazardous_chemicals',
  燃气: 'town_gas',
  建筑: 'construction',
  建筑业: 'construction',
  特种设备: 'special_equipment',
  粉尘: 'dust_explosion',
  涉爆粉尘: 'dust_explosion',
  涉氨: 'ammonia_refrigeration',
  液氨制冷: 'ammonia_refrigeration',
  有限空间: 'confined_space',
  深井铸造: 'aluminium_deep_well',
  铝加工: 'aluminium_deep_well',
  矿山: 'nonmetal_mining',
  非煤矿山: 'nonmetal_mining',
  烟花: 'fireworks',
};

/** A token of an 行业 / 标签 cell → the catalogue entry, by name, synonym, or the longest name it contains. */
export function matchCatalogue(token: string, catalogue: readonly CatalogueLookupItem[]): CatalogueLookupItem | null {
  const t = normalizeHeaderCell(token)
    .replace(/^工贸[-—－·:：]?/, '')
    .replace(/(行业|企业|类)$/, '');
  if (!t) return null;
  const items = catalogue.filter((c) => c.kind !== 'risk_class');
  const plain = (s: string) => s.replace(/[（(][^）)]*[）)]/g, '');
  const exact = items.find((c) => c.name === t || plain(c.name) === t || c.code === token);
  if (exact) return exact;
  const synonym = INDUSTRY_SYNONYMS[t];
  if (synonym) return items.find((c) => c.code === synonym) ?? null;
  let best: CatalogueLookupItem | null = null;
  for (const c of items) {
    const n = plain(c.name);
    if (n.length >= 2 && t.includes(n) && (!best || n.length > plain(best.name).length)) best = c;
  }
  return best;
}

// ── Row → draft ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface ImportDraft {
  row: number;
  name: string;
  creditCode: string;
  address?: string;
  locality?: string;
  industries: string[];
  tags: string[];
  highRisk?: boolean;
  standardizationLevel?: string | null;
  riskClass?: string | null;
  employees?: number | null;
  principalName?: string;
  principalPhone?: string;
  controllerName?: string;
  controllerPhone?: string;
  safetyName?: string;
  safetyPhone?: string;
  status?: EnterpriseStatus;
  openedOn?: string | null;
  note?: string;
  /** Present when any supervisor column is in the sheet. */
  supervisors?: { departmentId: number; department: string; role: SupervisorRole }[];
}

export type DepartmentLookup = (
  name: string,
) => { id: number; name: string } | { unknown: string; suggestions: string[] };

export interface RowResult {
  draft: ImportDraft | null;
  problems: string[];
}

const SUP_FIELDS: [ImportField, SupervisorRole][] = [
  ['supIndustry', 'industry'],
  ['supTerritorial', 'territorial'],
  ['supComprehensive', 'comprehensive'],
];

/** One sheet row → a draft (every problem of the row listed), or null draft for a blank row. */
export function readRegistryRow(
  r: GridRow,
  header: HeaderColumns,
  catalogue: readonly CatalogueLookupItem[],
  departments: DepartmentLookup,
): RowResult {
  const get = (f: ImportField) => (header[f] === undefined ? undefined : clean(r.cells[header[f] as number]));
  const has = (f: ImportField) => header[f] !== undefined;
  const nonEmpty = r.cells.some((c) => clean(c) !== '');
  if (!nonEmpty) return { draft: null, problems: [] };
  const problems: string[] = [];
  const name = get('name') ?? '';
  const rawCode = get('creditCode') ?? '';
  if (name === '') problems.push('缺少企业名称');
  let creditCode = rawCode;
  if (rawCode === '') problems.push('缺少统一社会信用代码');
  else {
    const check = checkCreditCode(rawCode);
    creditCode = check.code;
    if (!check.valid) problems.push(`${check.message}（${rawCode}）`);
  }
  const draft: ImportDraft = { row: r.row, name, creditCode, industries: [], tags: [] };
  for (const [field, target] of [
    ['industries', 'industries'],
    ['tags', 'tags'],
  ] as const) {
    for (const token of splitList(get(field) ?? '')) {
      const hit = matchCatalogue(token, catalogue);
      if (!hit) {
        problems.push(`${field === 'industries' ? '行业' : '标签'}“${token}”不在行业目录中`);
        continue;
      }
      const list = hit.kind === 'industry' ? draft.industries : draft.tags;
      if (!list.includes(hit.code)) list.push(hit.code);
      void target;
    }
  }
  if (draft.industries.length === 0 && !problems.some((p) => p.startsWith('行业'))) problems.push('缺少行业类别');
  const text = (f: ImportField, key: keyof ImportDraft) => {
    if (has(f)) (draft as unknown as Record<string, unknown>)[key] = get(f) ?? '';
  };
  text('address', 'address');
  text('locality', 'locality');
  text('principalName', 'principalName');
  text('principalPhone', 'principalPhone');
  text('controllerName', 'controllerName');
  text('controllerPhone', 'controllerPhone');
  text('safetyName', 'safetyName');
  text('safetyPhone', 'safetyPhone');
  text('note', 'note');
  if (has('highRisk')) {
    const v = readYesNo(get('highRisk') ?? '');
    if (v === undefined || v === null) problems.push(`是否高危“${get('highRisk')}”无法识别（应为 是/否）`);
    else draft.highRisk = v;
  }
  if (has('standardizationLevel')) {
    const v = readStandardization(get('standardizationLevel') ?? '');
    if (v === undefined)
      problems.push(`标准化等级“${get('standardizationLevel')}”无法识别（应为 一级/二级/三级/小微/无）`);
    else draft.standardizationLevel = v;
  }
  if (has('riskClass')) {
    const v = readRiskClass(get('riskClass') ?? '');
    if (v === undefined) problems.push(`风险等级“${get('riskClass')}”无法识别（应为 红/橙/黄/蓝）`);
    else draft.riskClass = v;
  }
  if (has('employees')) {
    const v = (get('employees') ?? '').replace(/[人,，\s]/g, '');
    if (v === '') draft.employees = null;
    else if (/^\d{1,8}$/.test(v)) draft.employees = Number(v);
    else problems.push(`从业人员数“${get('employees')}”不是整数`);
  }
  if (has('status')) {
    const v = readStatus(get('status') ?? '');
    if (v === undefined) problems.push(`状态“${get('status')}”无法识别（应为 在营/停产/关闭）`);
    else draft.status = v;
  }
  if (has('openedOn')) {
    const v = readDate(get('openedOn') ?? '');
    if (v === undefined) problems.push(`成立日期“${get('openedOn')}”无法识别（应为 YYYY-MM-DD）`);
    else draft.openedOn = v;
  }
  if (SUP_FIELDS.some(([f]) => has(f))) {
    draft.supervisors = [];
    for (const [f, role] of SUP_FIELDS) {
      for (const token of splitList(get(f) ?? '')) {
        const hit = departments(token);
        if ('unknown' in hit) {
          const hint = hit.suggestions.length > 0 ? `，是否为：${hit.suggestions.join('、')}` : '';
          problems.push(`监管部门“${token}”不在部门名录中${hint}`);
        } else if (!draft.supervisors.some((s) => s.departmentId === hit.id && s.role === role)) {
          draft.supervisors.push({ departmentId: hit.id, department: hit.name, role });
        }
      }
    }
  }
  return { draft: problems.length > 0 ? null : draft, problems };
}
