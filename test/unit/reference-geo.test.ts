import { describe, expect, it } from 'vitest';
import { placeOf } from '../../shared/matching/from-profiles';
import { type Commune, decodeGeo, encodeGeo } from '../../shared/reference/codec';
import * as full from '../../shared/reference/communes';
import { geographyOfCommune, geographyOfPostalCode, geographySource } from '../../shared/reference/geo';
import generated from '../../shared/reference/generated/geo.json';
import { postalIndex } from '../../shared/reference/postal-codes';

/** These tests walk all 35 000 communes: a few seconds alone, more when the whole suite runs in parallel. */
const WHOLE_DATA_TIMEOUT_MS = 30_000;

const AIX_MARSEILLE_PROVENCE = '200054807';

/** What `placeOf` answered when it read the whole communes data: the reference to match. */
function placeFromFullData(postalCode: string | undefined, communeCode?: string) {
  const commune = communeCode ? full.getCommune(communeCode) : undefined;
  const communes = commune ? [commune] : postalCode ? full.findCommunesByPostalCode(postalCode) : [];
  const common = <T>(get: (c: Commune) => T) => (communes.length > 0 && communes.every((c) => get(c) === get(communes[0]!)) ? get(communes[0]!) : null);
  return {
    city: common((c) => c.parent ?? c.code),
    epci: common((c) => c.epci),
    departement: common((c) => c.departement),
    region: common((c) => c.region),
  };
}

describe('geography slice (geo.ts) and placeOf', () => {
  it('gives every commune and arrondissement the levels of communes.ts', () => {
    // Arrange
    const { entries } = postalIndex();
    expect(entries.length).toBeGreaterThan(34_000);

    // Act / Assess
    expect(geographySource()).toBe(full.referenceSource());
    for (const { code } of entries) {
      const commune = full.getCommune(code)!;
      expect(geographyOfCommune(code)).toEqual({ city: commune.parent ?? code, epci: commune.epci, departement: commune.departement, region: commune.region });
      expect(placeOf(undefined, code)).toEqual(placeFromFullData(undefined, code));
    }
  }, WHOLE_DATA_TIMEOUT_MS);

  it('gives every postal code the levels its communes share, as placeOf did with communes.ts', () => {
    // Arrange
    const postalCodes = [...postalIndex().byPostalCode.keys()];
    expect(postalCodes.length).toBeGreaterThan(6_000);

    // Act / Assess
    for (const postalCode of postalCodes) {
      expect(geographyOfPostalCode(postalCode), postalCode).toEqual(placeFromFullData(postalCode));
      expect(placeOf(postalCode), postalCode).toEqual(placeFromFullData(postalCode));
    }
  }, WHOLE_DATA_TIMEOUT_MS);

  it('resolves arrondissements to their city, shared postal codes to what their communes share, Corsica and overseas too', () => {
    // Marseille 1er: the arrondissement stands for the city.
    expect(placeOf('13001')).toEqual({ city: '13055', epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    expect(placeOf('13001', '13201')).toEqual({ city: '13055', epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    // 13780 serves Cuges-les-Pins (13) and Riboux (83): only the region is shared.
    expect(placeOf('13780')).toEqual({ city: null, epci: null, departement: null, region: '93' });
    // 13100: Aix-en-Provence and four others, one EPCI, no single city.
    expect(full.findCommunesByPostalCode('13100').length).toBeGreaterThan(1);
    expect(placeOf('13100')).toEqual({ city: null, epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    // Ajaccio (2A) and a Guadeloupe postal code: départements the postal code does not spell.
    expect(placeOf('20000')).toEqual(placeFromFullData('20000'));
    expect(placeOf('20000').departement).toBe('2A');
    expect(placeOf('97100')).toEqual(placeFromFullData('97100'));
    expect(placeOf('97100').region).toBe('01');
  });

  it('falls back to the postal code for an unknown commune code, and knows nothing of unknown codes', () => {
    expect(placeOf('13001', '99999')).toEqual(placeOf('13001'));
    expect(placeOf('00000')).toEqual({ city: null, epci: null, departement: null, region: null });
    expect(placeOf(undefined)).toEqual({ city: null, epci: null, departement: null, region: null });
    expect(geographyOfCommune('13055')).toEqual({ city: '13055', epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    expect(geographyOfCommune('99999')).toBeUndefined();
    expect(geographyOfPostalCode('00000')).toBeUndefined();
  });

  it('returns a fresh place each time (callers store it), the slice itself frozen', () => {
    const a = placeOf('13001');
    a.city = 'changed';
    expect(placeOf('13001').city).toBe('13055');
    expect(Object.isFrozen(geographyOfCommune('13201'))).toBe(true);
  });

  it('is small: a twentieth of communes.json, under 44 KB as bundled', () => {
    expect(JSON.stringify(generated).length).toBeLessThan(44 * 1024);
  });

  it('refuses a file of another format, asking for npm run prepare', () => {
    expect(() => decodeGeo('geo.json', { ...(generated as { packed: string; source: string; count: number }), format: 0 })).toThrow(/npm run prepare/);
  });

  it('round-trips a small set, including a postal code across two départements and a commune without EPCI', () => {
    // Arrange
    const commune = (code: string, postalCodes: string[], epci: string | null, parent?: string): Commune => ({
      code,
      name: code,
      postalCodes,
      departement: code.slice(0, 2),
      epci,
      region: code.startsWith('13') ? '93' : '84',
      population: 1,
      ...(parent ? { parent } : {}),
    });
    const communes = [
      commune('01001', ['01400'], '200069193'),
      commune('01002', ['01400', '01640'], '200069193'),
      commune('01003', ['01640', '13500'], null),
      commune('13055', ['13001', '13002'], AIX_MARSEILLE_PROVENCE),
      commune('13201', ['13001'], AIX_MARSEILLE_PROVENCE, '13055'),
      commune('13202', ['13002'], AIX_MARSEILLE_PROVENCE, '13055'),
      commune('13500', ['13500'], AIX_MARSEILLE_PROVENCE),
    ];

    // Act
    const decoded = decodeGeo('geo.json', encodeGeo({ source: 'test', regions: [], departements: [], epcis: [], communes }));

    // Assess
    expect(decoded.byCode.get('01003')).toEqual({ city: '01003', epci: null, departement: '01', region: '84' });
    expect(decoded.byCode.get('13202')).toEqual({ city: '13055', epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    expect(decoded.byPostalCode.get('01400')).toEqual({ city: null, epci: '200069193', departement: '01', region: '84' });
    expect(decoded.byPostalCode.get('01640')).toEqual({ city: null, epci: null, departement: '01', region: '84' });
    expect(decoded.byPostalCode.get('13500')).toEqual({ city: null, epci: null, departement: null, region: null });
    expect(decoded.byPostalCode.get('13001')).toEqual({ city: '13055', epci: AIX_MARSEILLE_PROVENCE, departement: '13', region: '93' });
    expect([...decoded.byPostalCode.keys()]).toEqual(['01400', '01640', '13001', '13002', '13500']);
  });
});
