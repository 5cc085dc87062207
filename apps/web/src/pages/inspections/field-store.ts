import type { ChecklistEntry, FieldDayResponse } from '@duban/shared/contracts/inspections';

/**
 * The phone's local store (IndexedDB, database 'duban-field'): the cached day pack, the outbox of writes made
 * without network (photos, findings, checklist edits; each with a client key so a resend never duplicates), and the
 * conflicts sync found (a local edit the server had moved past: kept, shown, never silently dropped or overwritten).
 */
export type OutboxItem =
  | {
      key: string;
      kind: 'photo';
      inspectionId: number;
      mime: 'image/jpeg' | 'image/png' | 'image/webp';
      dataBase64: string;
      createdAt: string;
    }
  | {
      key: string;
      kind: 'finding';
      inspectionId: number;
      description: string;
      place: string;
      item: string;
      level: 'general' | 'major';
      photoKeys: string[];
      createdAt: string;
    }
  | {
      key: string;
      kind: 'checklist';
      inspectionId: number;
      baseVersion: number;
      checklist: ChecklistEntry[];
      summary: string;
      createdAt: string;
    };

export interface Conflict {
  key: string;
  inspectionId: number;
  enterpriseName: string;
  mine: { checklist: ChecklistEntry[]; summary: string; baseVersion: number };
  theirs: { checklist: ChecklistEntry[]; summary: string; version: number };
  at: string;
}

const DB_NAME = 'duban-field';
const STORES = ['day', 'outbox', 'conflicts'] as const;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      for (const name of STORES)
        if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(
  store: (typeof STORES)[number],
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const saveDay = (day: FieldDayResponse) =>
  run('day', 'readwrite', (s) => s.put({ key: 'current', day, savedAt: new Date().toISOString() }));
export const loadDay = async (): Promise<{ day: FieldDayResponse; savedAt: string } | undefined> =>
  run('day', 'readonly', (s) => s.get('current'));
export const enqueue = (item: OutboxItem) => run('outbox', 'readwrite', (s) => s.put(item));
export const dequeue = (key: string) => run('outbox', 'readwrite', (s) => s.delete(key));
export const outbox = async (): Promise<OutboxItem[]> =>
  ((await run('outbox', 'readonly', (s) => s.getAll())) as OutboxItem[]).sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key),
  );
export const addConflict = (c: Conflict) => run('conflicts', 'readwrite', (s) => s.put(c));
export const removeConflict = (key: string) => run('conflicts', 'readwrite', (s) => s.delete(key));
export const conflicts = async (): Promise<Conflict[]> =>
  (await run('conflicts', 'readonly', (s) => s.getAll())) as Conflict[];

export function newKey(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
