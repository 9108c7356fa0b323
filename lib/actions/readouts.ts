'use server';

import { permissionGuard } from '@/lib/auth/action-guard';
import { parseReadout } from '@/lib/data/readouts';
import { issueFields } from '@/lib/validation/issues';
import { invalidState } from './kit/invalid';
import { ZReadoutInput } from '@/lib/validation/readout';
import type { ReadoutPanelState } from '@/lib/validation/readout';

/*
 * The "Paste a readout" panel's action: the same parser as
 * POST /api/v1/readouts/parse. It writes nothing, but it is part of the
 * log-a-contact page, so it asks for the same permission as logging one.
 */

const withPermission = permissionGuard<ReadoutPanelState>((formData) => ({ values: panelValues(formData) }));

function panelValues(formData: FormData) {
  const get = (key: string) => {
    const value = formData.get(key);
    return typeof value === 'string' ? value : '';
  };
  return { text: get('text'), url: get('url'), publishedAt: get('publishedAt') };
}

/** Reads the pasted readout into a proposal, or says what is wrong with the panel's fields. */
export const parseReadoutAction = withPermission('contact:create', async (_user, formData) => {
  const values = panelValues(formData);
  const parsed = ZReadoutInput.safeParse(values);
  if (!parsed.success) {
    return invalidState(issueFields(parsed.error, false).fields, values);
  }
  const analysis = await parseReadout(parsed.data);
  return { ok: true, message: analysis.message, analysis, values };
});
