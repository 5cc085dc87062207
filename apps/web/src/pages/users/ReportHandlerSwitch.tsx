import { Switch } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { fetchReportHandlers, setReportHandler } from '../../api/whistle.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';

const OFFICE = new Set<UserRow['role']>(['office_admin', 'office_staff']);

/** Who holds the whistleblower-handler permission (举报受理), loaded once for the office administrator. */
export function useReportHandlers(enabled: boolean) {
  const t = useT();
  const message = useToast();
  const [ids, setIds] = useState<Set<number> | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    fetchReportHandlers(controller.signal)
      .then((r) => setIds(new Set(r.userIds)))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) message.error(errorText(error, t));
      });
    return () => controller.abort();
  }, [enabled, message, t]);
  const toggle = useCallback(
    async (user: UserRow, flag: boolean) => {
      setBusy(user.id);
      try {
        await setReportHandler(user.id, flag);
        setIds((prev) => {
          const next = new Set(prev);
          if (flag) next.add(user.id);
          else next.delete(user.id);
          return next;
        });
        message.success(
          t(flag ? 'users.reportHandler.granted' : 'users.reportHandler.withdrawn', { name: user.displayName }),
        );
      } catch (error) {
        message.error(errorText(error, t));
      } finally {
        setBusy(null);
      }
    },
    [message, t],
  );
  return { ids, busy, toggle };
}

/** The switch of one account; only office accounts can hold the permission, others show a dash. */
export function ReportHandlerSwitch({
  user,
  handlers,
}: {
  user: UserRow;
  handlers: ReturnType<typeof useReportHandlers>;
}) {
  const t = useT();
  if (!OFFICE.has(user.role)) return <>—</>;
  return (
    <Switch
      size="small"
      checked={handlers.ids?.has(user.id) ?? false}
      loading={handlers.ids === null || handlers.busy === user.id}
      disabled={user.disabled}
      onChange={(flag) => void handlers.toggle(user, flag)}
      aria-label={`${t('users.col.reportHandler')}：${user.username}`}
    />
  );
}
