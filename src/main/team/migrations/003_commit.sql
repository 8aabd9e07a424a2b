-- One commit = one statement. The part of a commit that needs the project's row lock (claim the
-- idempotency key, refuse a conflict, notice a change the caller's validation did not see, write
-- the rows, append the change set at the next revision, NOTIFY) runs inside the database, so the
-- lock is held for the server's own work and never across a network round trip. Everything else
-- (building the change, validating it against the caller's copy, serialising) happens before.
--
-- Answers one JSON object:
--   {"status":"committed","rev":R,"behind":[…]}  written at revision R; "behind" are the change
--                                                 sets after p_held and before R, in order
--   {"status":"stale","behind":[…]}               a change set after p_snapshot touched what the
--                                                 caller's validation read: catch up with "behind" (after p_held),
--                                                 validate again, call again. Nothing was written.
--   {"status":"far-behind"}                       the caller's copy is over 500 revisions old: catch
--                                                 up from the log, validate again, call again
--   {"status":"conflict","rev":N,"key":"c/k"}     another author changed item c/k at revision N,
--                                                 after p_base: refused, nothing written
--   {"status":"replay"}                           p_idem_key was already claimed: nothing written
--   {"status":"not-found"}                        no such project
CREATE FUNCTION casecoder_commit(
  p_project        text,
  p_snapshot       bigint,   -- the revision of the copy the change was validated against
  p_held           bigint,   -- the caller holds every change set up to this revision (>= p_snapshot)
  p_base           bigint,   -- changes by others after this revision to the same items are conflicts
  p_author         text,
  p_coder          text,
  p_client         text,
  p_label          text,
  p_changes        jsonb,
  p_meta           jsonb,    -- project-level fields the change sets ('{}' for none)
  p_keys           text[],   -- 'collection/key' of every item the change touches
  p_dep_collections text[],  -- collections whose every change invalidates the caller's validation
  p_idem_key       text,     -- NULL: no key to claim
  p_idem_hash      text,
  p_removed_colls  text[],   -- removals: collection and key, pairwise
  p_removed_keys   text[],
  p_colls          text[],   -- upserts: collection, key, coder layer, position in the change, JSON, pairwise
  p_item_keys      text[],
  p_item_coders    text[],
  p_positions      bigint[],
  p_data           text[],
  p_channel        text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_head  bigint;
  v_rev   bigint;
  v_clash record;
BEGIN
  SELECT head_rev INTO v_head FROM projects WHERE id = p_project FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'not-found');
  END IF;
  -- A retry whose first attempt committed (a concurrent duplicate waited for the lock above).
  IF p_idem_key IS NOT NULL AND EXISTS (SELECT 1 FROM idempotency_keys WHERE author = coalesce(p_author, '') AND key = p_idem_key) THEN
    RETURN jsonb_build_object('status', 'replay');
  END IF;
  IF cardinality(p_keys) > 0 THEN
    SELECT cs.rev, (SELECT k FROM unnest(cs.keys) k WHERE k = ANY (p_keys) LIMIT 1) AS key INTO v_clash
      FROM change_sets cs
     WHERE cs.project_id = p_project AND cs.rev > p_base AND cs.author IS DISTINCT FROM p_author AND cs.keys && p_keys
     ORDER BY cs.rev LIMIT 1;
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'conflict', 'rev', v_clash.rev, 'key', v_clash.key);
    END IF;
  END IF;
  IF v_head - p_snapshot > 500 THEN
    RETURN jsonb_build_object('status', 'far-behind');
  END IF;
  IF v_head > p_snapshot AND EXISTS (
       SELECT 1 FROM change_sets cs
        WHERE cs.project_id = p_project AND cs.rev > p_snapshot
          AND (cs.keys && p_keys
               OR coalesce(cs.changes -> 'project', '{}') <> '{}'
               OR EXISTS (SELECT 1 FROM unnest(cs.keys) k WHERE split_part(k, '/', 1) = ANY (p_dep_collections)))) THEN
    RETURN jsonb_build_object('status', 'stale', 'behind', casecoder_changes_between(p_project, greatest(p_snapshot, p_held), v_head));
  END IF;

  v_rev := v_head + 1;
  IF p_idem_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (author, key, project_id, request_hash, rev) VALUES (coalesce(p_author, ''), p_idem_key, p_project, p_idem_hash, v_rev);
  END IF;
  -- Removals become tombstones, then upserts replace items in place or append them:
  -- ord = rev·2^32 + position, so later revisions append after earlier ones, in array order.
  UPDATE items i SET data = NULL, rev = v_rev
    FROM unnest(p_removed_colls, p_removed_keys) AS r(coll, key)
   WHERE i.project_id = p_project AND i.collection = r.coll AND i.key = r.key;
  INSERT INTO items (project_id, collection, key, coder_id, ord, data, rev)
    SELECT p_project, t.coll, t.key, t.coder, v_rev * 4294967296 + t.pos, t.data::jsonb, v_rev
      FROM unnest(p_colls, p_item_keys, p_item_coders, p_positions, p_data) AS t(coll, key, coder, pos, data)
  ON CONFLICT (project_id, collection, key) DO UPDATE
    SET data = excluded.data, rev = excluded.rev, coder_id = excluded.coder_id,
        ord = CASE WHEN items.data IS NULL THEN excluded.ord ELSE items.ord END;
  UPDATE projects SET head_rev = v_rev, meta = meta || p_meta WHERE id = p_project;
  INSERT INTO change_sets (project_id, rev, author, coder_id, client, label, changes, keys, idempotency_key)
    VALUES (p_project, v_rev, p_author, p_coder, p_client, p_label, p_changes, p_keys, p_idem_key);
  PERFORM pg_notify(p_channel, json_build_object('project', p_project, 'rev', v_rev)::text);
  RETURN jsonb_build_object('status', 'committed', 'rev', v_rev, 'behind', casecoder_changes_between(p_project, greatest(p_snapshot, p_held), v_head));
END $$;

-- The change sets of a project after revision p_after up to p_upto, in order, as [{rev, changes}].
CREATE FUNCTION casecoder_changes_between(p_project text, p_after bigint, p_upto bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('rev', rev, 'changes', changes) ORDER BY rev), '[]'::jsonb)
    FROM change_sets WHERE project_id = p_project AND rev > p_after AND rev <= p_upto
$$;
