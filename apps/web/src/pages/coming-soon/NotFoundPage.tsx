import { NotFoundResult } from '../../components/StatusPages.tsx';

export default function NotFoundPage() {
  return <NotFoundResult />;
}
