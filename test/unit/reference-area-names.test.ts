import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../shared/reference/codec';
import * as full from '../../shared/reference/communes';
import { departementName, epciName, regionName } from '../../shared/reference/area-names';
import { geographyOfCommune } from '../../shared/reference/geo';
import { postalIndex } from '../../shared/reference/postal-codes';

/** These tests walk all 35 000 communes: a few seconds alone, more when the whole suite runs in parallel. */
const WHOLE_DATA_TIMEOUT_MS = 30_000;

describe('area names slice (area-names.ts)', () => {
  it('names every EPCI, département and region a commune belongs to, as communes.ts does', () => {
    // Arrange
    const { entries } = postalIndex();

    // Act / Assess
    for (const { code } of entries) {
      const { epci, departement, region } = geographyOfCommune(code)!;
      if (epci !== null) expect(epciName(epci), epci).toBe(full.getEpci(epci)!.name);
      expect(departementName(departement!)).toBe(full.getDepartement(departement!)!.name);
      expect(regionName(region!)).toBe(full.getRegion(region!)!.name);
    }
    expect(epciName('200054807')).toBe("Métropole d'Aix-Marseille-Provence");
    expect(departementName('2A')).toBe('Corse-du-Sud');
    expect(regionName('93')).toBe("Provence-Alpes-Côte d'Azur");
  }, WHOLE_DATA_TIMEOUT_MS);

  it('knows nothing of unknown codes', () => {
    expect(epciName('000000000')).toBeUndefined();
    expect(departementName('00')).toBeUndefined();
    expect(regionName('00')).toBeUndefined();
  });
});

describe('pack / unpack (the text form of the slices)', () => {
  it.each(['', 'a', 'ab', 'abc', 'abcd', '{"x":"Saint-Étienne|Île-d’Yeu"}', 'x'.repeat(10_000)])('round-trips %j', (json) => {
    const packed = pack(json);
    expect(unpack(packed)).toBe(json);
    // nothing a JSON or JavaScript string would escape
    expect(packed).toMatch(/^[!#%&(-;=?-[\]-_a-|]*~[0-3]$/);
  });

  it('refuses a damaged string', () => {
    const packed = pack('{"a":1}');
    expect(() => unpack(packed.slice(1))).toThrow(/corrupt/);
    expect(() => unpack(`"${packed.slice(1)}`)).toThrow(/corrupt/);
    expect(() => unpack(packed.replace(/~\d$/, '~7'))).toThrow(/corrupt/);
  });
});
