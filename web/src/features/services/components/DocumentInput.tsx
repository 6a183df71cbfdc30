// One document an application asks for: a file uploaded now (POST /api/v1/attachments, its name
// and size shown), or — when the catalogue allows reuse — a document already in the citizen's
// wallet of the kind asked for (a death extract for the funeral allowance), with nothing to upload.
import { useState } from 'react';
import { Button, Flex, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { problemText } from '../../../components/problem.tsx';
import { applicationsApi, fileSize, fileToBase64, type DocumentRef, type WalletDocument } from '../applications.ts';
import { type Document, pick } from '../services.ts';

const MAX_MB = 10;

export interface DocumentInputProps {
  doc: Document;
  /** The citizen's wallet documents of the kind this document may reuse (none at the desk). */
  wallet: WalletDocument[];
  applicantPid?: string | undefined;
  id?: string;
  value?: DocumentRef;
  onChange?: (v: DocumentRef | undefined) => void;
}

/** "Nguyễn Văn Tư · 24/11/2026": who or what a wallet document is about, to tell two apart. */
function walletLabel(d: WalletDocument, lang: string): string {
  const c = d.claims;
  // the person it is about: claims are named <section>_<field> (deceased_fullName, child_fullName …)
  const names = Object.keys(c).filter((k) => k.endsWith('_fullName'));
  const key = ['deceased_fullName', 'child_fullName', 'registrant_fullName'].find((k) => names.includes(k)) ?? names[0];
  const who = key && typeof c[key] === 'string' ? c[key] : undefined;
  return [pick(d.title, lang), who, viInstant(d.issuedAt)].filter(Boolean).join(' · ');
}

export function DocumentInput({ doc, wallet, applicantPid, id, value, onChange }: DocumentInputProps) {
  const { t, i18n } = useTranslation();
  const canWallet = doc.reuse === 'wallet' && wallet.length > 0;
  // until the person chooses: the wallet when it holds one (nothing to upload), else an upload
  const [chosen, setMode] = useState<'upload' | 'wallet' | null>(value ? ('walletDocumentId' in value ? 'wallet' : 'upload') : null);
  const mode = chosen ?? (canWallet ? 'wallet' : 'upload');
  const [file, setFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pickFile = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    if (f.size > MAX_MB * 1024 * 1024) return setError(t('services.form.fileTooBig', { size: MAX_MB }));
    setBusy(true);
    try {
      const up = await applicationsApi.upload({ fileName: f.name, mediaType: f.type || 'application/octet-stream', contentBase64: await fileToBase64(f) }, applicantPid);
      setFile(`${up.fileName} · ${fileSize(up.sizeBytes, i18n.language)}`);
      onChange?.({ attachmentId: up.id });
    } catch (err) {
      setError(problemText(err).message);
    } finally {
      setBusy(false);
    }
  };

  const uploaded = value && 'attachmentId' in value;
  const upload = (
    <Flex vertical gap={4} data-testid={`document-upload-${doc.id}`}>
      <label style={{ alignSelf: 'flex-start' }}>
        <input id={mode === 'upload' ? id : undefined} type="file" style={{ display: 'none' }} data-testid={`document-file-${doc.id}`} onChange={(e) => void pickFile(e.target.files?.[0])} />
        <Button loading={busy} onClick={(e) => (e.currentTarget.parentElement?.querySelector('input') as HTMLInputElement | null)?.click()}>
          {uploaded ? t('services.form.replaceFile') : t('services.form.chooseFile')}
        </Button>
      </label>
      {uploaded && (
        <Typography.Text type="success" data-testid={`document-uploaded-${doc.id}`}>
          ✓ {file ?? t('services.form.uploaded')}
        </Typography.Text>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Flex>
  );
  const fromWallet = (
    <Select
      id={mode === 'wallet' ? id : undefined}
      data-testid={`document-wallet-${doc.id}`}
      value={value && 'walletDocumentId' in value ? value.walletDocumentId : undefined}
      onChange={(v: string) => onChange?.({ walletDocumentId: v })}
      options={wallet.map((d) => ({ value: d.id, label: walletLabel(d, i18n.language) }))}
      placeholder={t('services.form.walletPick')}
      style={{ width: '100%' }}
    />
  );
  if (!canWallet) return upload;
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={mode}
        onChange={(e) => {
          setMode(e.target.value as 'upload' | 'wallet');
          onChange?.(undefined);
        }}
        options={[
          { value: 'wallet', label: t('services.form.fromWallet') },
          ...(doc.upload ? [{ value: 'upload', label: t('services.form.fromUpload') }] : []),
        ]}
        data-testid={`document-mode-${doc.id}`}
      />
      {mode === 'wallet' ? fromWallet : upload}
    </Flex>
  );
}
