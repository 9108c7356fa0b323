import { test as setup } from '@playwright/test';
import { signIn, storageState, type AccountName } from './auth';

const NAMES: AccountName[] = ['viewer', 'researcher', 'researcher2', 'admin'];

for (const name of NAMES) {
  setup(`sign in as ${name}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, name);
    await context.storageState({ path: storageState(name) });
    await context.close();
  });
}
