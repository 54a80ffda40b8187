import { renderChartSvg } from "@/lib/charts/render-svg";
import type { LoanChartSpec } from "@/lib/domain/loan-charts";

/** A loan chart rendered to SVG on the server: an image named by its label; its figures are in `tableId`. */
export function LoanChart({ spec, tableId }: { spec: LoanChartSpec; tableId: string }) {
  return (
    <figure className="overflow-x-auto rounded-lg bg-white p-2 ring-1 ring-slate-200">
      <div
        role="img"
        aria-label={spec.label}
        data-chart={spec.key}
        className="max-w-full"
        // ECharts' own SVG for our numbers and labels; it escapes text (lib/charts/render-svg.ts).
        dangerouslySetInnerHTML={{ __html: renderChartSvg(spec) }}
      />
      <figcaption className="mt-1 text-xs text-slate-500">
        {spec.label}；数据见{" "}
        <a href={`#${tableId}`} className="underline">
          下表
        </a>
        。
      </figcaption>
    </figure>
  );
}
