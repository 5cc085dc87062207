import { type QueryKey, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useToast } from '../../components/toast.tsx';

interface Options<Row, Input, Created> {
  /** The list: its key (api/query.ts) and its read. */
  queryKey: QueryKey;
  list: (signal: AbortSignal) => Promise<Row[]>;
  /** Off: nothing is read (an account that may not see the list). */
  enabled?: boolean;
  /** Creates one; the answer carries the secret (a token, a link), shown once. */
  create: (input: Input) => Promise<Created>;
  revoke: (row: Row) => Promise<unknown>;
  errorText: (error: unknown) => string;
  /** The toast after a revoke. */
  revokedText: (row: Row) => string;
}

/**
 * Create / show once / revoke, shared by the calendar links and the API tokens settings pages: the list, the create
 * dialog (open, saving, its error), the created secret shown until it is dismissed, and revoke with its toast. The
 * api functions mark the list stale after each write, so it refetches by itself.
 */
export function useIssuedSecrets<Row, Input, Created>(options: Options<Row, Input, Created>) {
  const { errorText } = options;
  const toast = useToast();
  const rows = useQuery({
    queryKey: options.queryKey,
    queryFn: ({ signal }) => options.list(signal),
    enabled: options.enabled ?? true,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const createMutation = useMutation({
    mutationFn: options.create,
    onSuccess: (answer) => {
      setCreated(answer);
      setDialogOpen(false);
    },
  });
  const revokeMutation = useMutation({
    mutationFn: options.revoke,
    onSuccess: (_answer, row) => toast.success(options.revokedText(row)),
    onError: (error) => toast.error(errorText(error)),
  });

  return {
    rows,
    dialog: {
      open: dialogOpen,
      show: () => setDialogOpen(true),
      hide: () => {
        setDialogOpen(false);
        createMutation.reset();
      },
      saving: createMutation.isPending,
      error: createMutation.error ? errorText(createMutation.error) : null,
    },
    /** The secret just created (null once dismissed). */
    created,
    dismiss: () => setCreated(null),
    /** Rejects when the server refuses (the dialog shows the error and stays open). */
    create: async (input: Input) => {
      await createMutation.mutateAsync(input);
    },
    revoke: (row: Row) => revokeMutation.mutate(row),
  };
}
