/* 民政工作台: the progress summary's bar chart, drawn by the vendored Apache ECharts from the
   figures the page carries in data-chart (no inline script: the CSP allows none). */
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("progress-chart");
  if (!box || !window.echarts) { return; }
  var data = JSON.parse(box.getAttribute("data-chart"));
  var chart = window.echarts.init(box, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    color: ["#1d5fa8", "#2e7d32", "#b26a00"],
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: "category", data: data.categories },
    yAxis: { type: "value", minInterval: 1 },
    series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
