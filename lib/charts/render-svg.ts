/**
 * Server-side rendering of the statistics charts to SVG with Apache ECharts (only the bar, pie and line
 * charts and the title, legend and grid components are loaded). Why on the server: the page ships no chart
 * JavaScript (ECharts even trimmed to these parts is ~300 kB of script for the browser to download and run),
 * the SVG's text stays real text in CJK fonts (zoomable, selectable, found by the e2e test), and keyboard
 * and screen-reader users lose nothing — the figure has a Chinese aria-label and its table follows it.
 * ECharts escapes the text it writes into the SVG (zrender's encodeHTML).
 */
import "server-only";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartSpec } from "@/lib/domain/statistics-charts";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/**
 * Rendered charts by their spec, most recently used last. Rendering is the largest part of the statistics
 * page's server time (bench/README.md, "Province-scale supervisor pages": ~40 % of its Node CPU), and the
 * figures change only when the rollups refresh, so supervisors of a region polling the page get the same
 * SVG again. The spec is the whole input (option data, size), so a changed figure is a different key.
 */
const rendered = new Map<string, string>();
export const CHART_CACHE_ENTRIES = 200;

/** The chart as an SVG document string (from the cache when the same spec was rendered recently). */
export function renderChartSvg(spec: Pick<ChartSpec, "option" | "width" | "height">): string {
  const key = JSON.stringify(spec);
  const cached = rendered.get(key);
  if (cached !== undefined) {
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const svg = renderUncached(spec);
  rendered.set(key, svg);
  if (rendered.size > CHART_CACHE_ENTRIES) rendered.delete(rendered.keys().next().value!);
  return svg;
}

/** How many rendered charts are kept (tests). */
export const cachedChartCount = () => rendered.size;

function renderUncached(spec: Pick<ChartSpec, "option" | "width" | "height">): string {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
