import { Types } from 'mongoose';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMeters, isGeoPoint, PlaceKind, placeKindLabels, type GeoPoint, type NearbyPlace, type PlaceLayerInfo } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import { csvFields } from '../../lib/csv';
import { PlaceChunkModel, PlaceLayerModel, type PlaceLayerDoc, type StoredPlace } from './presite.model';

/**
 * The layer of places the 预选址 rules measure against (schools, hospitals, …). Neither FerretDB nor our use of MongoDB
 * has geospatial operators, so the BFF holds a kd-tree (kdbush) of the current layer and answers "what lies within
 * r metres" with geokdbush's great-circle search; the tree is rebuilt when a new layer version appears.
 */

const chunkSize = 1000;
const maxPlaces = 200_000;

/** Kind names a file may use: the code or its Chinese words. */
const kindAliases: Record<string, PlaceKind> = {
  ...Object.fromEntries(PlaceKind.options.map((k) => [k, k])),
  中小学校: 'school', 学校: 'school', 中学: 'school', 小学: 'school',
  医院: 'hospital', 机关: 'government', 党政机关: 'government',
  文物保护单位: 'heritage', 博物馆: 'heritage', 图书馆: 'heritage', 文物: 'heritage',
  危险化学品仓库: 'hazardous', 危险化学品: 'hazardous', 危险设施: 'hazardous', 污染源: 'hazardous',
  车站: 'station', 机场: 'station', 车站机场: 'station',
};

type Row = { row: number; kind: unknown; name: unknown; lat: unknown; lng: unknown };
type RowCheck = StoredPlace | string;

function checkRow(r: Row): RowCheck {
  const kind = typeof r.kind === 'string' ? kindAliases[r.kind.trim()] : undefined;
  if (!kind) return `类别“${String(r.kind ?? '').slice(0, 20)}”无法识别（可用：中小学校、医院、机关、文物保护单位、危险化学品仓库、车站）`;
  const name = typeof r.name === 'string' ? r.name.trim() : '';
  if (name.length < 2 || name.length > 80) return '名称须为 2–80 个字';
  const point = { lat: Number(r.lat), lng: Number(r.lng) };
  if (r.lat === '' || r.lng === '' || !isGeoPoint(point)) return '经纬度无效（纬度 −90–90，经度 −180–180，WGS-84 十进制度）';
  return { kind, name, lat: point.lat, lng: point.lng };
}

function csvRows(text: string): Row[] {
  const rows: Row[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const [kind, name, lat, lng] = csvFields(line);
    if (index === 0 && /^(kind|类别)$/i.test(kind ?? '')) return; // header
    rows.push({ row: index + 1, kind, name, lat: lat ?? '', lng: lng ?? '' });
  });
  return rows;
}

function geojsonRows(text: string): Row[] | string {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return '文件不是有效的 JSON'; }
  const features = (doc as { type?: unknown; features?: unknown })?.features;
  if ((doc as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) return '文件须为 GeoJSON FeatureCollection';
  return features.map((f: { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> }, i) => {
    const coords = f?.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [];
    return { row: i + 1, kind: f?.properties?.kind, name: f?.properties?.name, lat: coords[1] ?? '', lng: coords[0] ?? '' };
  });
}

const toInfo = (doc: PlaceLayerDoc): PlaceLayerInfo => ({
  version: doc.version, label: doc.label, demo: doc.demo, count: doc.count,
  byKind: PlaceKind.options.map((kind) => ({ kind, label: placeKindLabels[kind], count: doc.byKind[kind] ?? 0 })),
  importedBy: doc.importedBy, importedAt: doc.importedAt.toISOString(),
});

/** The newest layer version, or null before any import. The layers collection holds one small document per version. */
async function headLayer(): Promise<PlaceLayerDoc | null> {
  return PlaceLayerModel.findOne().sort({ version: -1 }).lean<PlaceLayerDoc>();
}

export async function currentLayerInfo(): Promise<PlaceLayerInfo | null> {
  const head = await headLayer();
  return head ? toInfo(head) : null;
}

/**
 * Stores a new layer version from a whole file: every row is checked first and one bad row refuses the file
 * (`PRESITE.LAYER_BAD_ROWS`, with the per-row report), so a layer is never half imported. Chunks are written before
 * the layer document that makes them visible.
 */
export async function importLayer(
  file: { format: 'csv' | 'geojson'; text: string; label: string; demo?: boolean }, importedBy: string,
) {
  const parsed = file.format === 'csv' ? csvRows(file.text) : geojsonRows(file.text);
  if (typeof parsed === 'string') throw new AppError('PRESITE.LAYER_BAD_ROWS', { details: { accepted: 0, rejected: 1, errors: [{ row: 0, message: parsed }], layer: null } });
  const places: StoredPlace[] = [];
  const errors: Array<{ row: number; message: string }> = [];
  for (const row of parsed) {
    const checked = checkRow(row);
    if (typeof checked === 'string') errors.push({ row: row.row, message: checked });
    else places.push(checked);
  }
  if (places.length === 0 && errors.length === 0) errors.push({ row: 0, message: '文件中没有场所' });
  if (places.length > maxPlaces) errors.push({ row: 0, message: `场所过多（最多 ${maxPlaces} 个）` });
  if (errors.length) {
    throw new AppError('PRESITE.LAYER_BAD_ROWS', { details: { accepted: 0, rejected: errors.length, errors: errors.slice(0, 200), layer: null } });
  }
  const layerId = new Types.ObjectId();
  const chunks = [];
  for (let i = 0; i * chunkSize < places.length; i++) chunks.push({ _id: `${layerId}:${i}`, places: places.slice(i * chunkSize, (i + 1) * chunkSize) });
  await PlaceChunkModel.insertMany(chunks);
  const byKind: Partial<Record<PlaceKind, number>> = {};
  for (const p of places) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  for (let attempt = 0; attempt < 20; attempt++) {
    const version = ((await headLayer())?.version ?? 0) + 1;
    try {
      const doc = await PlaceLayerModel.create({
        _id: layerId, version, label: file.label, demo: file.demo ?? false, count: places.length, byKind,
        chunkCount: chunks.length, importedBy, importedAt: new Date(),
      });
      const stored = doc.toObject() as PlaceLayerDoc;
      // this process has the places in hand: index them now rather than read the chunks back on the next pre-check
      loaded = { id: String(layerId), doc: stored, places, index: kdIndex(places) };
      return { accepted: places.length, rejected: 0, errors: [], layer: toInfo(stored) };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another import took this version number: take the next
    }
  }
  throw new AppError('LEDGER.APPEND_CONTENDED', { message: '图层导入繁忙，请稍后重试' });
}

interface LoadedLayer { id: string; doc: PlaceLayerDoc; places: StoredPlace[]; index: KDBush }
let loaded: LoadedLayer | null = null;

/** Forgets this process's tree: the next pre-check reads the layer back as another BFF process would (the benchmark's cold path). */
export function forgetLayerIndex(): void {
  loaded = null;
}

function kdIndex(places: StoredPlace[]): KDBush {
  const index = new KDBush(Math.max(1, places.length));
  for (const p of places) index.add(p.lng, p.lat);
  if (places.length === 0) index.add(0, 0); // kdbush wants at least one point; an empty layer is never searched
  index.finish();
  return index;
}

/** The current layer with its kd-tree, rebuilt only when the head version changed since the last call. */
async function indexedLayer(): Promise<LoadedLayer | null> {
  const head = await headLayer();
  if (!head) return null;
  if (loaded?.id === String(head._id)) return loaded;
  const places: StoredPlace[] = [];
  for (let i = 0; i < head.chunkCount; i++) {
    const chunk = await PlaceChunkModel.findById(`${head._id}:${i}`).lean<{ places: StoredPlace[] }>();
    places.push(...(chunk?.places ?? []));
  }
  loaded = { id: String(head._id), doc: head, places, index: kdIndex(places) };
  return loaded;
}

export interface NearbyAnswer {
  layer: { version: number; label: string; demo: boolean } | null;
  kindsInLayer: PlaceKind[];
  nearby: Array<NearbyPlace & { lat: number; lng: number }>;
}

/** Places of the current layer within `meters` of a WGS-84 point, nearest first (at most `limit`). */
export async function placesAround(site: GeoPoint, meters: number, limit = 200): Promise<NearbyAnswer> {
  const layer = await indexedLayer();
  if (!layer) return { layer: null, kindsInLayer: [], nearby: [] };
  // geokdbush's great-circle formula and our rounded metres differ by a fraction at the edge: look a little further, then
  // keep what our own `distanceMeters` (the figure people read) puts within the radius
  const ids = layer.places.length ? around(layer.index, site.lng, site.lat, limit, (meters * 1.01 + 5) / 1000) : [];
  return {
    layer: { version: layer.doc.version, label: layer.doc.label, demo: layer.doc.demo },
    kindsInLayer: PlaceKind.options.filter((k) => (layer.doc.byKind[k] ?? 0) > 0),
    nearby: ids.map((i) => layer.places[i]!).map((p) => ({ ...p, meters: distanceMeters(site, p) })).filter((p) => p.meters <= meters),
  };
}
