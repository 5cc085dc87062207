import type { Db, DialectName } from './db/database.ts';
import type { DeliverySenders } from './modules/notifications/senders/send-to-channel.ts';
import type { DefaultScope } from './modules/orgunits/orgunits.service.ts';
import type { EvidenceStorage } from './modules/progress/storage/evidence-storage.ts';

/** What every route needs: the database and the default unit. Built once in main.ts or a test. */
export interface AppContext {
  db: Db;
  dialect: DialectName;
  /**
   * The default zone (山西省 → 忻州市 → 忻州经济开发区) and its campaign: what public routes serve without ?unit=, and
   * where the demo and the first administrator live. Signed-in requests take their unit from the principal.
   */
  scope: DefaultScope;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** The data directory (keys; evidence files with the local store; staging of uploads). */
  dataDir: string;
  /**
   * Where uploaded files are stored, made once per process by open-evidence-storage.ts (DUBAN_STORAGE); unset:
   * the local disk under dataDir/evidence.
   */
  storage?: EvidenceStorage;
  /** DUBAN_WHISTLE_KEY; unset: the key file in dataDir (generated at first start). */
  whistleKey?: string;
  /** The notification senders (SMTP from SMTP_URL) for a channel's test message; unset: no SMTP. */
  senders?: DeliverySenders;
  /** Fill the roll-up's per-unit cache in the background after start (main.ts; tests and benchmarks leave it off). */
  warmRollup?: boolean;
}

/** The context buildApp hands to the routes that store files: the storage is settled. */
export type ServedContext = AppContext & { storage: EvidenceStorage };
