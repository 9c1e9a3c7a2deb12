import type { ProductSettings } from '../../../../machines';
import { api } from '../../lib/api';
import type { Opdrachtgever } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { ActionForm, type ActionFormProps } from './ActionForm';

/**
 * The Herontdekken CONCLUDE form with the case's opdrachtgever's catalogue (GET /opdrachtgevers),
 * so it can offer a follow-up variant. Until it is loaded, or if it fails, the form works without
 * the choice and the server opens its default follow-up.
 */
export function ConcludeForm(props: ActionFormProps & { opdrachtgeverId: string | null }) {
  const { opdrachtgeverId, ...formProps } = props;
  const opdrachtgevers = useApiGet('opdrachtgevers', (signal) =>
    api<{ items: Opdrachtgever[] }>('/opdrachtgevers', { signal }),
  );
  const catalogue =
    opdrachtgevers.status === 'ready'
      ? (opdrachtgevers.data.items.find((item) => item.id === opdrachtgeverId)?.catalogue as
          ProductSettings[] | undefined)
      : undefined;
  return <ActionForm {...formProps} followUpCatalogue={catalogue} />;
}
