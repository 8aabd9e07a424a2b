import type { ComponentType } from 'react';
import { ReaderPane } from './ReaderPane.js';
import { PassagesView } from '../features/workflow/PassagesView.js';
import { CasesView } from '../features/cases/CasesView.js';
import { CompareView } from '../features/compare/CompareView.js';
import { MatricesView } from '../features/matrix/MatricesView.js';

/**
 * The workspace's main views, shown as tabs. Each area registers its view here with one entry;
 * `sidebars` says whether the document list and codebook panel stay beside it.
 */
export interface MainView {
  id: string;
  label: string;
  /** Alt+<key> switches to this view. */
  key: string;
  sidebars: boolean;
  component: ComponentType;
}

export const MAIN_VIEWS: MainView[] = [
  { id: 'reader', label: 'Reader', key: 'r', sidebars: true, component: ReaderPane },
  { id: 'passages', label: 'Passages', key: 'p', sidebars: false, component: PassagesView },
  { id: 'cases', label: 'Cases', key: 'c', sidebars: false, component: CasesView },
  { id: 'compare', label: 'Compare', key: 'a', sidebars: false, component: CompareView },
  { id: 'matrices', label: 'Matrices', key: 'm', sidebars: false, component: MatricesView },
];
