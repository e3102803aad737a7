import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, type RawReference, pruneReference } from '../../scripts/build-reference';
import { type ReferenceData, REFERENCE_FORMAT, decodeReference, encodeReference } from '../../shared/reference/codec';
import {
  communeMatchesPostalCode,
  communesOfEpci,
  findCommunesByPostalCode,
  getCommune,
  getDepartement,
  getEpci,
  getRegion,
  isKnownPostalCode,
  referenceSource,
} from '../../shared/reference/communes';
import generated from '../../shared/reference/generated/communes.json';

const AIX_MARSEILLE_PROVENCE = '200054807';
const codes = (communes: { code: string }[]) => communes.map((c) => c.code);

describe('postal code lookup', () => {
  it('gives the Marseille arrondissement for 13001, not the whole city', () => {
    // Act
    const found = findCommunesByPostalCode('13001');

    // Assess
    expect(found).toEqual([
      {
        code: '13201',
        name: 'Marseille 1er Arrondissement',
        postalCodes: ['13001'],
        departement: '13',
        epci: AIX_MARSEILLE_PROVENCE,
        region: '93',
        population: expect.any(Number),
        parent: '13055',
      },
    ]);
    expect(found[0]!.population).toBeGreaterThan(0);
  });

  it('gives the arrondissements of Lyon and Paris too', () => {
    expect(codes(findCommunesByPostalCode('69001'))).toEqual(['69381']);
    expect(codes(findCommunesByPostalCode('75001'))).toEqual(['75101']);
    expect(codes(findCommunesByPostalCode('75116'))).toEqual(['75116']);
    expect(codes(findCommunesByPostalCode('75016'))).toEqual(['75116']);
  });

  it('gives Aix-en-Provence among the communes of 13100, sorted by name in French', () => {
    // Act
    const found = findCommunesByPostalCode('13100');

    // Assess
    expect(codes(found)).toContain('13001');
    expect(found.find((c) => c.code === '13001')?.name).toBe('Aix-en-Provence');
    expect(found.every((c) => c.postalCodes.includes('13100'))).toBe(true);
    const names = found.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
  });

  it('gives nothing for an unknown or malformed postal code', () => {
    expect(findCommunesByPostalCode('00000')).toEqual([]);
    expect(findCommunesByPostalCode(' 13001')).toEqual([]);
    expect(findCommunesByPostalCode('')).toEqual([]);
    expect(isKnownPostalCode('00000')).toBe(false);
    expect(isKnownPostalCode('13001')).toBe(true);
    expect(isKnownPostalCode('20000')).toBe(true);
  });

  it('finds a commune with several postal codes under each of them', () => {
    // Arrange
    const aix = getCommune('13001');

    // Assess
    expect(aix?.postalCodes).toEqual(['13080', '13090', '13100', '13290', '13540']);
    for (const pc of aix!.postalCodes) expect(codes(findCommunesByPostalCode(pc))).toContain('13001');
  });

  it('handles Corsican codes', () => {
    expect(getCommune('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A', region: '94' });
    expect(getCommune('2A004')?.postalCodes).toContain('20000');
    expect(codes(findCommunesByPostalCode('20000'))).toContain('2A004');
    expect(getDepartement('2A')).toEqual({ code: '2A', name: 'Corse-du-Sud', region: '94' });
    expect(getRegion('94')).toEqual({ code: '94', name: 'Corse' });
  });

  it('handles overseas communes whose postal codes do not start with the département code', () => {
    expect(getCommune('97701')).toMatchObject({ name: 'Saint-Barthélemy', departement: '977', region: '977', epci: null });
    expect(getCommune('97701')?.postalCodes).toEqual(['97133']);
    expect(codes(findCommunesByPostalCode('97133'))).toEqual(['97701']);
  });

  it('lists every commune under each postal code it serves, unless its arrondissements stand for it', () => {
    // Arrange
    const all = (generated as unknown as { communes: { count: number } }).communes.count;
    const seen = new Set<string>();

    // Act
    for (const c of decodeReference(generated as never).communes) {
      for (const pc of c.postalCodes) {
        const found = codes(findCommunesByPostalCode(pc));
        if (found.includes(c.code)) seen.add(c.code);
        else expect(['13055', '69123', '75056']).toContain(c.code);
      }
    }

    // Assess
    expect(seen.size).toBe(all - 3);
  });
});

describe('communes, départements, regions and EPCI', () => {
  it('gives Aix-en-Provence and Marseille 1er Arrondissement the Aix-Marseille-Provence metropolis', () => {
    expect(getCommune('13001')?.epci).toBe(AIX_MARSEILLE_PROVENCE);
    expect(getCommune('13201')?.epci).toBe(AIX_MARSEILLE_PROVENCE);
    expect(getCommune('13055')?.epci).toBe(AIX_MARSEILLE_PROVENCE);
    expect(getEpci(AIX_MARSEILLE_PROVENCE)).toEqual({ code: AIX_MARSEILLE_PROVENCE, name: "Métropole d'Aix-Marseille-Provence" });
  });

  it('keeps the whole city next to its arrondissements, with all their postal codes', () => {
    const marseille = getCommune('13055');
    expect(marseille).toMatchObject({ name: 'Marseille', departement: '13', region: '93' });
    expect(marseille?.parent).toBeUndefined();
    expect(marseille?.postalCodes).toHaveLength(16);
  });

  it('knows département 13 and region 93', () => {
    expect(getDepartement('13')).toEqual({ code: '13', name: 'Bouches-du-Rhône', region: '93' });
    expect(getRegion('93')).toEqual({ code: '93', name: "Provence-Alpes-Côte d'Azur" });
    expect(getDepartement('00')).toBeUndefined();
    expect(getRegion('00')).toBeUndefined();
    expect(getEpci('000000000')).toBeUndefined();
    expect(getCommune('99999')).toBeUndefined();
  });

  it('lists the communes of an EPCI as used in addresses: Marseille as its 16 arrondissements', () => {
    // Act
    const members = communesOfEpci(AIX_MARSEILLE_PROVENCE);

    // Assess
    const memberCodes = codes(members);
    expect(memberCodes).toContain('13001');
    for (let n = 1; n <= 16; n += 1) expect(memberCodes).toContain(`132${String(n).padStart(2, '0')}`);
    expect(memberCodes).not.toContain('13055');
    expect(members.every((c) => c.epci === AIX_MARSEILLE_PROVENCE)).toBe(true);
    expect(memberCodes).toEqual([...memberCodes].sort());
    expect(members.length).toBeGreaterThan(90);
    expect(communesOfEpci('000000000')).toEqual([]);
  });

  it('checks that a commune serves a postal code', () => {
    expect(communeMatchesPostalCode('13201', '13002')).toBe(false);
    expect(communeMatchesPostalCode('13201', '13001')).toBe(true);
    expect(communeMatchesPostalCode('13001', '13100')).toBe(true);
    expect(communeMatchesPostalCode('13055', '13001')).toBe(true);
    expect(communeMatchesPostalCode('99999', '13001')).toBe(false);
  });

  it('hands out results that a caller cannot corrupt', () => {
    // Arrange
    const found = findCommunesByPostalCode('13001');

    // Act
    found.pop();

    // Assess
    expect(findCommunesByPostalCode('13001')).toHaveLength(1);
    expect(() => {
      getCommune('13001')!.postalCodes.push('99999');
    }).toThrow(TypeError);
    expect(getCommune('13001')?.postalCodes).not.toContain('99999');
  });
});

describe('generated file', () => {
  it('stays within the 1.5 MB budget for what Lambdas bundle', () => {
    expect(statSync(OUTPUT).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('is in the current format and names its source', () => {
    expect((generated as { format: number }).format).toBe(REFERENCE_FORMAT);
    expect(referenceSource()).toMatch(/^@etalab\/decoupage-administratif@\d+\.\d+\.\d+$/);
  });
});

describe('pruning (build step)', () => {
  const raw = (communes: RawReference['communes']): RawReference => ({
    source: 'test@1.0.0',
    communes,
    epci: [{ code: '200000001', nom: 'CA Test', membres: [{ code: '13001' }, { code: '13055' }] }],
    departements: [{ code: '13', nom: 'Bouches-du-Rhône', region: '93' }],
    regions: [{ code: '93', nom: "Provence-Alpes-Côte d'Azur" }],
  });
  const current = { departement: '13', region: '93', type: 'commune-actuelle' };

  it('keeps arrondissements with their parent and its EPCI, and drops communes without postal codes', () => {
    // Act
    const pruned = pruneReference(
      raw([
        { ...current, code: '13055', nom: 'Marseille', codesPostaux: ['13002', '13001'], population: 10 },
        { ...current, code: '13201', nom: 'Marseille 1er', type: 'arrondissement-municipal', commune: '13055', codesPostaux: ['13001'], population: 4 },
        { ...current, code: '13999', nom: 'Sans code postal' },
      ]),
    );

    // Assess
    expect(pruned.communes).toEqual([
      { code: '13055', name: 'Marseille', postalCodes: ['13001', '13002'], departement: '13', epci: '200000001', region: '93', population: 10 },
      { code: '13201', name: 'Marseille 1er', postalCodes: ['13001'], departement: '13', epci: '200000001', region: '93', population: 4, parent: '13055' },
    ]);
  });

  it('drops a delegated commune that duplicates a postal code, keeps one that alone serves a postal code', () => {
    // Act
    const pruned = pruneReference(
      raw([
        { ...current, code: '13001', nom: 'Chef-lieu', codesPostaux: ['13100'] },
        { ...current, code: '13002', nom: 'Doublon', type: 'commune-deleguee', chefLieu: '13001', codesPostaux: ['13100'] },
        { ...current, code: '13003', nom: 'Seule', type: 'commune-associee', chefLieu: '13001', codesPostaux: ['13190'] },
      ]),
    );

    // Assess
    expect(codes(pruned.communes)).toEqual(['13001', '13003']);
    expect(pruned.communes[1]).toMatchObject({ postalCodes: ['13190'], parent: '13001', epci: '200000001', population: 0 });
  });

  it('gives a lone postal code to the chef-lieu when the delegated commune shares its code', () => {
    // Act
    const pruned = pruneReference(
      raw([
        { ...current, code: '13001', nom: 'Commune nouvelle', codesPostaux: ['13100'] },
        { ...current, code: '13001', nom: 'Ancienne commune', type: 'commune-deleguee', chefLieu: '13001', codesPostaux: ['13190'] },
      ]),
    );

    // Assess
    expect(pruned.communes).toHaveLength(1);
    expect(pruned.communes[0]).toMatchObject({ name: 'Commune nouvelle', postalCodes: ['13100', '13190'] });
  });

  it('refuses data whose département is not the code prefix', () => {
    expect(() => pruneReference(raw([{ ...current, code: '84001', nom: 'Ailleurs', codesPostaux: ['84000'] }]))).toThrow(/84001/);
  });
});

describe('encoding', () => {
  it('round-trips large code steps, Corsica, overseas and postal codes outside the département prefix', () => {
    // Arrange
    const base = { epci: null, population: 1 };
    const data: ReferenceData = {
      source: 'test@1.0.0',
      regions: [{ code: '94', name: 'Corse' }, { code: '93', name: 'PACA' }, { code: '977', name: 'Saint-Barthélemy' }, { code: '01', name: 'Guadeloupe' }],
      departements: [{ code: '2A', name: 'Corse-du-Sud', region: '94' }, { code: '13', name: 'BdR', region: '93' }, { code: '977', name: 'Saint-Barthélemy', region: '977' }, { code: '971', name: 'Guadeloupe', region: '01' }],
      epcis: [{ code: '200054807', name: 'AMP' }],
      communes: [
        { ...base, code: '13001', name: 'A', postalCodes: ['13100', '13290'], departement: '13', region: '93', epci: '200054807' },
        { ...base, code: '13002', name: 'B', postalCodes: ['84000'], departement: '13', region: '93' },
        { ...base, code: '13099', name: 'C', postalCodes: ['13999'], departement: '13', region: '93' },
        { ...base, code: '13201', name: 'D', postalCodes: ['13001'], departement: '13', region: '93', parent: '13001' },
        { ...base, code: '2A004', name: 'E', postalCodes: ['20000'], departement: '2A', region: '94' },
        { ...base, code: '2A006', name: 'F', postalCodes: ['20167'], departement: '2A', region: '94' },
        { ...base, code: '97101', name: 'G', postalCodes: ['97139'], departement: '971', region: '01' },
        { ...base, code: '97701', name: 'H', postalCodes: ['97133'], departement: '977', region: '977' },
      ],
    };

    // Act
    const encoded = encodeReference(data);

    // Assess
    expect(decodeReference(encoded)).toEqual({ ...data, communes: [...data.communes].sort((a, b) => (a.code < b.code ? -1 : 1)) });
  });

  it('refuses a file of another format with a hint to rebuild it', () => {
    expect(() => decodeReference({ format: 0 } as never)).toThrow(/npm run prepare/);
  });
});
