import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useAuth, useUser } from './auth.tsx';

/**
 * The header's unit: its name for every account; for a city or province account (office or leader) a switcher over
 * its subtree — choosing a lower unit shows that unit's data read-only (the banner in AppLayout says so).
 */
export function UnitSwitcher({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const user = useUser();
  const { switchUnit } = useAuth();
  const [busy, setBusy] = useState(false);
  const units = user.units ?? [];
  const home = units[0];
  if (!user.unit) return null;
  if (units.length < 2 || !home) {
    return compact ? null : (
      <span className="header-unit" data-testid="header-unit">
        {user.unit.name}
      </span>
    );
  }
  const depth = new Map<number, number>();
  for (const u of units) depth.set(u.id, u.parentId === null ? 0 : (depth.get(u.parentId) ?? -1) + 1);
  return (
    <Select
      id="unit-switcher"
      aria-label={t('unit.switch')}
      data-testid="unit-switcher"
      size="small"
      loading={busy}
      value={user.unit.code}
      popupMatchSelectWidth={false}
      style={{ maxWidth: compact ? 96 : 220 }}
      options={units.map((u) => ({
        value: u.code,
        label: `${'\u3000'.repeat(Math.max(0, (depth.get(u.id) ?? 0) - (depth.get(home.id) ?? 0)))}${u.name}`,
      }))}
      onChange={(code: string) => {
        setBusy(true);
        void switchUnit(code === home.code ? null : code).finally(() => setBusy(false));
      }}
    />
  );
}
