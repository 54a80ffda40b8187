import { renderChartSvg } from "@/lib/charts/render-svg";

/**
 * A chart rendered to SVG on the server (lib/charts/render-svg.ts): an image named by its Chinese label,
 * whose figures are in the table that follows it (`tableId`). Used by the statistics and the loan statistics pages.
 */
export function ChartFigure({
  spec,
  tableId,
}: {
  spec: Parameters<typeof renderChartSvg>[0] & { label: string; key: string };
  tableId: string;
}) {
  return (
    <figure className="overflow-x-auto rounded-lg bg-white p-2 ring-1 ring-slate-200">
      <div
        role="img"
        aria-label={spec.label}
        data-chart={spec.key}
        className="max-w-full"
        // The SVG is ECharts' own output for our numbers and labels; it escapes text (render-svg.ts).
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
