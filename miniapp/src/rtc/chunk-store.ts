/**
 * The inspector's browser keeps every recording chunk in IndexedDB from the moment MediaRecorder hands it over until
 * the server names it stored (index and hash): a reload, a crashed tab or a dropped network loses nothing already
 * recorded. Keys sort as `inspection|startedAt|index`, so a key range reads one inspection's chunks in recording order.
 */
export interface KeptChunk {
  key: string;
  inspectionId: string;
  /** Names the recording (ISO): a reloaded page records a new one. */
  startedAt: string;
  index: number;
  blob: Blob;
  type: string;
  sha256: string;
  recordedFrom: string;
  recordedTo: string;
  /** The recorder's last chunk (it was stopped, not cut off). */
  last: boolean;
  /** The tus upload already created for it: resumed (or confirmed stored) rather than sent twice. */
  uploadUrl: string | null;
  /** Why the server refused it for good (never evidence); kept, but not sent again. */
  refused: string | null;
}

const dbName = 'ycta-recordings';
const storeName = 'chunks';

export const chunkKey = (inspectionId: string, startedAt: string, index: number) => `${inspectionId}|${startedAt}|${String(index).padStart(6, '0')}`;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error ?? new Error('IndexedDB 请求失败'));
  });
}

let opened: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((ok, fail) => {
    const r = indexedDB.open(dbName, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(storeName, { keyPath: 'key' });
    r.onsuccess = () => ok(r.result);
    r.onerror = () => { opened = null; fail(r.error ?? new Error('无法打开本机录像缓存（IndexedDB）')); };
  });
  return opened;
}

async function inStore<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = (await database()).transaction(storeName, mode);
  const result = request(act(tx.objectStore(storeName)));
  // a write counts once its transaction is durable, not when the request succeeds
  await new Promise<void>((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error ?? new Error('IndexedDB 事务中止')); });
  return result;
}

export const keepChunk = (chunk: KeptChunk) => inStore('readwrite', (s) => s.put(chunk)).then(() => undefined);

export const forgetChunk = (key: string) => inStore('readwrite', (s) => s.delete(key)).then(() => undefined);

/** Every chunk of this inspection still held, oldest recording first, in index order. */
export const keptChunks = (inspectionId: string) => inStore('readonly', (s) => s.getAll(IDBKeyRange.bound(`${inspectionId}|`, `${inspectionId}|\uffff`))) as Promise<KeptChunk[]>;

export async function updateChunk(key: string, change: Partial<Pick<KeptChunk, 'uploadUrl' | 'refused'>>): Promise<void> {
  const tx = (await database()).transaction(storeName, 'readwrite');
  const s = tx.objectStore(storeName);
  const found = (await request(s.get(key))) as KeptChunk | undefined;
  if (found) s.put({ ...found, ...change });
  await new Promise<void>((ok, fail) => { tx.oncomplete = () => ok(); tx.onerror = () => fail(tx.error); });
}
