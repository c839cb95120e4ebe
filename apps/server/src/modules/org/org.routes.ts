import {
  ZCreateOrgUnitRequest,
  ZCreateStaffRequest,
  ZCreatedStaff,
  ZId,
  ZOrgUnit,
  ZOrgUnitList,
  ZProblem,
  ZResetPasswordResponse,
  ZStaff,
  ZStaffList,
  ZStaffListQuery,
  ZUpdateOrgUnitRequest,
  ZUpdateStaffRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { presentOrgUnit } from './org-unit.presenter.ts';
import { createOrgUnit, listOrgUnits, updateOrgUnit } from './org-unit.service.ts';
import { presentStaff } from './staff.presenter.ts';
import { createStaff, getStaff, listStaff, resetStaffPassword, updateStaff } from './staff.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

export const orgRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/org-units',
      { schema: { tags: ['org'], summary: 'Org units in the caller’s subtree (flat; build the tree from parentId)', response: { 200: ZOrgUnitList, 401: ZProblem, 403: ZProblem } } },
      async (request) => ({ items: (await listOrgUnits(db, actorOf(request))).map(presentOrgUnit) }),
    );
    app.post(
      '/api/v1/org-units',
      { schema: { tags: ['org'], summary: 'Open a province branch, city branch or outlet', body: ZCreateOrgUnitRequest, response: { 201: ZOrgUnit, ...errors } } },
      async (request, reply) => reply.status(201).send(presentOrgUnit(await createOrgUnit(db, actorOf(request), request.body))),
    );
    app.patch(
      '/api/v1/org-units/:id',
      { schema: { tags: ['org'], summary: 'Rename or close an org unit', params: ZIdParams, body: ZUpdateOrgUnitRequest, response: { 200: ZOrgUnit, ...errors } } },
      async (request) => presentOrgUnit(await updateOrgUnit(db, actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/staff',
      { schema: { tags: ['staff'], summary: 'Staff accounts in the caller’s subtree', querystring: ZStaffListQuery, response: { 200: ZStaffList, ...errors } } },
      async (request) => {
        const { total, rows } = await listStaff(db, actorOf(request), request.query);
        return { items: rows.map((r) => presentStaff(r)), total, page: request.query.page, pageSize: request.query.pageSize };
      },
    );
    app.post(
      '/api/v1/staff',
      { schema: { tags: ['staff'], summary: 'Create a staff account (returns the one-time initial password)', body: ZCreateStaffRequest, response: { 201: ZCreatedStaff, ...errors } } },
      async (request, reply) => {
        const { row, initialPassword } = await createStaff(db, actorOf(request), request.body);
        return reply.status(201).send({ staff: presentStaff(row), initialPassword });
      },
    );
    app.get(
      '/api/v1/staff/:id',
      {
        schema: {
          tags: ['staff'],
          summary: 'One staff account; with ?purpose= the contact data is unmasked (audited)',
          params: ZIdParams,
          querystring: z.object({ purpose: z.string().trim().min(2).max(200).optional() }),
          response: { 200: ZStaff, ...errors },
        },
      },
      async (request) => {
        const { row, unmasked } = await getStaff(db, actorOf(request), request.params.id, request.query.purpose);
        return presentStaff(row, { unmasked });
      },
    );
    app.patch(
      '/api/v1/staff/:id',
      { schema: { tags: ['staff'], summary: 'Change a staff account', params: ZIdParams, body: ZUpdateStaffRequest, response: { 200: ZStaff, ...errors } } },
      async (request) => presentStaff(await updateStaff(db, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/staff/:id/reset-password',
      { schema: { tags: ['staff'], summary: 'Reset a password to a new one-time password and unlock the account', params: ZIdParams, response: { 200: ZResetPasswordResponse, ...errors } } },
      async (request) => ({ initialPassword: await resetStaffPassword(db, actorOf(request), request.params.id) }),
    );
  };
