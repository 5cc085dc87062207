import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { LIGHT_COLORS } from '../app/theme.ts';
import { useT } from '../i18n/i18n.tsx';

export type Light = keyof typeof LIGHT_COLORS;

/** A traffic light never speaks by colour alone: the dot is decoration, the label says the status. */
export function StatusLight({ light, label, detail }: { light: Light; label: string; detail?: ReactNode }) {
  const t = useT();
  return (
    <Flex vertical gap={2}>
      <Flex align="center" gap={6}>
        <span
          aria-hidden="true"
          style={{
            width: 10,
            height: 10,
            borderRadius: '50%',
            background: LIGHT_COLORS[light],
            flex: 'none',
            boxShadow: '0 0 0 2px rgba(0,0,0,0.06)',
          }}
        />
        <span style={{ color: LIGHT_COLORS[light], fontWeight: 500 }}>
          <span className="visually-hidden">{t(`status.light.${light}`)}：</span>
          {label}
        </span>
      </Flex>
      {detail ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)', paddingInlineStart: 16 }}>{detail}</div> : null}
    </Flex>
  );
}
