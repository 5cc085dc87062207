import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where notification webhooks may go (SSRF guard). The office enters the URLs, but an office account must not be
 * able to make the server reach its own loopback, the intranet or a cloud metadata service:
 * - the chat robots only to their official hosts over HTTPS (钉钉 oapi.dingtalk.com, 企业微信 qyapi.weixin.qq.com,
 *   飞书 open.feishu.cn / Lark open.larksuite.com);
 * - every target's host — an IP literal in any spelling (decimal 2130706433, octal 0177.0.0.1, hex 0x7f.1, short
 *   127.1, IPv4-mapped ::ffff:127.0.0.1 …, which the URL parser and ipaddr.js normalise) or every address its name
 *   resolves to — must be a public unicast address: loopback, private, link-local (169.254.169.254), CGNAT
 *   (100.100.100.200), unique-local, multicast, reserved and unspecified ranges are refused;
 * - no credentials in the URL; redirects are not followed (send-http.ts).
 * Deployments whose receivers are on an intranet list those hosts or networks in `allowedPrivate` (config
 * WEBHOOK_ALLOW_PRIVATE); tests do the same for their local receiver.
 */
export const OFFICIAL_ROBOT_HOSTS: Record<'dingtalk' | 'wecom' | 'feishu', readonly string[]> = {
  dingtalk: ['oapi.dingtalk.com'],
  wecom: ['qyapi.weixin.qq.com'],
  feishu: ['open.feishu.cn', 'open.larksuite.com'],
};

export interface OutboundPolicy {
  /** Hosts names, addresses or CIDRs (10.0.0.0/8) allowed although not public. */
  allowedPrivate: string[];
  /** Robots only to their official hosts (true in production). */
  officialRobotHosts: boolean;
}

export const OUTBOUND_POLICY: OutboundPolicy = { allowedPrivate: [], officialRobotHosts: true };

/** Replaces the policy (main.ts from config; tests for their local receivers). */
export function setOutboundPolicy(p: Partial<OutboundPolicy>): void {
  Object.assign(OUTBOUND_POLICY, p);
}

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(value: string): Addr | null {
  const bare = value.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return null;
  const a = ipaddr.parse(bare);
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

function allowedPrivately(host: string, addr: Addr | null, policy: OutboundPolicy): boolean {
  for (const entry of policy.allowedPrivate) {
    if (entry.toLowerCase() === host.toLowerCase()) return true;
    if (!addr) continue;
    try {
      if (entry.includes('/')) {
        const [net, bits] = ipaddr.parseCIDR(entry);
        if (net.kind() === addr.kind() && addr.match([net, bits] as [Addr, number])) return true;
      } else {
        const e = parseAddress(entry);
        if (e && e.kind() === addr.kind() && e.toString() === addr.toString()) return true;
      }
    } catch {
      // an unparsable entry allows nothing
    }
  }
  return false;
}

/** Public unicast only ('unicast' is ipaddr.js's name for everything outside the special-purpose ranges). */
export function isPublicAddress(value: string): boolean {
  const a = parseAddress(value);
  return a !== null && a.range() === 'unicast';
}

const LOCAL_NAMES = /(^|\.)(localhost|localdomain|local|internal|intranet|lan|home\.arpa)$/i;

/** Why the URL may not be a channel target (checked when the office saves it): null when acceptable. */
export function outboundUrlProblem(
  kind: string,
  target: string,
  policy: OutboundPolicy = OUTBOUND_POLICY,
): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'Webhook 地址不是有效的 URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Webhook 地址应为 http(s) URL';
  if (url.username || url.password) return 'Webhook 地址不能包含用户名或密码';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (kind === 'dingtalk' || kind === 'wecom' || kind === 'feishu') {
    if (policy.officialRobotHosts) {
      if (url.protocol !== 'https:') return '群机器人地址必须使用 https';
      if (!OFFICIAL_ROBOT_HOSTS[kind].includes(host)) {
        return `群机器人地址只能指向官方域名（${OFFICIAL_ROBOT_HOSTS[kind].join('、')}）`;
      }
      return null;
    }
  }
  const addr = parseAddress(host);
  if (allowedPrivately(host, addr, policy)) return null;
  if (addr)
    return addr.range() === 'unicast' ? null : `Webhook 地址不能指向内网、本机或元数据地址（${addr.toString()}）`;
  if (LOCAL_NAMES.test(host) || !host.includes('.')) return `Webhook 地址不能指向内网主机名（${host}）`;
  return null;
}

export type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);

export class OutboundRefused extends Error {}

/**
 * Checks a target right before sending: the URL rules again, then every address the host resolves to must be
 * public (or allowed). Throws OutboundRefused (a permanent failure: not retried) naming why, never the body.
 */
export async function assertOutboundAllowed(
  kind: string,
  target: string,
  resolver: Resolver = systemResolver,
  policy: OutboundPolicy = OUTBOUND_POLICY,
): Promise<void> {
  const problem = outboundUrlProblem(kind, target, policy);
  if (problem) throw new OutboundRefused(problem);
  const host = new URL(target).hostname.replace(/^\[|\]$/g, '');
  if (parseAddress(host)) return; // a literal, checked above
  if (policy.allowedPrivate.some((e) => e.toLowerCase() === host.toLowerCase())) return;
  let addresses: string[];
  try {
    addresses = await resolver(host);
  } catch {
    throw new OutboundRefused(`无法解析 Webhook 主机名 ${host}`);
  }
  if (addresses.length === 0) throw new OutboundRefused(`无法解析 Webhook 主机名 ${host}`);
  for (const a of addresses) {
    const addr = parseAddress(a);
    if (!addr || (addr.range() !== 'unicast' && !allowedPrivately(host, addr, policy))) {
      throw new OutboundRefused(`Webhook 主机 ${host} 解析到内网、本机或元数据地址（${a}），已拒绝发送`);
    }
  }
}
