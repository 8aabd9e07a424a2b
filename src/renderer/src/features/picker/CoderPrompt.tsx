import { useEffect, useState } from 'react';
import { api } from '../../lib/api.js';
import { useProject } from '../../state/project-store.js';

/**
 * First run: the user names themself. Every coding records its coder, so double coding and
 * agreement statistics know who did what. Shown whenever a writable project has no session coder.
 */
export function CoderPrompt(): React.JSX.Element | null {
  const needed = useProject((s) => !!s.view && !s.view.readOnly && !s.view.coderId);
  const useCoder = useProject((s) => s.useCoder);
  const [name, setName] = useState('');
  useEffect(() => {
    if (!needed) return;
    void api.call('app.info', {}).then((r) => {
      if (r.ok) setName((n) => n || r.value.suggestedCoderName);
    });
  }, [needed]);
  if (!needed) return null;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="coder-prompt-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void useCoder(name.trim());
        }}
      >
        <h2 id="coder-prompt-title">Who is coding?</h2>
        <p className="hint">Your name is stored with every passage you code, so that independent coders can be compared and merged.</p>
        <label>
          Your name
          <input autoFocus name="coder-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Start coding
        </button>
      </form>
    </div>
  );
}
