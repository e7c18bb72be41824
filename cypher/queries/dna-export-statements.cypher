// dna-export-statements: the statements imported from DNA .dna files (`source: 'dna'`), as rDNA's
// dna_getStatements() lists them (server/import/dna-export.ts): the DNA record, document, offsets,
// coder, who spoke (a Person) and for whom, the concept (claim text) and agreement.
// params: positive: [string], negative: [string] (stance types by polarity)
// returns: {record: string, doc: string, start: int, end: int, coder: string|null, person: string,
//   organization: string, concept: string, agreement: 0|1}
MATCH (a:Actor)-[r]->(c:Claim)
WHERE r.source = 'dna' AND (type(r) IN $positive OR type(r) IN $negative)
OPTIONAL MATCH (o:Actor {id: r.onBehalfOf})
RETURN r.record AS record, r.doc AS doc, r.start AS start, r.end AS end, r.coder AS coder,
  CASE WHEN a:Person THEN a.name ELSE '' END AS person,
  CASE WHEN o IS NOT NULL THEN o.name WHEN a:Person THEN '' ELSE a.name END AS organization,
  c.text AS concept,
  CASE WHEN type(r) IN $positive THEN 1 ELSE 0 END AS agreement
