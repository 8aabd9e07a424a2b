-- Accounts, project roles, sessions, login throttling, opened comparisons and account events of
-- the team server. Only hashes of secrets are stored: scrypt PHC strings for passwords, SHA-256 of
-- session ids (a leaked table does not log anyone in).

CREATE TABLE users (
  id                  text PRIMARY KEY,
  -- Logins are compared lower-cased; the check keeps the stored form canonical.
  login               text NOT NULL UNIQUE CHECK (login = lower(login) AND login ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  -- The coder layer this account codes in (Coder.id in the project); unique so two accounts never share one.
  coder_id            text NOT NULL UNIQUE,
  disabled_at         timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  project_id text NOT NULL,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('owner', 'coder', 'adjudicator', 'viewer')),
  PRIMARY KEY (project_id, user_id)
);

-- A project that has members has at least one owner: checked at commit, so a transaction may
-- hand ownership over (add the new owner, demote the old one) in either order.
CREATE FUNCTION memberships_keep_an_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  project text := CASE TG_OP WHEN 'DELETE' THEN OLD.project_id ELSE NEW.project_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM memberships WHERE project_id = project)
     AND NOT EXISTS (SELECT 1 FROM memberships WHERE project_id = project AND role = 'owner') THEN
    RAISE EXCEPTION 'project % would have no owner', project USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER memberships_one_owner
  AFTER INSERT OR UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION memberships_keep_an_owner();

CREATE TABLE sessions (
  -- SHA-256 of the 256-bit session id; the id itself lives only in the browser's cookie.
  id_hash      bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
  user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins per key: 'account:<login>' (exponential delay) and 'ip:<address>' (a ceiling per window).
CREATE TABLE login_throttle (
  key           text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  window_start  timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz
);

-- Comparison opened by an owner or adjudicator: while a document (or case, for ratings and case
-- memos) is not listed here, coders see only their own layer of it. target_id '*' opens everything.
CREATE TABLE comparison_open (
  project_id text NOT NULL,
  scope      text NOT NULL CHECK (scope IN ('document', 'case', 'all')),
  target_id  text NOT NULL,
  opened_by  text NOT NULL REFERENCES users (id),
  opened_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, scope, target_id)
);

-- Account and access events (logins, role changes, comparison opened …), shown in the audit view
-- beside the change log's change sets.
CREATE TABLE auth_events (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor_id  text REFERENCES users (id) ON DELETE SET NULL,
  action    text NOT NULL,
  subject   text,
  detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX auth_events_at ON auth_events (at DESC);
