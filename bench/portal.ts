/** The portal measurement: serve built disclosures, load one disclosure page with autocannon. */
export async function portalPhase(_p: Record<string, unknown>, _root: string): Promise<Record<string, unknown>> {
  return { notMeasured: 'the portal (gongkai serve) has not landed yet' };
}
