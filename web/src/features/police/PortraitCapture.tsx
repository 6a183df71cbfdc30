// A portrait from the desk's camera (getUserMedia), kept as a JPEG data URL. Optional: when there
// is no camera, or the browser refuses it, the desk goes on without a portrait.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_WIDTH = 640;

export function PortraitCapture({ value, onChange }: { value?: string | undefined; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  // the camera is released when the form closes
  useEffect(() => () => stream?.getTracks().forEach((tr) => tr.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) {
      video.current.srcObject = stream;
      void video.current.play().catch(() => undefined);
    }
  }, [stream]);

  async function open() {
    setError(null);
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('', 'NotSupportedError');
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: MAX_WIDTH } }, audio: false }));
    } catch (err) {
      setError(t('police.portrait.noCamera', { reason: (err as DOMException).name || String(err) }));
    }
  }

  function capture() {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const scale = Math.min(1, MAX_WIDTH / v.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    canvas.getContext('2d')!.drawImage(v, 0, 0, canvas.width, canvas.height);
    onChange?.(canvas.toDataURL('image/jpeg', 0.85));
    stream?.getTracks().forEach((tr) => tr.stop());
    setStream(null);
  }

  return (
    <div>
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
      {value && !stream && <img src={value} alt={t('police.portrait.alt')} data-testid="portrait" style={{ display: 'block', maxWidth: 200, borderRadius: 6, marginBottom: 8 }} />}
      {stream && <video ref={video} muted playsInline style={{ display: 'block', width: '100%', maxWidth: 320, borderRadius: 6, marginBottom: 8, background: '#000' }} />}
      <Space wrap>
        {!stream && <Button onClick={() => void open()}>{value ? t('police.portrait.retake') : t('police.portrait.open')}</Button>}
        {stream && (
          <Button type="primary" onClick={capture}>
            {t('police.portrait.capture')}
          </Button>
        )}
        {(value || stream) && (
          <Button
            onClick={() => {
              stream?.getTracks().forEach((tr) => tr.stop());
              setStream(null);
              onChange?.(undefined);
            }}
          >
            {t('police.portrait.remove')}
          </Button>
        )}
      </Space>
    </div>
  );
}
