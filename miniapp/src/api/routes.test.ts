import { applicationsContract } from '@ycta/shared/contracts/applications.contract';
import { authContract } from '@ycta/shared/contracts/auth.contract';
import { creditContract } from '@ycta/shared/contracts/credit.contract';
import { inspectionsContract } from '@ycta/shared/contracts/inspections.contract';
import { mattersContract } from '@ycta/shared/contracts/matters.contract';
import { mediaContract } from '@ycta/shared/contracts/media.contract';
import { materialsContract } from '@ycta/shared/contracts/materials.contract';
import { creditRepairContract } from '@ycta/shared/contracts/credit-repair.contract';
import { route } from './route';
import { repairRoutes, routes } from './routes';

const contracts: Record<string, { method: string; path: string }> = {
  ...authContract, ...mattersContract, ...applicationsContract, ...creditContract, ...inspectionsContract, ...mediaContract, ...materialsContract,
};

describe('the client routes', () => {
  it.each(Object.entries(routes))('when %s is called, then it uses the method and path of its shared contract', (name, ref) => {
    expect(contracts[name]).toBeDefined();
    expect({ method: ref.method, path: ref.path }).toEqual({ method: contracts[name]!.method, path: contracts[name]!.path });
  });

  it.each(Object.entries(repairRoutes))('when the credit repair route %s is called, then it uses the method and path of its shared contract', (name, ref) => {
    const contract = (creditRepairContract as Record<string, { method: string; path: string }>)[name];
    expect({ method: ref.method, path: ref.path }).toEqual({ method: contract?.method, path: contract?.path });
  });

  it('when a route is declared with another path or method than its contract, then it does not compile', () => {
    // @ts-expect-error the contract's path is /applications/:id
    route<typeof applicationsContract.getApplication>('GET', '/application/:id');
    // @ts-expect-error the contract's method is POST
    route<typeof creditContract.requestRemote>('GET', '/applications/:id/remote-requests');
    expect(true).toBe(true);
  });
});
