// Draws every chart of templates/_chart.html on the page, and those that htmx swaps in later.
// The data sits in a <script type="application/json"> beside the chart; without this script the
// table under each chart still carries it.
(function () {
  "use strict";
  var PALETTE = ["#8b1a1a", "#1f5fa8", "#2e7d32", "#b26a00", "#6a1b9a", "#00695c"];

  function draw(element) {
    if (element.dataset.drawn || !window.echarts) return;
    var source = document.getElementById(element.dataset.chart);
    if (!source) return;
    var chart = JSON.parse(source.textContent);
    element.dataset.drawn = "1";
    var instance = window.echarts.init(element, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      color: PALETTE,
      title: { text: chart.title, left: 0, textStyle: { fontSize: 14, fontWeight: "bold" } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, left: 0, type: "scroll" },
      grid: { left: 40, right: 16, top: 36, bottom: 52 },
      xAxis: { type: "category", data: chart.labels, boundaryGap: chart.kind === "bar" },
      yAxis: { type: "value", minInterval: 1 },
      series: chart.series.map(function (line) {
        return {
          name: line.name,
          type: chart.kind === "bar" && !line.dashed ? "bar" : "line",
          data: line.data,
          lineStyle: line.dashed ? { type: "dashed" } : undefined,
          symbol: chart.labels.length > 40 ? "none" : "circle",
        };
      }),
    });
    new ResizeObserver(function () { instance.resize(); }).observe(element);
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
  // echarts.min.js is deferred too and may run after DOMContentLoaded listeners were added.
  window.addEventListener("load", function () { drawAll(document); });
})();
