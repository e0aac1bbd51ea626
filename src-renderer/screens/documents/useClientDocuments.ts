// Loads a client's documents grouped by contract (with which distribution is in which specification) and reloads on changes from any workstation.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentCard, DocumentListItem } from '../../../src-shared/doc-types';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';

export interface ContractGroup {
  contract: DocumentListItem;
  /** Specifications and agreements (from the contract card) and invoices/acts that name this contract. */
  children: DocumentListItem[];
  /** Active specifications' distributions: which distribution is in which specification. */
  distributionMap: DocumentCard['distributionMap'];
}

export interface ClientDocuments {
  groups: ContractGroup[];
  /** Invoices and acts without a contract. */
  loose: DocumentListItem[];
  all: DocumentListItem[];
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

const TYPE_ORDER: Record<DocumentListItem['type'], number> = { contract: 0, specification: 1, additional_agreement: 2, invoice: 3, act: 4, upd: 5, invoice_factura: 6 };
const byTypeDate = (a: DocumentListItem, b: DocumentListItem) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.date.localeCompare(b.date) || a.id - b.id;

/** A client rarely has more than a few hundred documents; the register pages beyond that. */
const LIMIT = 1000;

export function useClientDocuments(clientId: number): ClientDocuments {
  const [state, setState] = useState<Omit<ClientDocuments, 'reload' | 'loading' | 'error'>>({ groups: [], loose: [], all: [] });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const { items } = await call('documents.list', { clientId, limit: LIMIT });
      const contracts = items.filter((d) => d.type === 'contract').sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
      const cards = await Promise.all(contracts.map((c) => call('documents.get', { id: c.id })));
      if (mine !== seq.current) return;
      const groups: ContractGroup[] = contracts.map((contract, i) => ({
        contract,
        children: items.filter((d) => d.parentId === contract.id).sort(byTypeDate),
        distributionMap: cards[i]!.distributionMap,
      }));
      const loose = items.filter((d) => d.type !== 'contract' && (d.parentId == null || !contracts.some((c) => c.id === d.parentId))).sort(byTypeDate);
      setState({ groups, loose, all: items });
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(errorText(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [clientId]);

  useEffect(() => {
    void reload();
    return onPush((event, data) => {
      if (event === 'client.changed' && (data as { clientId: number }).clientId === clientId) void reload();
    });
  }, [clientId, reload]);

  return { ...state, error, loading, reload };
}
