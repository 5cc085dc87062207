/** A row of figures in the dashboard's KPI style (global.css .kpis). */
export function RollupKpis({
  label,
  items,
}: {
  label: string;
  items: { label: string; value: string | number; tone?: 'red' | 'green' }[];
}) {
  return (
    <ul className="kpis" aria-label={label}>
      {items.map((k) => (
        <li key={k.label} className={`kpi ${k.tone ? `kpi-${k.tone}` : ''}`}>
          <span className="kpi-label">{k.label}</span>
          <span className="kpi-value">{k.value}</span>
        </li>
      ))}
    </ul>
  );
}
