import { ClaimTimeoutError, EventIdLedger } from './event-id-ledger';

const never = new Promise<never>(() => undefined);
const A = '6f1c2a9e-0000-4000-8000-00000000000a';
const B = '6f1c2a9e-0000-4000-8000-00000000000b';

describe('EventIdLedger', () => {
  it('hands out new ids and reports remembered ones as known', async () => {
    const ledger = new EventIdLedger();
    ledger.remember([A]);
    const claim = await ledger.claim([A, B], never);
    expect(claim).toEqual({ claimed: [B], known: [A] });
    expect(ledger.pendingCount).toBe(1);
  });

  it('treats ids that differ only in case as one', async () => {
    const ledger = new EventIdLedger();
    ledger.remember([A.toUpperCase()]);
    expect((await ledger.claim([A], never)).known).toEqual([A]);
    expect(ledger.isWritten(A.toUpperCase())).toBe(true);
  });

  it('makes a second claim on an id wait, then see it as known once the first write is confirmed', async () => {
    const ledger = new EventIdLedger();
    await ledger.claim([A], never);
    let second: unknown;
    const waiting = ledger.claim([A], never).then((c) => (second = c));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined();

    ledger.confirm([A]);
    await waiting;
    expect(second).toEqual({ claimed: [], known: [A] });
    expect(ledger.size).toBe(1);
    expect(ledger.pendingCount).toBe(0);
  });

  it('lets a waiting claim take over an id whose first write failed', async () => {
    const ledger = new EventIdLedger();
    await ledger.claim([A], never);
    const waiting = ledger.claim([A], never);
    ledger.release([A]);
    expect(await waiting).toEqual({ claimed: [A], known: [] });
    expect(ledger.isWritten(A)).toBe(false);
  });

  it('gives up waiting when told to', async () => {
    const ledger = new EventIdLedger();
    await ledger.claim([A], never);
    await expect(ledger.claim([A, B], Promise.resolve())).rejects.toBeInstanceOf(ClaimTimeoutError);
    // nothing of the abandoned claim is held
    expect((await ledger.claim([B], never)).claimed).toEqual([B]);
  });
});
