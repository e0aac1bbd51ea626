// Preview of printed PDFs inside the app (an iframe on a blob: URL), with «Сохранить» and «Печать»; several files are listed and each can be previewed.
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Center, Group, Loader, NavLink, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import type { PrintedFile } from '../../../../src-shared/doc-types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { formatBytes } from '../../../../src-shared/format';

/** A file the server wrote, fetched once as a blob: URL (revoked when the preview closes). */
function useBlobUrls() {
  const urls = useRef(new Map<string, string>());
  useEffect(() => {
    const map = urls.current;
    return () => {
      for (const u of map.values()) URL.revokeObjectURL(u);
      map.clear();
    };
  }, []);
  return async (f: PrintedFile): Promise<string> => {
    const known = urls.current.get(f.path);
    if (known) return known;
    const r = await call('print.file', { path: f.path });
    const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
    urls.current.set(f.path, url);
    return url;
  };
}

const sizeText = formatBytes;
const pagesText = (n: number | null) => (n == null ? '' : `${n} стр.`);

function download(url: string, name: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function PdfPreview({ files, height = 'calc(100vh - 260px)' }: { files: PrintedFile[]; height?: string }) {
  const blobUrl = useBlobUrls();
  const [current, setCurrent] = useState(0);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const file = files[current];

  useEffect(() => {
    if (!file) return;
    let alive = true;
    setUrl(null);
    setLoaded(false);
    setError(null);
    blobUrl(file)
      .then((u) => alive && setUrl(u))
      .catch((err) => alive && setError(errorText(err)));
    return () => {
      alive = false;
    };
    // blobUrl caches by path; the file is what changes.
  }, [file?.path]);

  const saveAll = async () => {
    setSaving(true);
    try {
      for (const f of files) download(await blobUrl(f), f.suggestedName);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const print = () => {
    // The PDF viewer inside the frame prints the document itself, not the app around it.
    frame.current?.contentWindow?.focus();
    frame.current?.contentWindow?.print();
  };

  if (!file) return <Text c="dimmed">Нет файлов для просмотра.</Text>;
  return (
    <Group align="stretch" gap="sm" wrap="nowrap" data-testid="pdf-preview-panel">
      {files.length > 1 && (
        <Paper withBorder w={280} p={4} style={{ flexShrink: 0 }}>
          <Text size="xs" c="dimmed" px={6} py={4}>
            Файлов: {files.length}
          </Text>
          <ScrollArea.Autosize mah={height}>
            {files.map((f, i) => (
              <NavLink
                key={f.path}
                active={i === current}
                onClick={() => setCurrent(i)}
                leftSection={<IconFileTypePdf size={16} />}
                label={<Text size="xs">{f.suggestedName}</Text>}
                description={[pagesText(f.pages), sizeText(f.bytes)].filter(Boolean).join(' · ')}
                data-testid="print-file"
                data-path={f.path}
              />
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500} truncate data-testid="preview-name" data-path={file.path}>
            {file.suggestedName}{' '}
            <Text span size="xs" c="dimmed">
              {[pagesText(file.pages), sizeText(file.bytes)].filter(Boolean).join(' · ')}
            </Text>
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" leftSection={<IconDeviceFloppy size={14} />} disabled={!url} onClick={() => url && download(url, file.suggestedName)} data-testid="pdf-save">
              Сохранить
            </Button>
            {files.length > 1 && (
              <Button size="xs" variant="default" onClick={() => void saveAll()} loading={saving} data-testid="pdf-save-all">
                Сохранить все ({files.length})
              </Button>
            )}
            <Button size="xs" leftSection={<IconPrinter size={14} />} disabled={!loaded} onClick={print} data-testid="pdf-print">
              Печать
            </Button>
          </Group>
        </Group>
        {error && <Alert color="red">Файл не открылся: {error}</Alert>}
        <Box style={{ height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: 'var(--mantine-color-gray-1)' }}>
          {url ? (
            <iframe
              ref={frame}
              key={url}
              src={url}
              title={file.suggestedName}
              onLoad={() => setLoaded(true)}
              style={{ width: '100%', height: '100%', border: 0 }}
              data-testid="pdf-preview"
              data-loaded={loaded ? 'true' : 'false'}
            />
          ) : (
            !error && (
              <Center h="100%">
                <Loader size="sm" />
              </Center>
            )
          )}
        </Box>
      </Stack>
    </Group>
  );
}
