import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { defaultPresiteRules, distanceMeters, evaluatePresite, placeKinds, searchRadiusOf } from '@ycta/shared';
import { connectDatabase, disconnectDatabase } from '../../bff/src/infra/db';
import { forgetLayerIndex, importLayer, placesAround } from '../../bff/src/modules/presite/places.service';
import { PlaceChunkModel } from '../../bff/src/modules/presite/presite.model';
import { fmt, median, type Section } from './lib';

/** Deterministic pseudo-random places spread over Haikou (a fixed LCG, so every run measures the same layer). */
function generatedPlaces(count: number) {
  let seed = 20261130;
  const next = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  return Array.from({ length: count }, (_, i) => ({
    kind: placeKinds[i % placeKinds.length]!, name: `场所${i}`, lat: 19.9 + next() * 0.2, lng: 110.2 + next() * 0.3,
  }));
}

/**
 * 预选址 against a layer of `count` places: the import (parse, check every row, store in chunks, the version document)
 * against the database alone inserting the same places; then pre-checks (kd-tree search + rule evaluation) against a
 * brute-force scan that measures the distance to every place.
 */
export async function presiteSection(dbUri: string, count = 5000, checks = 200, rounds = 3): Promise<Section> {
  const places = generatedPlaces(count);
  const csv = ['类别,名称,纬度,经度', ...places.map((p) => `${p.kind},${p.name},${p.lat.toFixed(6)},${p.lng.toFixed(6)}`)].join('\n');
  const rules = defaultPresiteRules['entertainment-venue']!;
  const searchMeters = Math.max(500, 2 * searchRadiusOf(rules));
  const facts = { lowestFloor: 1, highestFloor: 1, buildingUse: 'commercial', landUse: 'commercial' } as const;
  const sites = generatedPlaces(checks).map((p) => ({ lat: p.lat, lng: p.lng }));
  await connectDatabase(dbUri);
  try {
    const rawInserts: number[] = [];
    const imports: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let t = performance.now();
      await PlaceChunkModel.db.collection('benchPlaces').insertMany(places.map((p) => ({ _id: new Types.ObjectId(), ...p })));
      rawInserts.push((performance.now() - t) / 1000);
      t = performance.now();
      const report = await importLayer({ format: 'csv', text: csv, label: `基准图层 ${round}` }, 'bench');
      imports.push((performance.now() - t) / 1000);
      if (report.accepted !== count) throw new Error(`imported ${report.accepted} of ${count}`);
    }
    let t = performance.now();
    await placesAround(sites[0]!, searchMeters); // the importing process built the tree already
    const warmFirstMs = performance.now() - t;
    forgetLayerIndex();
    t = performance.now();
    await placesAround(sites[0]!, searchMeters); // as another BFF process: reads the chunks back and builds the tree
    const coldMs = performance.now() - t;
    t = performance.now();
    let found = 0;
    for (const site of sites) {
      const around = await placesAround(site, searchMeters);
      found += around.nearby.length;
      evaluatePresite(rules, facts, { nearby: around.nearby, searchMeters, kindsInLayer: around.kindsInLayer });
    }
    const treeMs = (performance.now() - t) / checks;
    t = performance.now();
    let scanned = 0;
    for (const site of sites) {
      const nearby = places.map((p) => ({ ...p, meters: distanceMeters(site, p) })).filter((p) => p.meters <= searchMeters);
      scanned += nearby.length;
      evaluatePresite(rules, facts, { nearby, searchMeters, kindsInLayer: [...placeKinds] });
    }
    const scanMs = (performance.now() - t) / checks;
    if (found !== scanned) throw new Error(`kd-tree found ${found} places, the scan ${scanned}`);
    const raw = median(rawInserts);
    const imp = median(imports);
    return {
      title: '预选址: layer import and pre-check',
      intro: `A layer of ${fmt(count, 0)} generated places over Haikou, imported as CSV ${rounds} times (medians); then ${checks} pre-checks of an entertainment venue (${rules.length} rules, search radius ${searchMeters} m) against it. Baselines: the database alone inserting the same ${fmt(count, 0)} documents (raw driver, one batch), and a brute-force distance scan over every place.`,
      rows: [
        { what: 'raw insertMany of the places (baseline)', time: `${fmt(raw * 1000, 0)} ms`, ratio: '1.00' },
        { what: '`importLayer` (parse + check every row + chunks + version)', time: `${fmt(imp * 1000, 0)} ms`, ratio: `${fmt(imp / raw, 2)} × the raw insert` },
        { what: 'first pre-check in the process that imported (tree built by the import)', time: `${fmt(warmFirstMs, 1)} ms`, ratio: '' },
        { what: 'first pre-check in another process (reads the chunks back, builds the tree)', time: `${fmt(coldMs, 1)} ms`, ratio: '' },
        { what: 'brute-force scan + rules, per pre-check (baseline)', time: `${fmt(scanMs, 2)} ms`, ratio: '1.00' },
        { what: 'kd-tree (`placesAround`) + rules, per pre-check', time: `${fmt(treeMs, 2)} ms`, ratio: `${fmt(scanMs / treeMs, 1)} × faster than the scan` },
      ],
      notes: [
        `Both searches found the same ${fmt(found, 0)} places in total. The per-check time includes reading the current layer's version document (the tree is rebuilt only when it changes).`,
      ],
    };
  } finally {
    await disconnectDatabase();
  }
}
