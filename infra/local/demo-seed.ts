/**
 * Placeholder until the lead lands the real seed (partners always, the demo programme with --demo).
 * Same signatures as the real module, so `npm start` runs meanwhile.
 */
export interface SeedContext {
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
}

/** Idempotent partner seed; the placeholder writes nothing. */
export async function seedPartners(ctx: SeedContext): Promise<number> {
  ctx.log('partner seed not available yet / semis des partenaires pas encore disponible');
  return 0;
}

/** Demo programme (250 mentors, 34 partners, tandems at every stage); the placeholder writes nothing. */
export async function seedDemo(ctx: SeedContext): Promise<void> {
  ctx.log('demo seed not available yet / jeu de démonstration pas encore disponible');
}
