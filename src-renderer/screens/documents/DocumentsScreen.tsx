// «Документы» section: the register at #/documents and a document's card at #/documents/<id>.
import { DocumentScreen } from './DocumentScreen';
import { DocumentsRegister } from './register/DocumentsRegister';

export function DocumentsScreen({ id }: { id?: string }) {
  const n = Number(id);
  return id && Number.isInteger(n) && n > 0 ? <DocumentScreen key={n} id={n} /> : <DocumentsRegister />;
}
