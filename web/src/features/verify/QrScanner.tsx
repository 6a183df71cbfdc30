// Reads a QR code with the device camera: frames of the video are drawn on a canvas and decoded
// with jsQR a few times a second, until a code is found. Needs a secure context (HTTPS or
// localhost) and the user's permission; otherwise it says so and the scanner field remains.
import { useEffect, useRef, useState } from 'react';
import { Alert, Typography } from 'antd';
import jsQR from 'jsqr';
import { useTranslation } from 'react-i18next';

const DECODE_EVERY_MS = 150;

export function QrScanner({ onText }: { onText: (text: string) => void }) {
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
      if (code?.data) {
        stopped = true;
        cancelAnimationFrame(frame);
        done.current(code.data);
      }
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
  }, []);

  if (failed) return <Alert type="warning" showIcon title={t('verify.qr.cameraUnavailable')} data-testid="camera-unavailable" />;
  return (
    <div>
      <video ref={video} muted playsInline style={{ width: '100%', maxWidth: 420, borderRadius: 8, background: '#000' }} data-testid="camera" />
      <Typography.Paragraph type="secondary">{t('verify.qr.cameraHint')}</Typography.Paragraph>
    </div>
  );
}
