// documents-list: every document with its date, title, publisher and what is coded from it:
// accepted stances and interactions, and suggestions waiting for review.
// params: none
// returns: {id, title, published, publisher, url, language, length, coded, suggested}
MATCH (d:Document)
CALL (d) {
  OPTIONAL MATCH ()-[r]->() WHERE r.doc = d.id AND r.quote IS NOT NULL
  RETURN count(CASE WHEN coalesce(r.status, 'accepted') = 'accepted' THEN r END) AS coded,
    count(CASE WHEN r.status = 'suggested' THEN r END) AS suggested
}
RETURN d.id AS id, d.title AS title, toString(d.published) AS published, d.publisher AS publisher,
  d.url AS url, d.language AS language, size(coalesce(d.text, '')) AS length, coded, suggested
ORDER BY d.published DESC, d.title
