import { ApiError } from '../../api/client.ts';
import { fetchInspection, patchInspection, postFinding, uploadPhoto } from '../../api/inspections.ts';
import { addConflict, dequeue, type OutboxItem, outbox } from './field-store.ts';

/**
 * Sends the outbox in order (photos before the findings that cite them). Photos and findings carry client keys: the
 * server stores each once however often it is sent, so a sync cut off half-way is simply run again. A checklist
 * edit carries the version it was made on: when the server has moved on (409), the edit becomes a conflict shown
 * to the inspector with both versions — nothing is overwritten and nothing is lost. A network failure stops the run
 * with the rest still queued.
 */
export async function syncOutbox(
  names: Map<number, string>,
): Promise<{ sent: number; conflicts: number; left: number }> {
  let sent = 0;
  let conflictCount = 0;
  const items = await outbox();
  for (const item of items) {
    try {
      await send(item);
      await dequeue(item.key);
      sent++;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && item.kind === 'checklist') {
        const theirs = await fetchInspection(item.inspectionId);
        await addConflict({
          key: item.key,
          inspectionId: item.inspectionId,
          enterpriseName: names.get(item.inspectionId) ?? theirs.enterpriseName,
          mine: { checklist: item.checklist, summary: item.summary, baseVersion: item.baseVersion },
          theirs: { checklist: theirs.checklist, summary: theirs.summary, version: theirs.version },
          at: new Date().toISOString(),
        });
        await dequeue(item.key);
        conflictCount++;
        continue;
      }
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.code !== 'network') {
        // Refused for good (e.g. the inspection was completed meanwhile): kept as a conflict, not dropped.
        await addConflict({
          key: item.key,
          inspectionId: item.inspectionId,
          enterpriseName: names.get(item.inspectionId) ?? '',
          mine: { checklist: [], summary: `${describe(item)}（${error.message}）`, baseVersion: 0 },
          theirs: { checklist: [], summary: '', version: 0 },
          at: new Date().toISOString(),
        });
        await dequeue(item.key);
        conflictCount++;
        continue;
      }
      break;
    }
  }
  return { sent, conflicts: conflictCount, left: (await outbox()).length };
}

function describe(item: OutboxItem): string {
  if (item.kind === 'finding') return `问题：${item.description}`;
  if (item.kind === 'photo') return '照片';
  return '检查表';
}

async function send(item: OutboxItem): Promise<void> {
  if (item.kind === 'photo') {
    await uploadPhoto(item.inspectionId, { clientKey: item.key, mime: item.mime, dataBase64: item.dataBase64 });
  } else if (item.kind === 'finding') {
    await postFinding(item.inspectionId, {
      clientKey: item.key,
      description: item.description,
      place: item.place,
      item: item.item,
      level: item.level,
      photoKeys: item.photoKeys,
    });
  } else {
    await patchInspection(item.inspectionId, {
      version: item.baseVersion,
      checklist: item.checklist,
      summary: item.summary,
    });
  }
}
