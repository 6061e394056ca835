import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { connectDatabase } from '../../infra/db';
import { testDbUri } from '../../../test/harness';
import { InspectionModel } from '../inspections/inspection.model';
import { appendEvent, listEvents, verifyInspectionChain, verifyOfficeChain } from './ledger.service';
import { RecordEventModel, OfficeLinkModel } from './ledger.model';
import { chainHash, withoutHash } from './ledger.chain';

const inspector = { id: new Types.ObjectId().toHexString(), role: 'inspector' as const };

async function newInspection() {
  const inspection = await InspectionModel.create({
    applicationId: new Types.ObjectId(), subjectId: new Types.ObjectId(), matterCode: 'internet-cafe', mode: 'remote', inspectorIds: [inspector.id],
  });
  return String(inspection._id);
}

async function inspectionWithEvents(count: number) {
  const inspectionId = await newInspection();
  await appendEvent({ inspectionId, type: 'created', actor: 'system', payload: { matterCode: 'internet-cafe' } });
  for (let i = 1; i < count; i++) {
    await appendEvent({ inspectionId, type: 'checklist.judged', actor: inspector, payload: { itemId: `item-${i}`, result: 'pass', note: '安全出口畅通' } });
  }
  return inspectionId;
}

const events = () => mongoose.connection.collection<{ _id: string }>('record_events');

beforeAll(async () => {
  await connectDatabase(testDbUri(), `t_${randomBytes(6).toString('hex')}`);
  await Promise.all([RecordEventModel.createIndexes(), OfficeLinkModel.createIndexes()]);
});
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

describe('the record of an inspection', () => {
  it('when events are appended, then they form a chain from the genesis hash, each anchored in the office chain', async () => {
    const inspectionId = await inspectionWithEvents(3);
    const chain = await listEvents(inspectionId);
    expect(chain.map((e) => [e.seq, e.type])).toEqual([[0, 'created'], [1, 'checklist.judged'], [2, 'checklist.judged']]);
    expect(chain[0]!.prevHash).toBe('0'.repeat(64));
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[0]!.actor).toEqual({ id: 'system', role: 'system' });
    expect(chain[1]!.actor).toEqual(inspector);
    const verification = await verifyInspectionChain(inspectionId);
    expect(verification).toEqual({ ok: true, length: 3, headHash: chain[2]!.hash });
  });

  it('when a payload holds awkward values, then it reads back byte-identical and still verifies', async () => {
    const inspectionId = await newInspection();
    const payload = { floats: [0.1, 1e-7, 1.7976931348623157e308, 5e-324, -2.5], big: 2 ** 53, negZero: -0, nested: { empty: {}, list: [], none: null },
      text: '踏勘 café cafe\u0301 😀 "quoted" \\ \n', at: new Date(Date.UTC(2026, 10, 29, 1, 2, 3, 4)), gone: undefined };
    const stored = await appendEvent({ inspectionId, type: 'photo.stored', actor: inspector, payload });
    expect(stored.payload).toEqual({ ...payload, negZero: 0, at: '2026-11-29T01:02:03.004Z', gone: undefined });
    const [read] = await listEvents(inspectionId);
    expect(read).toEqual(stored);
    expect((await verifyInspectionChain(inspectionId)).ok).toBe(true);
  });

  it('when 20 writers in 4 processes append 50 events each at once, then one unbroken chain of 1000 results', async () => {
    const inspectionId = await newInspection();
    const started = Date.now();
    let lostRaces = 0;
    const processes = ['p0', 'p1', 'p2', 'p3'].map((tag) => new Promise<void>((ok, fail) => {
      const child = spawn(process.execPath, [require.resolve('tsx/cli'), '--conditions=@ycta/source', join(__dirname, 'ledger.writer.fixture.ts')], {
        env: { ...process.env, MONGODB_URI: testDbUri(), DB_NAME: mongoose.connection.db!.databaseName, INSPECTION_ID: inspectionId, WRITERS: '5', EVENTS: '50', TAG: tag },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout.on('data', (chunk: Buffer) => { lostRaces += (JSON.parse(String(chunk)) as { lostRaces: number }).lostRaces; });
      child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`writer ${tag} exited with ${code}`))));
    }));
    await Promise.all(processes);
    console.info(`20 writers in 4 processes × 50 events: ${Date.now() - started} ms, ${lostRaces} lost races settled by the unique position`);
    expect(lostRaces).toBeGreaterThan(0);
    const chain = await listEvents(inspectionId);
    expect(chain).toHaveLength(1000);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_v, i) => i));
    expect(new Set(chain.map((e) => `${String(e.payload.writer)}/${String(e.payload.n)}`)).size).toBe(1000);
    expect(await verifyInspectionChain(inspectionId)).toMatchObject({ ok: true, length: 1000 });
    const office = await verifyOfficeChain();
    expect(office).toMatchObject({ ok: true, brokenInspections: [] });
  }, 300_000);

  it('when a correction is appended, then it points at the event it corrects, which stays as it was', async () => {
    const inspectionId = await inspectionWithEvents(2);
    const [, judged] = await listEvents(inspectionId);
    const correction = await appendEvent({ inspectionId, type: 'correction', actor: inspector, corrects: judged!.id, payload: { result: 'fail', reason: '误判' } });
    const chain = await listEvents(inspectionId);
    expect(chain[1]).toEqual(judged);
    expect(chain[2]).toEqual(correction);
    expect(correction.corrects).toBe(judged!.id);
  });

  it('when a correction points at an event of another inspection, then it is refused', async () => {
    const one = await inspectionWithEvents(1);
    const other = await inspectionWithEvents(1);
    const [foreign] = await listEvents(other);
    await expect(appendEvent({ inspectionId: one, type: 'correction', actor: inspector, corrects: foreign!.id, payload: {} }))
      .rejects.toMatchObject({ code: 'LEDGER.INVALID_EVENT' });
  });

  it('when a payload holds NaN or the type is unknown, then nothing is appended', async () => {
    const inspectionId = await newInspection();
    await expect(appendEvent({ inspectionId, type: 'photo.stored', actor: inspector, payload: { lat: NaN } })).rejects.toMatchObject({ code: 'LEDGER.INVALID_EVENT' });
    await expect(appendEvent({ inspectionId, type: 'deleted' as never, actor: inspector })).rejects.toMatchObject({ code: 'LEDGER.INVALID_EVENT' });
    expect(await listEvents(inspectionId)).toEqual([]);
  });
});

describe('reading a record from its pages', () => {
  it('when the page copies are intact, lost or altered, then the record read is always the stored events', async () => {
    const inspectionId = await inspectionWithEvents(5);
    const stored = await RecordEventModel.find({ inspectionId: new Types.ObjectId(inspectionId) }).sort({ seq: 1 }).lean();
    const expected = await listEvents(inspectionId);
    expect(expected.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
    const pages = mongoose.connection.collection<{ _id: string; events: unknown[] }>('record_pages');
    expect((await pages.findOne({ _id: `${inspectionId}:p0` }))!.events).toHaveLength(5);
    // a copy altered (its hash recomputed to look right): the chain of copies no longer ends where the events do
    await pages.updateOne({ _id: `${inspectionId}:p0` }, { $set: { 'events.2.payload.note': '伪造', 'events.2.hash': 'f'.repeat(64) } });
    expect(await listEvents(inspectionId)).toEqual(expected);
    // copies lost (a concurrent $push FerretDB did not keep): the missing ones are read one by one
    await pages.updateOne({ _id: `${inspectionId}:p0` }, { $pop: { events: 1 } } as never);
    expect(await listEvents(inspectionId)).toEqual(expected);
    await pages.deleteOne({ _id: `${inspectionId}:p0` });
    expect(await listEvents(inspectionId)).toEqual(expected);
  });
});

describe('immutability', () => {
  it('when anything tries to update, replace or delete an event through the model, then it is refused and the event stays', async () => {
    const inspectionId = await inspectionWithEvents(2);
    const [first] = await listEvents(inspectionId);
    const filter = { _id: first!.id };
    expect(first!.id).toBe(`${inspectionId}:0`);
    const attempts: [string, () => Promise<unknown>][] = [
      ['updateOne', () => RecordEventModel.updateOne(filter, { $set: { type: 'flagged' } })],
      ['updateMany', () => RecordEventModel.updateMany({}, { $set: { type: 'flagged' } })],
      ['findOneAndUpdate', () => RecordEventModel.findOneAndUpdate(filter, { $set: { type: 'flagged' } })],
      ['findByIdAndUpdate', () => RecordEventModel.findByIdAndUpdate(first!.id, { $set: { type: 'flagged' } })],
      ['findOneAndReplace', () => RecordEventModel.findOneAndReplace(filter, { type: 'flagged' })],
      ['replaceOne', () => RecordEventModel.replaceOne(filter, { type: 'flagged' })],
      ['deleteOne', () => RecordEventModel.deleteOne(filter)],
      ['deleteMany', () => RecordEventModel.deleteMany({})],
      ['findOneAndDelete', () => RecordEventModel.findOneAndDelete(filter)],
      ['findByIdAndDelete', () => RecordEventModel.findByIdAndDelete(first!.id)],
      ['bulkWrite', () => RecordEventModel.bulkWrite([{ deleteOne: { filter } }])],
      ['document save', async () => { const doc = await RecordEventModel.findById(first!.id); doc!.set('type', 'flagged'); await doc!.save(); }],
      ['document deleteOne', async () => { const doc = await RecordEventModel.findById(first!.id); await doc!.deleteOne(); }],
      ['office chain deleteMany', () => OfficeLinkModel.deleteMany({})],
      ['office chain updateOne', () => OfficeLinkModel.updateOne({}, { $set: { eventHash: 'x' } })],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt().then(() => name)).rejects.toMatchObject({ code: 'LEDGER.IMMUTABLE' });
    }
    expect(await listEvents(inspectionId)).toHaveLength(2);
    expect(await verifyInspectionChain(inspectionId)).toMatchObject({ ok: true });
  });
});

describe('verifying while others append', () => {
  it('when staff views and judgments are appended concurrently while the inspection is verified 200 times, then every answer is ok', async () => {
    const inspectionId = await inspectionWithEvents(20);
    const staff = { id: new Types.ObjectId().toHexString(), role: 'staff' as const };
    const answers: Awaited<ReturnType<typeof verifyInspectionChain>>[] = [];
    // each round: four verifications and two appends (a staff view, a judgment) started together
    for (let round = 0; round < 50; round++) {
      const [verified] = await Promise.all([
        Promise.all(Array.from({ length: 4 }, () => verifyInspectionChain(inspectionId))),
        appendEvent({ inspectionId, type: 'viewed', actor: staff, payload: { what: 'record' } }),
        appendEvent({ inspectionId, type: 'checklist.judged', actor: inspector, payload: { itemId: 'fire-exit', result: 'pass' } }),
      ]);
      answers.push(...verified);
    }
    expect(answers).toHaveLength(200);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    // the view grows as appends land, and once they have all landed it covers every one of them
    expect(Math.max(...answers.map((a) => a.length))).toBeGreaterThan(100);
    expect(await verifyInspectionChain(inspectionId)).toMatchObject({ ok: true, length: 120 });
  }, 600_000);

  it('when npm run verify-ledger runs while events are appended, then it reports every record intact', async () => {
    const inspectionId = await inspectionWithEvents(5);
    let appending = true;
    const writer = (async () => {
      while (appending) await appendEvent({ inspectionId, type: 'viewed', actor: { id: new Types.ObjectId().toHexString(), role: 'staff' }, payload: { what: 'record' } });
    })();
    const run = await new Promise<{ status: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, [require.resolve('tsx/cli'), '--conditions=@ycta/source', join(__dirname, '../../../../scripts/verify-ledger.ts')], {
        env: { ...process.env, MONGODB_URI: `${testDbUri()}/${mongoose.connection.db!.databaseName}` }, stdio: ['ignore', 'pipe', 'ignore'],
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => { stdout += String(c); });
      child.once('exit', (status) => done({ status, stdout }));
    });
    appending = false;
    await writer;
    expect(run.stdout).toContain('结论：所有记录完好。');
    expect(run.status).toBe(0);
  }, 120_000);
});

describe('tampering', () => {
  it('when two events are swapped in the database, then verify names the first of them', async () => {
    const inspectionId = await inspectionWithEvents(5);
    const chain = await listEvents(inspectionId);
    const [a, b] = [chain[1]!, chain[2]!];
    const body = (e: typeof a) => ({ type: e.type, actor: e.actor, at: new Date(e.at), payload: e.payload, prevHash: e.prevHash, hash: e.hash });
    await events().updateOne({ _id: a.id }, { $set: body(b) });
    await events().updateOne({ _id: b.id }, { $set: body(a) });
    expect((await verifyInspectionChain(inspectionId)).firstBroken).toMatchObject({ seq: 1, eventId: a.id });
  });

  it('when an event stored minutes ago has no anchor and nothing follows it, then verify reports it; a fresh one is an append in flight', async () => {
    const inspectionId = await inspectionWithEvents(2);
    const [, last] = await listEvents(inspectionId);
    const fresh = { id: `${inspectionId}:2`, inspectionId, seq: 2, type: 'left' as const, actor: inspector, at: new Date().toISOString(), payload: {}, prevHash: last!.hash };
    await events().insertOne({ ...fresh, _id: fresh.id, inspectionId: new Types.ObjectId(inspectionId), at: new Date(fresh.at), hash: chainHash(fresh.prevHash, fresh) } as never);
    expect(await verifyInspectionChain(inspectionId)).toEqual({ ok: true, length: 2, headHash: last!.hash });
  });

  it('when one byte of one stored event is changed in the database, then verify names exactly that event', async () => {
    const inspectionId = await inspectionWithEvents(6);
    const target = (await listEvents(inspectionId))[3]!;
    // 安全出口畅通 → 安全出口畅適: one changed character, written around mongoose with the raw driver
    await events().updateOne({ _id: target.id }, { $set: { 'payload.note': '安全出口畅通'.replace('通', '適') } });
    const verification = await verifyInspectionChain(inspectionId);
    expect(verification.ok).toBe(false);
    expect(verification.firstBroken).toMatchObject({ seq: 3, eventId: target.id });
    expect(verification.firstBroken!.reason).toContain('内容与其哈希不符');
  });

  it('when an event is changed and its hash recomputed to hide it, then the office anchor still names that event', async () => {
    const inspectionId = await inspectionWithEvents(4);
    const target = (await listEvents(inspectionId))[1]!;
    const forged = { ...target, payload: { ...target.payload, result: 'fail' } };
    await events().updateOne({ _id: target.id }, { $set: { 'payload.result': 'fail', hash: chainHash(forged.prevHash, withoutHash(forged)) } });
    expect((await verifyInspectionChain(inspectionId)).firstBroken).toMatchObject({ seq: 1, eventId: target.id });
  });

  it('when one event is deleted, then verify names the missing event and the office chain reports its inspection', async () => {
    const inspectionId = await inspectionWithEvents(5);
    const target = (await listEvents(inspectionId))[2]!;
    await events().deleteOne({ _id: target.id });
    expect((await verifyInspectionChain(inspectionId)).firstBroken).toMatchObject({ seq: 2, eventId: target.id });
    const office = await verifyOfficeChain();
    expect(office.ok).toBe(false);
    expect(office.brokenInspections).toContainEqual({ inspectionId, firstBroken: expect.objectContaining({ seq: 2, eventId: target.id }) });
  });

  it('when the last event is deleted, then the office chain still knows it existed', async () => {
    const inspectionId = await inspectionWithEvents(3);
    const last = (await listEvents(inspectionId))[2]!;
    await events().deleteOne({ _id: last.id });
    expect((await verifyInspectionChain(inspectionId)).firstBroken).toMatchObject({ seq: 2, eventId: last.id });
  });

  it('when every event of an inspection and the inspection itself are deleted, then the office chain names it', async () => {
    const inspectionId = await inspectionWithEvents(3);
    const first = (await listEvents(inspectionId))[0]!;
    await events().deleteMany({ inspectionId: new Types.ObjectId(inspectionId) });
    await mongoose.connection.collection('inspections').deleteOne({ _id: new Types.ObjectId(inspectionId) });
    const office = await verifyOfficeChain();
    expect(office.ok).toBe(false);
    expect(office.brokenInspections).toContainEqual({ inspectionId, firstBroken: expect.objectContaining({ seq: 0, eventId: first.id }) });
  });

  it('when a link of the office chain is deleted, then the office chain names the gap', async () => {
    const inspectionId = await inspectionWithEvents(2);
    const [anchor] = await OfficeLinkModel.find({ inspectionId: new Types.ObjectId(inspectionId) }).sort({ _id: 1 }).lean();
    await mongoose.connection.collection<{ _id: number }>('office_record').deleteOne({ _id: anchor!._id });
    const office = await verifyOfficeChain();
    expect(office.firstBroken).toMatchObject({ seq: anchor!.seq });
  });

  it('when npm run verify-ledger runs over a database with a changed event, then it names that event and exits 1', async () => {
    const inspectionId = await inspectionWithEvents(3);
    await events().updateOne({ _id: `${inspectionId}:1` }, { $set: { 'actor.role': 'staff' } });
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), '--conditions=@ycta/source', join(__dirname, '../../../../scripts/verify-ledger.ts')], {
      env: { ...process.env, MONGODB_URI: `${testDbUri()}/${mongoose.connection.db!.databaseName}` }, encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`踏勘 ${inspectionId}：第 1 号事件的内容与其哈希不符（事件已被改动）（事件 ${inspectionId}:1）`);
    expect(run.stderr).toContain('踏勘');
  }, 60_000);

  it('when a process died between storing an event and anchoring it, then verify reports the uncovered tail until the next event covers it', async () => {
    const inspectionId = await inspectionWithEvents(2);
    const [, last] = await listEvents(inspectionId);
    // what appendEvent stores before anchoring, written here without the anchor, by a process that died minutes ago
    const orphan = { id: `${inspectionId}:2`, inspectionId, seq: 2, type: 'left' as const, actor: inspector, at: new Date(Date.now() - 5 * 60_000).toISOString(), payload: {}, prevHash: last!.hash };
    await events().insertOne({ ...orphan, _id: orphan.id, inspectionId: new Types.ObjectId(inspectionId), at: new Date(orphan.at), hash: chainHash(orphan.prevHash, orphan) } as never);
    expect((await verifyInspectionChain(inspectionId)).firstBroken).toMatchObject({ seq: 2, eventId: orphan.id });
    await appendEvent({ inspectionId, type: 'joined', actor: inspector, payload: {} });
    expect(await verifyInspectionChain(inspectionId)).toMatchObject({ ok: true, length: 4 });
  });
});
