import type { Db, DialectName } from './db/database.ts';
import type { DeliverySenders } from './modules/notifications/senders/send-to-channel.ts';
import type { DefaultScope } from './modules/orgunits/orgunits.service.ts';

/** What every route needs: the database and the unit it serves. Built once in main.ts or a test. */
export interface AppContext {
  db: Db;
  dialect: DialectName;
  scope: DefaultScope;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Where evidence files are stored (content-addressed). */
  dataDir: string;
  /** DUBAN_WHISTLE_KEY; unset: the key file in dataDir (generated at first start). */
  whistleKey?: string;
  /** The notification senders (SMTP from SMTP_URL) for a channel's test message; unset: no SMTP. */
  senders?: DeliverySenders;
}
