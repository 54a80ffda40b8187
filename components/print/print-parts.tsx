/** Shared parts of the printed forms (components/print/*): the sheet, its heading, signature and seal lines. */
import { PRINT_CSS } from "./print-styles";

/** The print stylesheet, once per page or PDF (see print-styles.ts). */
export function PrintStyles() {
  return <style>{PRINT_CSS}</style>;
}

/** One printed document: starts on a new A4 sheet when it follows another. */
export function PrintDoc({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <article className="pf-doc" aria-label={label} data-testid={testId}>
      {children}
    </article>
  );
}

export function PrintHeading({ title, left, right }: { title: string; left: string; right?: string }) {
  return (
    <header>
      <h2 className="pf-title">{title}</h2>
      <p className="pf-sub">
        <span>{left}</span>
        {right ? <span>{right}</span> : null}
      </p>
    </header>
  );
}

/** Signature lines ("label：＿＿＿＿　年　月　日"), and the seal line (盖章) when `seal` names the body. */
export function SignatureLines({ labels, seal }: { labels: string[]; seal?: string }) {
  return (
    <div className="pf-signatures">
      {labels.map((label) => (
        <div key={label} className="pf-line">
          {label}：<span style={{ flex: 1 }} />
          　　年　　月　　日
        </div>
      ))}
      {seal ? <div className="pf-seal">{seal}（盖章）</div> : null}
    </div>
  );
}

/** A row of label/value pairs in the form's grid (th/td alternating). */
export function FieldRow({ cells }: { cells: [string, React.ReactNode, number?][] }) {
  return (
    <tr>
      {cells.map(([label, value, span]) => [
        <th key={`${label}-h`} scope="row">
          {label}
        </th>,
        <td key={`${label}-d`} colSpan={span}>
          {value ?? "—"}
        </td>,
      ])}
    </tr>
  );
}
