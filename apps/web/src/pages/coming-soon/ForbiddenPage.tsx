import { ForbiddenResult } from '../../components/StatusPages.tsx';

export default function ForbiddenPage() {
  return <ForbiddenResult />;
}
