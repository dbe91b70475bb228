import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cellsAround, distanceMetres, geohash, nameTerms, normaliseName, type Location, type PlaceView } from '@mashang/shared';
import { keys } from './keys.ts';

/**
 * Finding a QR location without its QR code (patterns 22 and 23). A county has
 * thousands of locations, so neither lists them all: each location is indexed
 * under every two-character term of its name and under the geohash cells (6 and
 * 5 characters) that hold it. Index rows carry what a list shows, so one query
 * per term or cell answers without reading the locations themselves.
 */

/** Geohash precisions used: ~1.2 km × 0.6 km cells first, ~4.9 km cells when few places are that close. */
const FINE = 6;
const COARSE = 5;
/** Rows read per term or cell partition and page; a query reads at most TERM_PAGE × TERM_PAGES rows of one partition. */
const TERM_PAGE = 200;
const TERM_PAGES = 2;
/** Farthest place offered as "nearby". */
const MAX_NEARBY_METRES = 5000;

type PlaceRow = PlaceView & { lat?: number; lng?: number; nameKey: string };

function view(row: Record<string, unknown>): PlaceRow {
  return {
    id: String(row.id),
    name: String(row.name),
    ...(row.address ? { address: String(row.address) } : {}),
    gridName: String(row.gridName),
    communityName: String(row.communityName),
    centreName: String(row.centreName),
    ...(typeof row.lat === 'number' ? { lat: row.lat } : {}),
    ...(typeof row.lng === 'number' ? { lng: row.lng } : {}),
    nameKey: String(row.nameKey),
  };
}

const strip = ({ lat: _lat, lng: _lng, nameKey: _k, ...v }: PlaceRow): PlaceView => v;

export class PlaceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The index rows of one location: write them with the location (seed, admin) and again when its name or position changes. */
  static indexRows(l: Location): Record<string, unknown>[] {
    const nameKey = normaliseName(l.name);
    const body = {
      entity: 'place-index',
      id: l.id,
      name: l.name,
      address: l.address,
      gridName: l.gridName,
      communityName: l.communityName,
      centreName: l.centreName,
      lat: l.lat,
      lng: l.lng,
      nameKey,
    };
    const rows = nameTerms(l.name).map((term) => ({ ...keys.placeName(term, nameKey, l.id), ...body }));
    if (l.lat !== undefined && l.lng !== undefined) {
      rows.push({ ...keys.placeGeo(geohash(l.lat, l.lng, FINE), l.id), ...body });
      rows.push({ ...keys.placeGeo(geohash(l.lat, l.lng, COARSE), l.id), ...body });
    }
    return rows;
  }

  /**
   * Places whose name contains `query` (two characters or more). Every such
   * place is indexed under each of the query's terms, so the rarest-looking
   * of three terms (first, middle, last) are queried and their matches merged.
   */
  async search(query: string, limit: number): Promise<PlaceView[]> {
    const q = normaliseName(query);
    const terms = nameTerms(q);
    if (terms.length === 0) return [];
    const picked = [...new Set([terms[0]!, terms[Math.floor(terms.length / 2)]!, terms[terms.length - 1]!])];
    const found = new Map<string, PlaceRow>();
    await Promise.all(
      picked.map(async (term) => {
        let start: Record<string, unknown> | undefined;
        for (let page = 0; page < TERM_PAGES; page++) {
          const res = await this.db.send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'PK = :pk',
              FilterExpression: 'contains(nameKey, :q)',
              ExpressionAttributeValues: { ':pk': keys.placeNamePartition(term), ':q': q },
              Limit: TERM_PAGE,
              ExclusiveStartKey: start,
            }),
          );
          for (const r of res.Items ?? []) found.set(String(r.id), view(r));
          start = res.LastEvaluatedKey;
          if (!start) break;
        }
      }),
    );
    // Names that start with the query first, then shorter names: "大剧院" ranks 大剧院东门 over 甘肃大剧院东门公交站.
    return [...found.values()]
      .sort((a, b) => Number(b.nameKey.startsWith(q)) - Number(a.nameKey.startsWith(q)) || a.nameKey.length - b.nameKey.length || a.nameKey.localeCompare(b.nameKey))
      .slice(0, limit)
      .map(strip);
  }

  /** Places nearest to a point, with their distance: the 9 fine cells around it, or the 9 coarse ones when fewer than `limit` are that close. */
  async nearby(lat: number, lng: number, limit: number): Promise<PlaceView[]> {
    let rows = await this.cells(cellsAround(lat, lng, FINE));
    if (rows.length < limit) rows = await this.cells(cellsAround(lat, lng, COARSE));
    return rows
      .filter((r) => r.lat !== undefined && r.lng !== undefined)
      .map((r) => ({ ...strip(r), distanceM: Math.round(distanceMetres({ lat, lng }, { lat: r.lat!, lng: r.lng! })) }))
      .filter((r) => r.distanceM <= MAX_NEARBY_METRES)
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, limit);
  }

  private async cells(cells: string[]): Promise<PlaceRow[]> {
    const pages = await Promise.all(
      cells.map(async (cell) => {
        const rows: PlaceRow[] = [];
        let start: Record<string, unknown> | undefined;
        // Bounded like the name search: a dense coarse cell is read in part, never whole.
        for (let page = 0; page < TERM_PAGES; page++) {
          const res = await this.db.send(
            new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.placeGeoPartition(cell) }, Limit: TERM_PAGE, ExclusiveStartKey: start }),
          );
          rows.push(...(res.Items ?? []).map(view));
          start = res.LastEvaluatedKey;
          if (!start) break;
        }
        return rows;
      }),
    );
    const byId = new Map<string, PlaceRow>();
    for (const r of pages.flat()) byId.set(r.id, r);
    return [...byId.values()];
  }
}
