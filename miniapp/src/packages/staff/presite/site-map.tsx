import type { NearbyPlaceView } from '@ycta/shared/contracts/presite.contract';

/**
 * The site, the places near it and the rules' distance rings, drawn in Web-Mercator pixels on an SVG. With a tile URL
 * (`TARO_APP_MAP_TILE_URL`, e.g. `https://tiles.example.gov.cn/{z}/{x}/{y}.png`) the map tiles lie underneath; without
 * one (an intranet with no map server, the tests) the same drawing stands on a plain grid, so it renders offline.
 */
const tileUrl = process.env.TARO_APP_MAP_TILE_URL || '';
const size = 560;
const half = size / 2;
const tile = 256;

const kindColours: Record<string, string> = {
  school: '#1565c0', hospital: '#c62828', government: '#6a1b9a', heritage: '#8d6e63', hazardous: '#e65100', station: '#2e7d32',
};

function worldPixel(lat: number, lng: number, zoom: number) {
  const scale = tile * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: ((lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale };
}

interface Props {
  site: { lat: number; lng: number };
  nearby: NearbyPlaceView[];
  rings: Array<{ meters: number; label: string }>;
}

export function SiteMap({ site, nearby, rings }: Props) {
  const reach = Math.max(250, ...rings.map((r) => r.meters * 1.4), ...nearby.map((p) => p.meters * 1.1));
  const metresPerPixelAtZoom0 = (156_543.034 * Math.cos((site.lat * Math.PI) / 180));
  const zoom = Math.min(19, Math.floor(Math.log2(metresPerPixelAtZoom0 / (reach / (half - 20)))));
  const mpp = metresPerPixelAtZoom0 / 2 ** zoom;
  const centre = worldPixel(site.lat, site.lng, zoom);
  const at = (lat: number, lng: number) => {
    const p = worldPixel(lat, lng, zoom);
    return { x: p.x - centre.x + half, y: p.y - centre.y + half };
  };
  const tiles: Array<{ key: string; href: string; x: number; y: number }> = [];
  if (tileUrl) {
    for (let tx = Math.floor((centre.x - half) / tile); tx <= Math.floor((centre.x + half) / tile); tx++) {
      for (let ty = Math.floor((centre.y - half) / tile); ty <= Math.floor((centre.y + half) / tile); ty++) {
        tiles.push({ key: `${tx}-${ty}`, href: tileUrl.replace('{z}', String(zoom)).replace('{x}', String(tx)).replace('{y}', String(ty)), x: tx * tile - centre.x + half, y: ty * tile - centre.y + half });
      }
    }
  }
  const scaleBar = 100;
  return (
    <svg className='site-map' viewBox={`0 0 ${size} ${size}`} role='img' aria-label={`场所及周边 ${nearby.length} 处场所的位置图`}>
      <rect width={size} height={size} fill='#f4f6f4' />
      {tiles.map((t) => <image key={t.key} href={t.href} x={t.x} y={t.y} width={tile} height={tile} />)}
      {!tileUrl ? Array.from({ length: 8 }, (_, i) => (i + 1) * (size / 8)).map((v) => (
        <g key={v}><line x1={v} y1={0} x2={v} y2={size} stroke='#e2e6e2' /><line x1={0} y1={v} x2={size} y2={v} stroke='#e2e6e2' /></g>
      )) : null}
      {rings.map((r) => (
        <g key={r.label}>
          <circle cx={half} cy={half} r={r.meters / mpp} fill='none' stroke='#fa5151' strokeDasharray='6 4' strokeWidth={1.5} />
          <text x={half + 4} y={half - r.meters / mpp - 4} fontSize={12} fill='#b71c1c'>{r.label}</text>
        </g>
      ))}
      {nearby.map((p) => {
        const { x, y } = at(p.lat, p.lng);
        return (
          <g key={`${p.name}-${p.lat}`}>
            <line x1={half} y1={half} x2={x} y2={y} stroke='#9e9e9e' strokeDasharray='2 3' />
            <circle cx={x} cy={y} r={7} fill={kindColours[p.kind] ?? '#555'} stroke='#fff' strokeWidth={2} />
            <text x={x + 10} y={y + 4} fontSize={13} fill='#191919'>{p.name} {p.meters} 米</text>
          </g>
        );
      })}
      <circle cx={half} cy={half} r={9} fill='#07c160' stroke='#fff' strokeWidth={3} />
      <text x={half + 12} y={half + 20} fontSize={13} fontWeight={600} fill='#067d3a'>拟选场所</text>
      <line x1={16} y1={size - 20} x2={16 + scaleBar / mpp} y2={size - 20} stroke='#333' strokeWidth={3} />
      <text x={16} y={size - 28} fontSize={12} fill='#333'>{scaleBar} 米</text>
      {!tileUrl ? <text x={size - 12} y={size - 12} fontSize={11} fill='#888' textAnchor='end'>未配置底图：仅示意相对位置</text> : null}
    </svg>
  );
}
