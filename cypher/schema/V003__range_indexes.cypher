// V003: range indexes for time windows (stance and interaction dates, document and event dates)
// and for finding every relationship that a document supports (provenance `doc`).
CREATE INDEX document_published IF NOT EXISTS FOR (n:Document) ON (n.published);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX demands_date IF NOT EXISTS FOR ()-[r:DEMANDS]-() ON (r.date);
CREATE INDEX proposes_date IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.date);
CREATE INDEX commits_to_date IF NOT EXISTS FOR ()-[r:COMMITS_TO]-() ON (r.date);
CREATE INDEX supports_date IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.date);
CREATE INDEX rejects_date IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.date);
CREATE INDEX opposes_date IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.date);
CREATE INDEX warns_date IF NOT EXISTS FOR ()-[r:WARNS]-() ON (r.date);
CREATE INDEX accuses_date IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.date);
CREATE INDEX meets_date IF NOT EXISTS FOR ()-[r:MEETS]-() ON (r.date);
CREATE INDEX demands_doc IF NOT EXISTS FOR ()-[r:DEMANDS]-() ON (r.doc);
CREATE INDEX proposes_doc IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.doc);
CREATE INDEX commits_to_doc IF NOT EXISTS FOR ()-[r:COMMITS_TO]-() ON (r.doc);
CREATE INDEX supports_doc IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.doc);
CREATE INDEX rejects_doc IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.doc);
CREATE INDEX opposes_doc IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.doc);
CREATE INDEX warns_doc IF NOT EXISTS FOR ()-[r:WARNS]-() ON (r.doc);
CREATE INDEX accuses_doc IF NOT EXISTS FOR ()-[r:ACCUSES]-() ON (r.doc);
CREATE INDEX meets_doc IF NOT EXISTS FOR ()-[r:MEETS]-() ON (r.doc);
