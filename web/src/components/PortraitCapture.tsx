// A portrait from the device's camera (getUserMedia) or from a photo file, kept as a JPEG data URL
// at most 640 px wide. Used at level-1 registration and at the police desk; when there is no
// camera, or the browser refuses it, a file can be chosen or the form goes on without one.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_WIDTH = 640;

/** Draws an image at most MAX_WIDTH wide and encodes it as JPEG. */
function toJpeg(source: CanvasImageSource, width: number, height: number): string {
  const scale = Math.min(1, MAX_WIDTH / width);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.85);
}

export function PortraitCapture({ value, onChange }: { value?: string | undefined; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);
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
      setError(t('portrait.noCamera', { reason: (err as DOMException).name || String(err) }));
    }
  }

  function capture() {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    onChange?.(toJpeg(v, v.videoWidth, v.videoHeight));
    stream?.getTracks().forEach((tr) => tr.stop());
    setStream(null);
  }

  async function choose(file: File) {
    setError(null);
    try {
      const bitmap = await createImageBitmap(file);
      onChange?.(toJpeg(bitmap, bitmap.width, bitmap.height));
    } catch {
      setError(t('portrait.badFile'));
    }
  }

  return (
    <div>
      <input
        ref={file}
        type="file"
        accept="image/jpeg,image/png"
        hidden
        data-testid="portrait-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void choose(f);
          e.target.value = '';
        }}
      />
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 8 }} />}
      {value && !stream && <img src={value} alt={t('portrait.alt')} data-testid="portrait" style={{ display: 'block', maxWidth: 200, borderRadius: 6, marginBottom: 8 }} />}
      {stream && <video ref={video} muted playsInline style={{ display: 'block', width: '100%', maxWidth: 320, borderRadius: 6, marginBottom: 8, background: '#000' }} />}
      <Space wrap>
        {!stream && <Button onClick={() => void open()}>{value ? t('portrait.retake') : t('portrait.open')}</Button>}
        {!stream && (
          <Button onClick={() => file.current?.click()}>{t('portrait.upload')}</Button>
        )}
        {stream && (
          <Button type="primary" onClick={capture}>
            {t('portrait.capture')}
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
            {t('portrait.remove')}
          </Button>
        )}
      </Space>
    </div>
  );
}
