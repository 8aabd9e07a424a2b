-- Team server core: projects, their items, immutable document sources, the change log, and
-- idempotency keys. One change set = one transaction that bumps projects.head_rev under the
-- project's row lock, so revision order equals commit order within a project.

CREATE TABLE projects (
  id          text PRIMARY KEY,
  format      text NOT NULL,
  schema_version integer NOT NULL,
  meta        jsonb NOT NULL,            -- ProjectMeta (id, name, created, codebookVersion)
  head_rev    bigint NOT NULL DEFAULT 0, -- the revision of the last change set
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per item of every collection (coders, codebook, cases, documents, codings, ratings,
-- memos, …). coder_id is a column so the blind-visibility rules are a SQL predicate. A removed
-- item keeps its row with data NULL: its rev still answers "who changed it since revision N".
CREATE TABLE items (
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  collection  text NOT NULL,
  key         text NOT NULL,
  coder_id    text,
  ord         bigint NOT NULL,           -- array order within the collection
  data        jsonb,
  rev         bigint NOT NULL,
  PRIMARY KEY (project_id, collection, key)
);
CREATE INDEX items_live ON items (project_id, collection, ord) WHERE data IS NOT NULL;
CREATE INDEX items_by_coder ON items (project_id, collection, coder_id) WHERE data IS NOT NULL;

-- Immutable document content (SourceContent), written before the document that references it.
CREATE TABLE sources (
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id          text NOT NULL,
  content     jsonb NOT NULL,
  PRIMARY KEY (project_id, id)
);

-- The change log: every committed change set, its revision, its author and what it touched.
CREATE TABLE change_sets (
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  rev         bigint NOT NULL,
  author      text,                      -- the account (user id); NULL for the CLI's push
  coder_id    text,                      -- the coder layer the author codes as
  client      text,
  label       text NOT NULL,
  changes     jsonb NOT NULL,
  keys        text[] NOT NULL,           -- 'collection/key' of every item touched
  idempotency_key text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, rev)
);

-- Idempotency: a retried request (same author, same key) gets the stored response; the same key
-- with a different body is refused. Claimed in the transaction of the change it guards.
CREATE TABLE idempotency_keys (
  author       text NOT NULL,
  key          text NOT NULL,
  project_id   text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  request_hash text NOT NULL,
  rev          bigint,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (author, key)
);
