import { COMPLAINT_STATUSES, type TComplaintAction } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { decisionDueAt, reviewDueAt, startsAtProvince, tierOfLevel, viewComplaintClock } from './complaint-clocks.ts';
import { COMPLAINT_MOVES, complaintActionsFrom, isArchived, nextComplaintStatus } from './complaint-status.ts';

const DAY = 86_400_000;

describe('complaint procedure', () => {
  it('walks receive → verify → register → handle → decide → accepted (closed)', () => {
    let s = nextComplaintStatus('received', 'verify')!;
    expect(s).toBe('verified');
    s = nextComplaintStatus(s, 'register')!;
    expect(s).toBe('registered');
    expect(nextComplaintStatus(s, 'transfer')).toBe('registered');
    s = nextComplaintStatus(s, 'coordinate')!;
    expect(s).toBe('handling');
    s = nextComplaintStatus(s, 'decide')!;
    expect(s).toBe('decided');
    expect(nextComplaintStatus(s, 'record_response', 'accepts')).toBe('closed');
    expect(nextComplaintStatus(s, 'record_response', 'disputes')).toBe('reviewing');
    expect(nextComplaintStatus('reviewing', 'decide_review')).toBe('closed');
  });

  it('refuses every action outside its table, exhaustively; an archived complaint only reopens', () => {
    for (const status of COMPLAINT_STATUSES) {
      for (const action of Object.keys(COMPLAINT_MOVES) as TComplaintAction[]) {
        const allowed = (COMPLAINT_MOVES[action].from as readonly string[]).includes(status);
        expect(nextComplaintStatus(status, action, 'accepts') !== null, `${status} × ${action}`).toBe(allowed);
      }
      if (isArchived(status)) expect(complaintActionsFrom(status)).toEqual(['reopen']);
    }
    expect(nextComplaintStatus('received', 'decide')).toBeNull();
    expect(nextComplaintStatus('closed', 'decide')).toBeNull();
    expect(nextComplaintStatus('closed', 'reopen')).toBe('handling');
  });
});

describe('complaint clocks (fake clock)', () => {
  const received = new Date('2026-10-08T02:00:00.000Z');
  it('decision in 15 days, 30 after one extension, 60 after the second', () => {
    expect(decisionDueAt(received, 0).toISOString()).toBe('2026-10-23T02:00:00.000Z');
    expect(decisionDueAt(received, 1).getTime() - received.getTime()).toBe(30 * DAY);
    expect(decisionDueAt(received, 2).getTime() - received.getTime()).toBe(60 * DAY);
    expect(reviewDueAt(received).getTime() - received.getTime()).toBe(30 * DAY);
  });

  it('warns in the last 3 days, breaches after the deadline, is met when stopped in time', () => {
    const due = decisionDueAt(received, 0);
    expect(viewComplaintClock('decision', due, 15, null, new Date(due.getTime() - 4 * DAY))).toMatchObject({ state: 'running', warning: false });
    expect(viewComplaintClock('decision', due, 15, null, new Date(due.getTime() - 2 * DAY))).toMatchObject({ state: 'running', warning: true, remainingMs: 2 * DAY });
    expect(viewComplaintClock('decision', due, 15, null, new Date(due.getTime() + 1))).toMatchObject({ state: 'breached', warning: false });
    expect(viewComplaintClock('decision', due, 15, new Date(due.getTime() - DAY), new Date(due.getTime() + 9 * DAY))).toMatchObject({ state: 'met', remainingMs: null });
    expect(viewComplaintClock('decision', due, 15, new Date(due.getTime() + DAY), new Date(due.getTime() + 9 * DAY))).toMatchObject({ state: 'breached' });
  });

  it('places complaints: tiers by unit level; severity, collective and regulator transfers start at the province', () => {
    expect([tierOfLevel('outlet'), tierOfLevel('city'), tierOfLevel('province'), tierOfLevel('hq')]).toEqual(['city', 'city', 'province', 'hq']);
    expect(startsAtProvince({ severity: 'normal', collective: false, channel: 'hotline' })).toBeNull();
    expect(startsAtProvince({ severity: 'serious', collective: false, channel: 'hotline' })).toBeNull();
    expect(startsAtProvince({ severity: 'critical', collective: false, channel: 'hotline' })).toBe('severity');
    expect(startsAtProvince({ severity: 'normal', collective: true, channel: 'counter' })).toBe('collective');
    expect(startsAtProvince({ severity: 'normal', collective: false, channel: 'regulator' })).toBe('regulator_transfer');
  });
});
