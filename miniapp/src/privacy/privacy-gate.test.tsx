import { act, fireEvent, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { platform } from '../../test/taro-platform';
import { PrivacyGate } from './privacy-gate';

const env = process.env.TARO_ENV;
afterEach(() => { process.env.TARO_ENV = env; });

function askForLocation() {
  const answers: { event: string; buttonId?: string }[] = [];
  act(() => platform.privacyListener!((option) => answers.push(option)));
  return answers;
}

describe('WeChat privacy authorisation', () => {
  it('when a private API needs consent and the user agrees, then WeChat is told which button was tapped', () => {
    process.env.TARO_ENV = 'weapp';
    const { container } = render(<PrivacyGate><Text>页面内容</Text></PrivacyGate>);
    const answers = askForLocation();
    expect(screen.getByText('用户隐私保护提示')).toBeTruthy();
    expect(screen.getByText('页面内容')).toBeTruthy();
    const agree = container.querySelector('#privacy-agree')!;
    expect(agree.getAttribute('open-type') ?? (agree as unknown as { openType?: string }).openType).toBe('agreePrivacyAuthorization');
    act(() => { agree.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { bubbles: true })); });
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('when the user refuses, then WeChat is told so and the popup closes', () => {
    process.env.TARO_ENV = 'weapp';
    render(<PrivacyGate><Text>页面内容</Text></PrivacyGate>);
    const answers = askForLocation();
    fireEvent.click(screen.getByText('拒绝'));
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(screen.queryByText('用户隐私保护提示')).toBeNull();
  });

  it('when on h5, then nothing is registered', () => {
    process.env.TARO_ENV = 'h5';
    render(<PrivacyGate><Text>页面内容</Text></PrivacyGate>);
    expect(platform.privacyListener).toBeNull();
  });
});
