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

/** The chart as an SVG document string. */
export function renderChartSvg(spec: ChartSpec): string {
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
