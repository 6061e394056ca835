import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/embedded-db';

const Note = mongoose.model('Note', new mongoose.Schema({ text: String }));

describe('the embedded database', () => {
  let dir: string;
  let db: EmbeddedDb | undefined;

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ycta-edb-')); });
  afterEach(async () => {
    await mongoose.disconnect();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when stopped and started again on the same directory, then the data written before is read back', async () => {
    db = await startEmbeddedDb({ dataDir: dir });
    await mongoose.connect(db.uri, { dbName: 'persist' });
    await Note.create({ text: '消防通道畅通' });
    await mongoose.disconnect();
    await db.stop();

    db = await startEmbeddedDb({ dataDir: dir });
    await mongoose.connect(db.uri, { dbName: 'persist' });
    const notes = await Note.find().lean();
    expect(notes.map((n) => n.text)).toEqual(['消防通道畅通']);
  });

  it('when the process is killed with SIGKILL right after an acknowledged write, then the write is there after restart', async () => {
    db = await startEmbeddedDb({ dataDir: dir });
    await mongoose.connect(db.uri, { dbName: 'crash' });
    await Note.create({ text: 'before the crash' });
    const acknowledged = await Note.create({ text: 'acknowledged just before SIGKILL' });
    await db.kill();
    await mongoose.disconnect();

    db = await startEmbeddedDb({ dataDir: dir });
    await mongoose.connect(db.uri, { dbName: 'crash' });
    const found = await Note.findById(acknowledged._id).lean();
    expect(found?.text).toBe('acknowledged just before SIGKILL');
    expect(await Note.countDocuments()).toBe(2);
  });

  it('when a document is read by its `_id` alone, then the database finds it through the `_id` index instead of scanning the table', async () => {
    db = await startEmbeddedDb({ dataDir: dir });
    await mongoose.connect(db.uri, { dbName: 'plans' });
    const events = mongoose.connection.collection<{ _id: string; n: number }>('events');
    await events.insertMany(Array.from({ length: 50 }, (_v, n) => ({ _id: `0123456789abcdef01234567:${n}`, n })));
    const note = await Note.create({ text: '按编号读取' });
    const planOf = async (cursor: { explain(): Promise<unknown> }) => JSON.stringify((await cursor.explain() as { queryPlanner: unknown }).queryPlanner);

    // both kinds of ids the record uses: `<inspectionId>:<seq>` strings and ObjectIds (scripts/ferretdb-install.mjs, sqlite-id-index)
    expect(await planOf(events.find({ _id: '0123456789abcdef01234567:49' }))).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    expect(await planOf(Note.collection.find({ _id: note._id }))).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    expect((await events.findOne({ _id: '0123456789abcdef01234567:49' }))?.n).toBe(49);
    expect(await events.findOne({ _id: '0123456789abcdef01234567:50' })).toBeNull();
    // any other filter is still evaluated document by document: hot reads must stay `_id`-keyed
    expect(await planOf(events.find({ n: 49 }))).toMatch(/SCAN/);
  });
});
