import type {
  CreateFeedRequest as CreateFeedRequestSchema,
  CreateFeedResponse,
  FeedResponse,
  ListFeedsResponse as ListFeedsResponseSchema,
} from '@duban/shared/contracts/calendar-feeds';
import type {
  ChannelResponse,
  CreateChannelRequest,
  TestChannelResponse,
  UpdateChannelRequest,
} from '@duban/shared/contracts/notifications';
import type { ReminderPolicyResponse, UpdateReminderPolicyRequest } from '@duban/shared/contracts/reminders';
import type { z } from 'zod';
import { api } from './client.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

/** Settings screens: notification channels, the reminder policy and calendar feeds (existing routes). */
export type ChannelRow = ChannelResponse;
export type NewChannel = z.input<typeof import('@duban/shared/contracts/notifications').CreateChannelRequest>;

export const fetchChannels = () => api.get<{ channels: ChannelRow[] }>('/api/notification-channels');
export const createChannel = (body: NewChannel | CreateChannelRequest) =>
  api.post<ChannelRow>('/api/notification-channels', { json: body });
export const updateChannel = (id: number, body: UpdateChannelRequest) =>
  api.patch<ChannelRow>(`/api/notification-channels/${id}`, { json: body });
export const deleteChannel = (id: number, version: number) =>
  api.delete<null>(`/api/notification-channels/${id}?version=${version}`);
/** 发送测试消息: sent now through the channel; the answer says whether it went out. */
export const testChannel = (id: number) => api.post<TestChannelResponse>(`/api/notification-channels/${id}/test`);

export const fetchReminderPolicy = () => api.get<ReminderPolicyResponse>('/api/reminder-policy');
export const saveReminderPolicy = (body: UpdateReminderPolicyRequest) =>
  api.put<ReminderPolicyResponse>('/api/reminder-policy', { json: body });

export type FeedRow = FeedResponse;
export type CreateFeedRequest = z.input<typeof CreateFeedRequestSchema>;
export const fetchFeeds = (signal?: AbortSignal) =>
  api.get<z.infer<typeof ListFeedsResponseSchema>>('/api/calendar-feeds', { signal });
export const createFeed = (body: CreateFeedRequest) =>
  invalidating(api.post<CreateFeedResponse>('/api/calendar-feeds', { json: body }), WRITES_CHANGE.calendarFeed);
export const revokeFeed = (id: number) =>
  invalidating(api.delete<FeedRow>(`/api/calendar-feeds/${id}`), WRITES_CHANGE.calendarFeed);

export const fetchHolidayCalendar = () =>
  api.get<import('@duban/shared/contracts/calendar').HolidayCalendarResponse>('/api/holiday-calendar');
