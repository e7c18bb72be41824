// A cheap estimate of how many bytes of JSON a result value becomes (its row, and its nodes and
// relationships in the graph), so the console can stop reading records at a byte budget before
// building an answer too big to send. Walks without recursion and stops once past `cap`.

import neo4j from 'neo4j-driver';

const SCALAR_BYTES = 12;
/** A node's or relationship's own fields in the row and in the graph (id, kind, labels, keys…). */
const ELEMENT_OVERHEAD = 120;

export function estimateJsonBytes(values: readonly unknown[], cap: number): number {
  const stack: unknown[] = [...values];
  let bytes = 0;
  while (stack.length > 0 && bytes <= cap) {
    const value = stack.pop();
    if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') {
      bytes += SCALAR_BYTES;
    } else if (typeof value === 'string') {
      bytes += value.length + 2;
    } else if (neo4j.isInt(value)) {
      bytes += SCALAR_BYTES;
    } else if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
      const element = value as neo4j.Node | neo4j.Relationship;
      // Twice: once in the row, once in the graph.
      bytes += 2 * ELEMENT_OVERHEAD;
      stack.push(element.properties, element.properties);
    } else if (neo4j.isPath(value)) {
      const path = value as neo4j.Path;
      stack.push(path.start);
      for (const segment of path.segments) stack.push(segment.relationship, segment.end);
    } else if (Array.isArray(value)) {
      bytes += 2 + value.length;
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) {
        bytes += key.length + 4;
        stack.push(item);
      }
    } else {
      bytes += 40; // temporal, point, bytes: a short string or a small object
    }
  }
  return bytes;
}
