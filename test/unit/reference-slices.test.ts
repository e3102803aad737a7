import { describe, expect, it } from 'vitest';
import * as full from '../../shared/reference/communes';
import { communeMatchesPostalCode, communesOfPostalCode, isKnownPostalCode, postalIndex } from '../../shared/reference/postal-codes';
import { findPlacesByPostalCode } from '../../shared/reference/places';

/** These tests walk all 35 000 communes: a few seconds alone, more when the whole suite runs in parallel. */
const WHOLE_DATA_TIMEOUT_MS = 30_000;

describe('reference slices (postal-codes.ts, places.ts)', () => {
  it('give the same answers as communes.ts for every postal code and commune', () => {
    // Arrange
    const { entries, byPostalCode, source } = postalIndex();

    // Act / Assess
    expect(source).toBe(full.referenceSource());
    for (const postalCode of byPostalCode.keys()) {
      expect(isKnownPostalCode(postalCode)).toBe(full.isKnownPostalCode(postalCode));
      expect(findPlacesByPostalCode(postalCode)).toEqual(full.findCommunesByPostalCode(postalCode).map((c) => ({ code: c.code, name: c.name })));
      // sign-up requires a commune exactly when the lookup offers several
      expect(communesOfPostalCode(postalCode)).toEqual(findPlacesByPostalCode(postalCode).map((c) => c.code).sort());
    }
    for (const entry of entries) {
      const commune = full.getCommune(entry.code)!;
      expect(entry.postalCodes).toEqual(commune.postalCodes);
      expect(entry.parent).toBe(commune.parent);
      for (const pc of commune.postalCodes) expect(communeMatchesPostalCode(entry.code, pc)).toBe(true);
    }
  }, WHOLE_DATA_TIMEOUT_MS);

  it('give the Marseille arrondissement for 13001 and refuse what they do not know', () => {
    expect(findPlacesByPostalCode('13001')).toEqual([{ code: '13201', name: 'Marseille 1er Arrondissement' }]);
    expect(findPlacesByPostalCode('00000')).toEqual([]);
    expect(isKnownPostalCode('00000')).toBe(false);
    expect(communeMatchesPostalCode('13055', '13001')).toBe(true);
    expect(communeMatchesPostalCode('13201', '13002')).toBe(false);
    expect(communeMatchesPostalCode('99999', '13001')).toBe(false);
  });
});
