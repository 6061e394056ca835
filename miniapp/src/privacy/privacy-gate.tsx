import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import './privacy-gate.css';

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

const AGREE_BUTTON_ID = 'privacy-agree';

/**
 * WeChat's privacy authorisation (required since 2023-10-17 with `__usePrivacyCheck__`): when a private
 * API such as getLocation or chooseLocation needs the user's consent, WeChat holds the call and asks us to
 * show our own popup; the call continues when the user taps a button of open-type agreePrivacyAuthorization.
 * Wrap every page that calls such an API. Does nothing on h5.
 */
export function PrivacyGate({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Resolve | null>(null);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    // WeChat keeps one listener: the page on screen registers its own.
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolve({ event: 'exposureAuthorization' });
      setPending(() => resolve);
    });
  }, []);

  const answer = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    pending?.(option);
    setPending(null);
  };

  return (
    <>
      {children}
      {pending ? (
        <View className='privacy'>
          <View className='privacy__dialog'>
            <Text className='privacy__title'>用户隐私保护提示</Text>
            <Text className='privacy__text'>
              为核对踏勘照片是否在经营场所现场拍摄，我们需要使用您的位置信息。请阅读
              <Text className='privacy__link' onClick={() => Taro.openPrivacyContract({})}>《远程踏勘小程序隐私保护指引》</Text>
              后选择是否同意。
            </Text>
            <Button id={AGREE_BUTTON_ID} className='btn btn--primary' openType='agreePrivacyAuthorization'
              onAgreePrivacyAuthorization={() => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID })}>同意</Button>
            <Button className='btn btn--plain' onClick={() => answer({ event: 'disagree' })}>拒绝</Button>
          </View>
        </View>
      ) : null}
    </>
  );
}
