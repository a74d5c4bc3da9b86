/**
 * The key two spellings of one name share: lower case, without spaces, '-', '_' or '.'. Sensor types
 * ("HC_SR04", "hc-sr04", "HC.SR04"), places ("Living Room", "living_room"), scenarios and board models are
 * all matched by it, on every layer (the catalogue, the firmware, the datapool's router, the agents), so a
 * name one of them accepts is accepted by all.
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}
