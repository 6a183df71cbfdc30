// The e-ID account of whoever calls a "my …" endpoint (a citizen, or an official acting for
// themself): refuses machines and people without an account.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../http/auth.ts';
import { ForbiddenError, NotFoundError } from '../../../http/errors.ts';
import type { Account, AccountService } from './account.service.ts';

export async function currentAccount(req: FastifyRequest, accounts: AccountService): Promise<Account> {
  const actor = actorOf(req);
  if (!actor.pid) throw new ForbiddenError({ vi: 'Chỉ công dân đăng nhập bằng tài khoản định danh.', en: 'Only a citizen logged in with an e-ID account.' });
  const account = await accounts.findByPid(actor.pid);
  if (!account) throw new NotFoundError({ vi: 'Bạn chưa có tài khoản định danh điện tử.', en: 'You have no e-ID account.' });
  return account;
}
