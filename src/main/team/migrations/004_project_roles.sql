-- Roles per project: one server may host several projects, and an account's role (membership)
-- in one grants nothing in another. Memberships and opened comparisons were already keyed by
-- project; account events were not, so every project's owner saw every project's audit events.
-- From now on an event names its project (NULL: account-wide, e.g. a sign-in, shown to the
-- owners of the projects the account belongs to). Independent of 003.

ALTER TABLE auth_events ADD COLUMN project_id text;

-- Events written before this migration belong to the only project that had members, when
-- there was exactly one; sign-ins stay account-wide.
UPDATE auth_events SET project_id = (SELECT min(project_id) FROM memberships)
 WHERE action <> 'login' AND (SELECT count(DISTINCT project_id) FROM memberships) = 1;

CREATE INDEX auth_events_project_at ON auth_events (project_id, at DESC);

-- An account's memberships, looked up at every request of a multi-project server.
CREATE INDEX memberships_user ON memberships (user_id);
