import type { ReactNode } from 'react';

/** A visible label above a filter control; `htmlFor` points at the control's id. */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
