// Reads a QR code with the device camera: frames of the video are drawn on a canvas and decoded
// with jsQR a few times a second, until a code is found — or, `continuous`, on and on with the
// camera kept open (a gate scanning visitor after visitor), the same code not reported again while
// it stays in view. Needs a secure context (HTTPS or localhost) and the user's permission;
// otherwise it says so and the scanner field remains.
import { useEffect, useRef, useState } from 'react';
import { Alert, Typography } from 'antd';
import jsQR from 'jsqr';
import { useTranslation } from 'react-i18next';

const DECODE_EVERY_MS = 150;
/** Continuous mode: a code read again within this time is the same one still in front of the camera. */
const SAME_CODE_MS = 2500;

export function QrScanner({ onText, continuous = false }: { onText: (text: string) => void; continuous?: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const done = useRef(onText);
  useEffect(() => {
    done.current = onText;
  });

  useEffect(() => {
    let stream: MediaStream | undefined;
    let frame = 0;
    let last = 0;
    let stopped = false;
    let lastCode = '';
    let lastAt = -Infinity;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });

    const tick = (now: number) => {
      if (stopped) return;
      frame = requestAnimationFrame(tick);
      const v = video.current;
      if (!v || !ctx || v.readyState < v.HAVE_ENOUGH_DATA || now - last < DECODE_EVERY_MS) return;
      last = now;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      if (!code?.data) return;
      if (!continuous) {
        stopped = true;
        cancelAnimationFrame(frame);
        done.current(code.data);
      } else if (code.data !== lastCode || now - lastAt > SAME_CODE_MS) {
        done.current(code.data);
      }
      if (code.data === lastCode && now - lastAt <= SAME_CODE_MS) lastAt = now;
      else [lastCode, lastAt] = [code.data, now];
    };

    if (!navigator.mediaDevices?.getUserMedia) {
      setFailed(true);
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        void video.current.play();
        frame = requestAnimationFrame(tick);
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [continuous]);

  if (failed) return <Alert type="warning" showIcon title={t('verify.qr.cameraUnavailable')} data-testid="camera-unavailable" />;
  return (
    <div>
      <video ref={video} muted playsInline style={{ width: '100%', maxWidth: 420, borderRadius: 8, background: '#000' }} data-testid="camera" />
      <Typography.Paragraph type="secondary">{t('verify.qr.cameraHint')}</Typography.Paragraph>
    </div>
  );
}
