import type { PublicHazard } from '@duban/shared/contracts/public-portal';
import {
  type LookupResponse,
  WHISTLE_CATEGORIES,
  WHISTLE_CATEGORY_LABELS,
} from '@duban/shared/contracts/whistleblowing';
import type { DrawEntry, PenaltyEntry } from './disclosure-sources.ts';

/**
 * The public portal's HTML, rendered on the server: no script at all (the CSP says so too), one small stylesheet,
 * phone-first, landmarks and labels for screen readers. Every value passes through `esc`; article bodies are
 * sanitised HTML and the only unescaped content.
 */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export const PORTAL_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f6f8}
header{background:#a8071a;color:#fff;padding:12px 16px}header a{color:#fff;text-decoration:none}header h1{margin:0;font-size:1.15rem}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 16px;background:#fff;border-bottom:1px solid #e5e5e5}nav a{color:#a8071a}
main{max-width:960px;margin:0 auto;padding:12px 16px 48px;overflow-wrap:anywhere}section{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0}
h2{font-size:1.1rem;margin:4px 0 8px}table{width:100%;border-collapse:collapse;font-size:.95rem}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eee;vertical-align:top}
.empty{color:#777}.btn,button{display:inline-block;background:#a8071a;color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:1rem;text-decoration:none;cursor:pointer}
.btn.secondary{background:#595959}label{display:block;margin:12px 0 4px;font-weight:600}input[type=text],input[type=password],input[type=search],select,textarea{width:100%;padding:10px;font-size:1rem;border:1px solid #bbb;border-radius:6px}
textarea{min-height:140px}.hint{color:#595959;font-size:.9rem}.error{background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px;border-radius:6px}
.receipt{font-size:1.4rem;font-weight:700;letter-spacing:.08em}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
fieldset{border:1px solid #ddd;border-radius:6px;margin:12px 0}.tag{display:inline-block;padding:0 6px;border-radius:4px;background:#fff7e6;color:#ad4e00;font-size:.85rem}
.tag.closed{background:#f6ffed;color:#237804}footer{color:#777;font-size:.85rem;text-align:center;padding:24px}
@media (max-width:600px){table.cards thead{display:none}table.cards tr{display:block;border-bottom:1px solid #ddd;padding:6px 0}table.cards td{display:block;border:0;padding:2px 0}table.cards td::before{content:attr(data-label)"：";color:#777}}
`;

export const PORTAL_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function page(title: string, unitName: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · ${esc(unitName)}安全生产信息公开</title><link rel="stylesheet" href="/public/portal.css"></head>
<body><header><h1><a href="/public">${esc(unitName)} · 安全生产信息公开</a></h1></header>
<nav aria-label="栏目"><a href="/public#supervision">监管责任清单</a><a href="/public#hazards">重大事故隐患挂牌督办</a><a href="/public#penalties">行政处罚</a><a href="/public#draws">双随机抽查</a><a href="/public#knowledge">安全知识</a><a href="/public/report">我要举报</a><a href="/public/lookup">举报查询</a></nav>
<main id="main">${body}</main><footer>全国安全生产举报投诉电话 12350 · 本页面不使用 Cookie 和脚本</footer></body></html>`;
}

export interface SupervisionEntry {
  enterpriseName: string;
  industry: string;
  supervisors: string;
}

export interface PortalData {
  q: string;
  supervision: SupervisionEntry[] | null;
  hazards: PublicHazard[] | null;
  articles: { slug: string; title: string; publishedAt: string | null }[];
  penalties: PenaltyEntry[];
  draws: DrawEntry[];
}

const empty = (text = '暂无') => `<p class="empty">${esc(text)}</p>`;
const matches = (q: string, ...values: (string | null)[]) => !q || values.some((v) => (v ?? '').includes(q));

export function homePage(unitName: string, d: PortalData): string {
  const supervision = (d.supervision ?? []).filter((s) => matches(d.q, s.enterpriseName, s.industry, s.supervisors));
  const hazards = (d.hazards ?? []).filter((h) => matches(d.q, h.enterpriseName, h.title, h.listedBy));
  const articles = d.articles.filter((a) => matches(d.q, a.title));
  const penalties = d.penalties.filter((p) => matches(d.q, p.enterpriseName, p.kind, p.basis));
  const draws = d.draws.filter((x) => matches(d.q, x.title, ...x.selected.map((s) => s.enterpriseName)));
  return page(
    '首页',
    unitName,
    `<section aria-labelledby="s-search"><h2 id="s-search">搜索</h2><form method="get" action="/public" role="search">
<label for="q">企业名称、隐患或文章标题</label><input id="q" name="q" type="search" value="${esc(d.q)}" maxlength="50">
<p><button type="submit">搜索</button></p></form>
<p><a class="btn" href="/public/report">我要举报</a> <a class="btn secondary" href="/public/lookup">凭回执码查询</a></p></section>
<section id="supervision" aria-labelledby="s-sup"><h2 id="s-sup">安全生产监管责任清单</h2>${
      supervision.length === 0
        ? empty()
        : `<table class="cards"><thead><tr><th>企业</th><th>行业</th><th>监管部门</th></tr></thead><tbody>${supervision
            .map(
              (s) =>
                `<tr><td data-label="企业">${esc(s.enterpriseName)}</td><td data-label="行业">${esc(s.industry)}</td><td data-label="监管部门">${esc(s.supervisors)}</td></tr>`,
            )
            .join('')}</tbody></table>`
    }</section>
<section id="hazards" aria-labelledby="s-haz"><h2 id="s-haz">重大事故隐患挂牌督办与销号</h2>${
      hazards.length === 0
        ? empty()
        : `<table class="cards"><thead><tr><th>企业</th><th>隐患</th><th>挂牌</th><th>整改期限</th><th>状态</th></tr></thead><tbody>${hazards
            .map(
              (h) =>
                `<tr><td data-label="企业">${esc(h.enterpriseName)}</td><td data-label="隐患">${esc(h.title)}</td><td data-label="挂牌">${esc(h.listedBy ?? '')} ${esc(h.listedOn ?? '')}</td><td data-label="整改期限">${esc(h.deadline ?? '')}</td><td data-label="状态">${
                  h.status === 'closed'
                    ? `<span class="tag closed">已销号 ${esc(h.closedOn ?? '')}</span>`
                    : '<span class="tag">挂牌督办中</span>'
                }</td></tr>`,
            )
            .join('')}</tbody></table>`
    }</section>
<section id="penalties" aria-labelledby="s-pen"><h2 id="s-pen">行政处罚决定</h2><p class="hint">处罚决定作出后 7 个工作日内公开。</p>${
      penalties.length === 0
        ? empty()
        : `<table class="cards"><thead><tr><th>企业</th><th>处罚</th><th>金额</th><th>依据</th><th>决定书</th><th>决定日期</th></tr></thead><tbody>${penalties
            .map(
              (p) =>
                `<tr><td data-label="企业">${esc(p.enterpriseName)}</td><td data-label="处罚">${esc(p.kind)}</td><td data-label="金额">${esc(p.amount)}</td><td data-label="依据">${esc(p.basis)}</td><td data-label="决定书">${esc(p.decisionNo)}</td><td data-label="决定日期">${esc(p.decidedOn)}</td></tr>`,
            )
            .join('')}</tbody></table>`
    }</section>
<section id="draws" aria-labelledby="s-draw"><h2 id="s-draw">“双随机、一公开”抽查结果</h2>${
      draws.length === 0
        ? empty()
        : draws
            .map(
              (x) =>
                `<h3>${esc(x.title)} <span class="hint">${esc(x.publishedOn)}</span></h3><p class="hint">随机种子 ${esc(x.seed)} · 名录摘要 ${esc(x.poolsHash.slice(0, 16))}…（可复核）</p><table class="cards"><thead><tr><th>抽中企业</th><th>检查人员</th></tr></thead><tbody>${x.selected
                  .map(
                    (s) =>
                      `<tr><td data-label="抽中企业">${esc(s.enterpriseName)}</td><td data-label="检查人员">${esc(s.inspectors)}</td></tr>`,
                  )
                  .join('')}</tbody></table>`,
            )
            .join('')
    }</section>
<section id="knowledge" aria-labelledby="s-kn"><h2 id="s-kn">安全知识</h2>${
      articles.length === 0
        ? empty()
        : `<ul>${articles
            .map(
              (a) =>
                `<li><a href="/public/articles/${esc(a.slug)}">${esc(a.title)}</a> <span class="hint">${esc((a.publishedAt ?? '').slice(0, 10))}</span></li>`,
            )
            .join('')}</ul>`
    }</section>`,
  );
}

export function articlePage(unitName: string, a: { title: string; publishedAt: string | null; bodyHtml: string }) {
  return page(
    a.title,
    unitName,
    `<article><section><h2>${esc(a.title)}</h2><p class="hint">${esc((a.publishedAt ?? '').slice(0, 10))}</p>${a.bodyHtml}</section></article>`,
  );
}

export type FormValues = Record<string, string>;

export function reportFormPage(
  unitName: string,
  challenge: { token: string; question: string },
  values: FormValues = {},
  error: string | null = null,
  /** The registry names found for the 被举报单位 search (names only). */
  found: { q: string; names: string[] } | null = null,
): string {
  const v = (k: string) => esc(values[k] ?? '');
  const foundHtml = found
    ? found.names.length
      ? `<p class="hint" id="enterprise-found">名录中与“${esc(found.q)}”相符的单位（可在下方“被举报单位”中选用，也可直接填写）：${found.names
          .map((n) => esc(n))
          .join('、')}</p><datalist id="enterprise-names">${found.names
          .map((n) => `<option value="${esc(n)}"></option>`)
          .join('')}</datalist>`
      : `<p class="hint" id="enterprise-found">名录中没有与“${esc(found.q)}”相符的单位，请直接填写单位名称。</p>`
    : '';
  const checked = (k: string, value: string, dflt = false) =>
    (values[k] ?? (dflt ? value : '')) === value ? ' checked' : '';
  return page(
    '我要举报',
    unitName,
    `<section><h2>我要举报</h2>
<p class="hint">可匿名举报。提交后您会得到<strong>回执码</strong>和<strong>查询密码</strong>，凭它们查询办理进度、接收答复和领取奖励。我们不会向任何部门或企业透露举报人身份。</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="get" action="/public/report" class="search" role="search">
<label for="enterpriseQ">查找被举报单位（企业名录，可选）</label><input id="enterpriseQ" name="enterpriseQ" type="search" minlength="2" maxlength="50" value="${esc(found?.q ?? '')}">
<button type="submit">查找</button>
</form>
${foundHtml}
<form method="post" action="/public/report" enctype="multipart/form-data">
<label for="category">举报类别</label><select id="category" name="category" required>${WHISTLE_CATEGORIES.map(
      (c) =>
        `<option value="${c}"${values.category === c ? ' selected' : ''}>${esc(WHISTLE_CATEGORY_LABELS[c])}</option>`,
    ).join('')}</select>
<label for="enterpriseName">被举报单位</label><input id="enterpriseName" name="enterpriseName" type="text" required maxlength="200"${found?.names.length ? ' list="enterprise-names"' : ''} value="${v('enterpriseName')}">
<label for="place">地点</label><input id="place" name="place" type="text" required maxlength="300" value="${v('place')}">
<label for="description">问题描述</label><textarea id="description" name="description" required maxlength="5000">${v('description')}</textarea>
<fieldset><legend>举报方式</legend>
<label><input type="radio" name="anonymous" value="true"${checked('anonymous', 'true', true)}> 匿名举报</label>
<label><input type="radio" name="anonymous" value="false"${checked('anonymous', 'false')}> 实名举报</label>
<label><input type="checkbox" name="isEmployee" value="true"${checked('isEmployee', 'true')}> 我在被举报单位工作（须实名）</label>
<label for="name">姓名（实名时填写）</label><input id="name" name="name" type="text" maxlength="100" autocomplete="name" value="${v('name')}">
<label for="contact">联系方式（实名时填写）</label><input id="contact" name="contact" type="text" maxlength="200" value="${v('contact')}">
</fieldset>
<label for="files">照片或短视频（可选，最多 6 个）</label><input id="files" name="files" type="file" accept="image/*,video/*" multiple>
<p class="hint">照片每张不超过 10 MB，视频不超过 50 MB。</p>
<label for="password">查询密码（可选，至少 8 位；不填则由系统生成）</label><input id="password" name="password" type="password" minlength="8" maxlength="200" autocomplete="new-password">
<div class="hp" aria-hidden="true"><label for="website">网址</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="challengeToken" value="${esc(challenge.token)}">
<label for="challengeAnswer">验证题：${esc(challenge.question)}</label><input id="challengeAnswer" name="challengeAnswer" type="text" inputmode="numeric" required maxlength="3">
<p><label><input type="checkbox" name="consent" value="true" required> 我已阅读举报须知：举报内容应当真实，不得捏造、歪曲事实，不得诬告陷害他人。</label></p>
<p><button type="submit">提交举报</button></p>
</form></section>`,
  );
}

export function receiptPage(unitName: string, r: { receiptCode: string; password?: string | undefined }): string {
  return page(
    '举报已提交',
    unitName,
    `<section><h2>举报已提交</h2><p>请截图或抄下以下信息，凭它们查询办理进度。我们无法找回丢失的回执码或密码。</p>
<p>回执码：<span class="receipt" id="receipt-code">${esc(r.receiptCode)}</span></p>
${r.password ? `<p>查询密码：<span class="receipt" id="receipt-password">${esc(r.password)}</span></p>` : '<p>查询密码：您自己设定的密码</p>'}
<p><a class="btn" href="/public/lookup">查询办理进度</a></p></section>`,
  );
}

export function lookupPage(
  unitName: string,
  result: LookupResponse | null,
  error: string | null,
  receiptCode = '',
  notice: string | null = null,
): string {
  const reward = result?.reward;
  return page(
    '举报查询',
    unitName,
    `<section><h2>凭回执码查询</h2>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}${
      notice ? `<p class="hint" role="status">${esc(notice)}</p>` : ''
    }
<form method="post" action="/public/lookup" enctype="multipart/form-data">
<label for="receiptCode">回执码</label><input id="receiptCode" name="receiptCode" type="text" required maxlength="40" autocapitalize="characters" value="${esc(receiptCode)}">
<label for="lpassword">查询密码</label><input id="lpassword" name="password" type="password" required maxlength="200">
<p><button type="submit">查询</button></p></form></section>${
      result
        ? `<section aria-live="polite"><h2>办理情况</h2><p>状态：<strong id="lookup-status">${esc(result.statusLabel)}</strong></p>
<p class="hint">更新时间：${esc(result.updatedAt.slice(0, 10))}</p>
<p>答复：<span id="lookup-reply">${result.publicReply ? esc(result.publicReply) : '暂无'}</span></p>${
            reward
              ? `<p>奖励：<strong id="lookup-reward">${esc(reward.amountYuan)} 元</strong>（${
                  reward.status === 'approved'
                    ? '已批准，可申领'
                    : reward.status === 'claimed'
                      ? '已申领，待发放'
                      : `已于 ${esc(reward.paidOn ?? '')} 发放`
                }）</p>${
                  reward.status === 'approved'
                    ? `<form method="post" action="/public/claim" enctype="multipart/form-data"><input type="hidden" name="receiptCode" value="${esc(receiptCode)}">
<label for="cpassword">查询密码</label><input id="cpassword" name="password" type="password" required maxlength="200">
<label for="payee">领奖方式（收款账户或领取方式，仅受理人可见）</label><input id="payee" name="payee" type="text" required maxlength="500">
<p><button type="submit">申领奖励</button></p></form>`
                    : ''
                }`
              : ''
          }</section>`
        : ''
    }`,
  );
}
