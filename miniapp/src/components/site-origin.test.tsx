import { fireEvent, render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../test/app-under-test';
import { applicationDetail } from '../../test/fixtures';
import { errorReply } from '../../test/local-bff';
import { typeInto } from '../../test/taro-platform';
import { SiteConfirmation } from './site-origin';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const path = `/applications/${applicationDetail.id}`;
const proposed = { ...applicationDetail, site: { lat: 20.0331, lng: 110.3312 }, siteOrigin: 'proposed' as const };

describe('site confirmation on the acceptance desk', () => {
  it('when the applicant proposed the point, then staff confirm it with a reason and the page says it is confirmed', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: proposed });
    app.bff.on('POST', `${path}/site-confirmation`, { status: 200, body: { ...proposed, siteOrigin: 'confirmed' } });
    render(<SiteConfirmation applicationId={applicationDetail.id} />);
    expect(await screen.findByText('场所位置：申请人在地图上选定，待工作人员确认（北纬 20.03310°，东经 110.33120°）')).toBeTruthy();
    fireEvent.click(screen.getByText('确认此位置'));
    expect(screen.getByText('请写明确认依据，例如：已核对不动产权证上的坐落')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    typeInto(screen.getByLabelText('场所位置确认依据'), '已核对不动产权证坐落');
    fireEvent.click(screen.getByText('确认此位置'));
    expect(await screen.findByText('已确认场所位置，记录已保存')).toBeTruthy();
    expect(screen.getByText('场所位置：工作人员已确认（北纬 20.03310°，东经 110.33120°）')).toBeTruthy();
    expect(screen.queryByText('确认此位置')).toBeNull();
    expect(JSON.parse(app.bff.seen.find((r) => r.method === 'POST')!.body)).toEqual({ reason: '已核对不动产权证坐落' });
  });

  it('when the point came from the register, then there is nothing to confirm; a refusal shows its message', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: applicationDetail });
    render(<SiteConfirmation applicationId={applicationDetail.id} />);
    expect(await screen.findByText('场所位置：登记地址位置（北纬 20.05000°，东经 110.32000°）')).toBeTruthy();
    expect(screen.queryByText('确认此位置')).toBeNull();
    app.bff.close();

    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: proposed });
    app.bff.on('POST', `${path}/site-confirmation`, errorReply(409, 'APPLICATION.INVALID_TRANSITION', '申请已办结，不能改定场所位置'));
    render(<SiteConfirmation applicationId={applicationDetail.id} />);
    typeInto(await screen.findByLabelText('场所位置确认依据'), '现场核实');
    fireEvent.click(screen.getAllByText('确认此位置').at(-1)!);
    expect(await screen.findByText('申请已办结，不能改定场所位置')).toBeTruthy();
  });
});
