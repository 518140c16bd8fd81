import type { ReactNode } from 'react';

/** One aligned row of a settings section: its name (and a hint) on the left, its control and result on the right. */
export function SettingRow({
  label,
  htmlFor,
  labelId,
  hint,
  children,
}: {
  label: string;
  htmlFor?: string;
  labelId?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="setting-row">
      <div className="setting-name">
        {htmlFor ? (
          <label htmlFor={htmlFor} id={labelId}>
            {label}
          </label>
        ) : (
          <span id={labelId}>{label}</span>
        )}
        {hint && <p className="hint">{hint}</p>}
      </div>
      <div className="setting-control">{children}</div>
    </div>
  );
}

/** A settings section: a card with its icon and heading. */
export function SettingsSection({
  id,
  title,
  icon,
  children,
}: {
  id: string;
  title: string;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="settings-section card" aria-labelledby={id}>
      <h2 id={id}>
        <span className="settings-icon" aria-hidden="true">
          {icon}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}
