// gazetteer-claims: every claim with its text and aliases, for extraction to match claims to (stancegraph extract).
// params: none
// returns: one row per claim {id, text, aliases}, ordered by id
MATCH (c:Claim)
RETURN c.id AS id, c.text AS text, coalesce(c.aliases, []) AS aliases
ORDER BY id
