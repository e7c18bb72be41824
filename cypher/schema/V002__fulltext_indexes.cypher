// V002: full-text search (Lucene) over what people type into the search box: actor names and
// aliases, claim texts, topic and event names.
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases];
CREATE FULLTEXT INDEX claim_texts IF NOT EXISTS FOR (n:Claim) ON EACH [n.text, n.aliases];
CREATE FULLTEXT INDEX topic_event_names IF NOT EXISTS FOR (n:Topic|Event) ON EACH [n.name];
