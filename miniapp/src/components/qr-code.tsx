import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code as a GIF data URL: no canvas, works the same in weapp's <Image> and on h5. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(6, 4);
  }, [text]);
  return <Image src={src} ariaLabel={label} style={{ width: '400rpx', height: '400rpx' }} mode='aspectFit' />;
}
