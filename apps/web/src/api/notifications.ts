import type { ListNotificationsResponse, NotificationResponse } from '@duban/shared/contracts/notifications';
import { api } from './client.ts';
import { invalidating } from './query.ts';

export type Notification = NotificationResponse;

export const fetchNotifications = (
  q: { unreadOnly?: boolean; limit?: number; offset?: number },
  signal?: AbortSignal,
) =>
  api.get<ListNotificationsResponse>('/api/notifications', {
    query: { unreadOnly: q.unreadOnly ? 'true' : undefined, limit: q.limit, offset: q.offset },
    signal,
  });

export const markNotificationRead = (id: number) =>
  invalidating(api.post<unknown>(`/api/notifications/${id}/read`, { json: {} }), ['notifications']);

export const markAllNotificationsRead = () =>
  invalidating(api.post<{ marked: number; unread: number }>('/api/notifications/read-all', { json: {} }), [
    'notifications',
  ]);
