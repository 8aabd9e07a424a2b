import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { TeamGate } from './features/team/TeamGate.js';
import './styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <TeamGate>
    <App />
  </TeamGate>,
);
