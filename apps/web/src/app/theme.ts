import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for contrast (WCAG AA, 4.5:1 for text): antd's default secondary grey (#8c8c8c on white, 3.4:1)
 * is darkened, the primary blue is one step darker than antd's default (#0958d9, 5.9:1 with white text).
 */
export const BRAND_RED = '#a8071a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Darker status colours for text contrast; their backgrounds and borders set explicitly (antd would derive
    // muddy tints from the darker bases).
    colorError: '#cf1322',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorWarning: '#ad6800',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerPadding: '0 16px', siderBg: '#ffffff' },
  },
};

/** Traffic-light colours with white-on-colour / colour-on-white contrast of at least 4.5:1. */
export const LIGHT_COLORS = {
  green: '#237804',
  yellow: '#ad6800',
  red: '#cf1322',
  grey: '#595959',
} as const;
